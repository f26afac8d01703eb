/**
 * A reply cut into messages that each fit in one Matrix event, through the conversation module's
 * one shrink-and-retry pager. Matrix limits bytes of the whole event, with the text there twice
 * (body and HTML), escaped, and Cyrillic taking two bytes a letter, so each page is measured as it
 * will be sent; a page that cannot be made to fit is replaced by a notice saying so.
 */
import type { Budget } from '../../reply/budget.ts';
import { fitPages as fitToLimit } from '../../conversation/pager.ts';
import { MATRIX_BUDGET, MATRIX_EVENT_BYTES_LIMIT } from './limits.ts';
import type { Reply } from '../../reply/model.ts';
import { eventBytes } from './content.ts';
import { renderMatrix, type MatrixRenderOptions, type RenderedMessage } from './render.ts';

export interface FittedPages {
  pages: RenderedMessage[];
  /** Largest event among the pages, in bytes; at most the limit. */
  largest: number;
}

const MIN_TEXT = 500;

/** What stands in for a page that cannot be made to fit (a title or label the pager cannot cut). */
const TOO_BIG: RenderedMessage = {
  body: 'This part of the answer is too large for one Matrix message and was left out.',
  formatted_body: '<p><em>This part of the answer is too large for one Matrix message and was left out.</em></p>',
};

export function fitPages(reply: Reply, opts: MatrixRenderOptions, limit = MATRIX_EVENT_BYTES_LIMIT, budget: Budget = MATRIX_BUDGET): FittedPages {
  const pages = fitToLimit(reply, budget, {
    render: (page) => renderMatrix(page, opts),
    excess: (m) => eventBytes(m) / limit,
    fallback: () => TOO_BIG,
    minText: MIN_TEXT,
  });
  return { pages, largest: Math.max(...pages.map(eventBytes)) };
}
