/** Matrix's limits on what one message event may hold, and the reply budget built on them. */
import type { Budget } from '../../reply/budget.ts';

/** Matrix's hard limit is 65,536 bytes for the whole event; leave room for the envelope. */
export const MATRIX_EVENT_BYTES_LIMIT = 60_000;

/** Matrix counts bytes of the whole event (plain body + HTML); text is budgeted at a third of it. */
export const MATRIX_BUDGET: Budget = {
  maxBody: 16_000,
  maxField: 8_000,
  maxFieldName: 200,
  maxTitle: 300,
  maxFields: 50,
  maxTotal: 18_000,
};

