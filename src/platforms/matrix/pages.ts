/**
 * A reply cut into messages that each fit in one Matrix event. The pager counts characters, but
 * Matrix limits bytes of the whole event, with the text there twice (body and HTML), escaped, and
 * Cyrillic taking two bytes a letter: each page is measured as it will be sent, and when one is
 * too big the whole reply is paged again on a smaller budget, so parts stay numbered 1…n.
 */
import type { Budget } from '../../reply/budget.ts';
import { MATRIX_BUDGET, MATRIX_EVENT_BYTES_LIMIT } from './limits.ts';
import type { Reply } from '../../reply/model.ts';
import { paginate } from '../../reply/paginate.ts';
import { eventBytes } from './content.ts';
import { renderMatrix, type MatrixRenderOptions, type RenderedMessage } from './render.ts';

export interface FittedPages {
  pages: RenderedMessage[];
  /** Largest event among the pages, in bytes; at most the limit. */
  largest: number;
}

const MIN_TEXT = 500;

export function scaleBudget(budget: Budget, factor: number): Budget {
  const scale = (n: number) => Math.max(MIN_TEXT, Math.floor(n * factor));
  return { ...budget, maxBody: scale(budget.maxBody), maxField: scale(budget.maxField), maxTotal: scale(budget.maxTotal) };
}

/** What stands in for a page that cannot be made to fit (a title or label the pager cannot cut). */
const TOO_BIG: RenderedMessage = {
  body: 'This part of the answer is too large for one Matrix message and was left out.',
  formatted_body: '<p><em>This part of the answer is too large for one Matrix message and was left out.</em></p>',
};

export function fitPages(reply: Reply, opts: MatrixRenderOptions, limit = MATRIX_EVENT_BYTES_LIMIT, budget: Budget = MATRIX_BUDGET): FittedPages {
  let current = budget;
  for (let attempt = 0; attempt < 8; attempt++) {
    const pages = paginate(reply, current).map((page) => renderMatrix(page, opts));
    const largest = Math.max(...pages.map(eventBytes));
    if (largest <= limit) return { pages, largest };
    if (current.maxTotal <= MIN_TEXT) break;
    // Sizes grow about linearly with the text; aim a little under the limit.
    current = scaleBudget(current, Math.min(0.9, (limit / largest) * 0.9));
  }
  const pages = paginate(reply, current).map((page) => renderMatrix(page, opts));
  const fitted = pages.map((p) => (eventBytes(p) <= limit ? p : TOO_BIG));
  return { pages: fitted, largest: Math.max(...fitted.map(eventBytes)) };
}
