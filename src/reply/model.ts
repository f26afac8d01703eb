/**
 * The neutral reply: what a command answers, before any platform has touched it.
 * Text fields hold the source's own light markup (`*em*`, `**strong**`, `<u>…</u>`); adapters
 * parse it with `parseInline` and render or escape it for their platform.
 */
import type { Locator } from '../corpus/model.ts';

export const VISIBILITIES = ['public', 'hidden'] as const;
export type Visibility = (typeof VISIBILITIES)[number];

export interface FootnoteView {
  /** The footnote's block id, for machine readers. */
  id?: string;
  marker: string;
  text: string;
}

export interface PassageSide {
  text: string;
  lang: string;
  locator: Locator;
  /** Human-readable locator, e.g. "Trotsky's Lies, ch. 2, ¶ 14, p. 35". */
  locatorLabel: string;
}

export interface PassageView {
  id: string;
  work: { id: string; title: string; author: string };
  text: string;
  lang: string;
  locator: Locator;
  locatorLabel: string;
  citation: string;
  footnotes: FootnoteView[];
  /**
   * The translation the source itself gives for this passage, when it gives one. Shown through the
   * translation action, not inline, so the pager does not count it (see measure.ts).
   */
  translation?: PassageSide & { ids: string[] };
  /** Highlighted snippet; terms that matched are wrapped in `**`. For machine readers (`--json`): every platform quotes `text` whole. The pager counts both. */
  snippet?: string;
  score?: number;
}

export interface ColumnsView {
  pairId: string;
  work: { id: string; title: string };
  /** `ids`: the blocks each side shows (a thread's notes record them). */
  original: PassageSide & { label: string; ids?: string[] };
  translation: PassageSide & { label: string; ids?: string[] };
  /** Always says that the translation is the one the source gives. */
  note: string;
}

export type Section =
  | { kind: 'text'; text: string }
  | { kind: 'passage'; passage: PassageView }
  | { kind: 'columns'; columns: ColumnsView }
  | { kind: 'fields'; fields: { name: string; value: string }[] }
  | { kind: 'code'; lang: 'bibtex' | 'ris' | 'json' | 'text'; text: string };

export type ActionKind =
  | 'next'
  | 'previous'
  | 'translation'
  | 'cite'
  | 'discuss'
  | 'context'
  | 'more'
  /** A thread's notes: its bibliography, or the quoted passages as a file. */
  | 'bibliography'
  | 'notes';

export interface Action {
  kind: ActionKind;
  label: string;
  /** What the action operates on: a passage id, a pair id, a page number… */
  target: string;
  /**
   * For `cite`: the styles offered; for paging: the page it leads to. The pager's own next/previous
   * have `target: 'page'` (PAGE_TARGET) and the 0-based index of the page in `options[0]`; a
   * command's results paging has its own target and the 1-based results page.
   */
  options?: string[];
}

/** A file the reply comes with (an export, a thread's notes): attached where the door can attach files. */
export interface ReplyFile {
  name: string;
  mediaType: string;
  data: string;
  /** Markdown a door may show as the message itself when it fits in one (as HTML, say), besides attaching it. */
  showInline?: boolean;
  /** Where the asker asked it to be written, on a door with local files (the console); others attach it. */
  saveAs?: string;
}

export interface Reply {
  title: string;
  sections: Section[];
  actions: Action[];
  visibility: Visibility;
  /** The command looked and found nothing to show (an answer, not an error: exit code 1 on the command line). */
  empty?: true;
  /** Present when the reply is an error message; `identifier` is stable. */
  error?: { identifier: string; message: string };
  /** Set by the pager: this reply is part `index + 1` of `count`. */
  page?: { index: number; count: number };
  /** Work the reply is about, so a thread opened on it can default to that work. */
  workId?: string;
  /** The citation the reply gave last, so `Ibid.` in a thread can resolve against it. */
  lastCitation?: { workId: string; entryId?: string; text: string };
  /**
   * The answer as data, for machine readers (`--json`): what the sections show, plus what a reader's
   * eye does not need (identifiers, confidences, CSL-JSON). Made by the command from the same result.
   */
  facts?: Record<string, unknown>;
  files?: ReplyFile[];
}
