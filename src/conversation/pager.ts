/**
 * The one shrink-and-retry pager. `paginate` counts the reply's characters, but a door's message
 * has more (escapes, markup, the text twice, bytes not characters): each page is measured as it
 * will be sent, and when one is over, the whole reply is paged again on a smaller budget, so parts
 * stay numbered 1…n. What still does not fit after that goes through the door's last resort.
 */
import type { Budget } from '../reply/budget.ts';
import type { Reply } from '../reply/model.ts';
import { paginate } from '../reply/paginate.ts';

export interface PageFit<Page> {
  render(page: Reply): Page;
  /** How far over its limit a message is: 1 or less fits, 1.2 is 20 % too big. */
  excess(page: Page): number;
  /** The last resort for a page still over (cut it, or stand in for it). */
  fallback(page: Page): Page;
  /** Text budgets never shrink below this. */
  minText: number;
  /** The next budget's factor for an excess; by default aims a little under the limit. */
  factor?(excess: number): number;
}

const ATTEMPTS = 8;

export function scaleBudget(budget: Budget, factor: number, minText: number): Budget {
  const s = (n: number) => Math.max(minText, Math.floor(n * factor));
  return { ...budget, maxBody: s(budget.maxBody), maxField: s(budget.maxField), maxTotal: s(budget.maxTotal) };
}

export function fitPages<Page>(reply: Reply, budget: Budget, fit: PageFit<Page>): Page[] {
  const factor = fit.factor ?? ((e: number) => Math.min(0.9, 0.9 / e));
  let current = budget;
  let pages: Page[] = [];
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    pages = paginate(reply, current).map((page) => fit.render(page));
    const worst = Math.max(...pages.map((p) => fit.excess(p)));
    if (worst <= 1) return pages;
    if (current.maxTotal <= fit.minText) break;
    current = scaleBudget(current, factor(worst), fit.minText);
  }
  return pages.map((p) => (fit.excess(p) <= 1 ? p : fit.fallback(p)));
}
