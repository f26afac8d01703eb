/**
 * Reply builders: the only way commands make replies, so every reply has the same shape — public
 * unless asked hidden, errors always hidden, actions in a fixed order — whatever the platform.
 * They build one long reply; `paginate` cuts it for the platform.
 */
import type { CitationStyleId } from '../dispatch/types.ts';
import type { Action, ColumnsView, PassageView, Reply, Section, Visibility } from './model.ts';
import { STYLE_IDS } from '../cite/ids.ts';

export const CITATION_STYLES: readonly CitationStyleId[] = STYLE_IDS;

export interface ReplyOptions {
  visibility?: Visibility;
  /** Shorthand for `visibility: 'hidden'` (the `--hide` option). */
  hidden?: boolean;
  /** Actions added after the ones the builder makes. */
  actions?: Action[];
  workId?: string;
  lastCitation?: Reply['lastCitation'];
}

/** Results paging (more results of a search), as opposed to the pager's own pages. */
export interface ResultsPaging {
  /** What the next/previous actions operate on: the query, encoded by the command. */
  target: string;
  /** 1-based page of results this reply shows. */
  page: number;
  hasNext: boolean;
}

export interface PassagesOptions extends ReplyOptions {
  /** Citation styles the cite action offers; all of them by default. */
  styles?: readonly CitationStyleId[];
  paging?: ResultsPaging;
  /** The passages are shown in translation: the toggle offers the original. */
  showingTranslation?: boolean;
  /** Leave out discuss (on platforms or in places without threads). */
  discuss?: boolean;
}

const visibilityOf = (opts: ReplyOptions | undefined): Visibility =>
  opts?.hidden ? 'hidden' : (opts?.visibility ?? 'public');

function make(title: string, sections: Section[], actions: Action[], opts: ReplyOptions | undefined): Reply {
  const reply: Reply = { title, sections, actions: [...actions, ...(opts?.actions ?? [])], visibility: visibilityOf(opts) };
  if (opts?.workId !== undefined) reply.workId = opts.workId;
  if (opts?.lastCitation !== undefined) reply.lastCitation = opts.lastCitation;
  return reply;
}

export function errorReply(identifier: string, message: string): Reply {
  return { title: 'Error', sections: [{ kind: 'text', text: message }], actions: [], visibility: 'hidden', error: { identifier, message } };
}


export function textReply(title: string, text: string, opts?: ReplyOptions): Reply {
  return make(title, [{ kind: 'text', text }], [], opts);
}

export function fieldsReply(title: string, fields: { name: string; value: string }[], opts?: ReplyOptions & { intro?: string }): Reply {
  const sections: Section[] = [];
  if (opts?.intro) sections.push({ kind: 'text', text: opts.intro });
  sections.push({ kind: 'fields', fields: fields.map((f) => ({ ...f })) });
  return make(title, sections, [], opts);
}

export function codeReply(title: string, lang: Extract<Section, { kind: 'code' }>['lang'], text: string, opts?: ReplyOptions & { intro?: string }): Reply {
  const sections: Section[] = [];
  if (opts?.intro) sections.push({ kind: 'text', text: opts.intro });
  sections.push({ kind: 'code', lang, text });
  return make(title, sections, [], opts);
}

function passageActions(p: PassageView, n: number, many: boolean, opts: PassagesOptions): Action[] {
  const suffix = many ? ` ${n}` : '';
  const actions: Action[] = [];
  if (p.translation) {
    actions.push({ kind: 'translation', label: `${opts.showingTranslation ? 'Original' : 'Translation'}${suffix}`, target: p.id });
  }
  actions.push({ kind: 'cite', label: `Cite${suffix}`, target: p.id, options: [...(opts.styles ?? CITATION_STYLES)] });
  if (opts.discuss !== false) actions.push({ kind: 'discuss', label: `Discuss${suffix}`, target: p.id });
  actions.push({ kind: 'context', label: `Context${suffix}`, target: p.id });
  return actions;
}

function pagingActions(paging: ResultsPaging | undefined): Action[] {
  if (!paging) return [];
  const actions: Action[] = [];
  if (paging.page > 1) actions.push({ kind: 'previous', label: 'Previous results', target: paging.target, options: [String(paging.page - 1)] });
  if (paging.hasNext) actions.push({ kind: 'next', label: 'More results', target: paging.target, options: [String(paging.page + 1)] });
  return actions;
}

/** Passages with their citations; actions for each passage (numbered when there are several), then results paging. */
export function passagesReply(title: string, passages: PassageView[], opts: PassagesOptions = {}): Reply {
  const many = passages.length > 1;
  const actions = [...passages.flatMap((p, i) => passageActions(p, i + 1, many, opts)), ...pagingActions(opts.paging)];
  const works = new Set(passages.map((p) => p.work.id));
  const last = passages[passages.length - 1];
  const derived: ReplyOptions = {
    ...(works.size === 1 && last ? { workId: last.work.id } : {}),
    ...(last ? { lastCitation: { workId: last.work.id, text: last.citation } } : {}),
    ...opts,
  };
  const sections: Section[] =
    passages.length > 0 ? passages.map((passage) => ({ kind: 'passage', passage })) : [{ kind: 'text', text: 'No passages found.' }];
  return make(title, sections, actions, derived);
}

/** An original and the translation the source gives, side by side (or stacked, as the platform can). */
export function columnsReply(
  columns: ColumnsView,
  opts: ReplyOptions & { title?: string; styles?: readonly CitationStyleId[]; discuss?: boolean } = {},
): Reply {
  const title = opts.title ?? `${columns.work.title}: ${columns.original.label} / ${columns.translation.label}`;
  const actions: Action[] = [{ kind: 'cite', label: 'Cite', target: columns.pairId, options: [...(opts.styles ?? CITATION_STYLES)] }];
  if (opts.discuss !== false) actions.push({ kind: 'discuss', label: 'Discuss', target: columns.pairId });
  return make(title, [{ kind: 'columns', columns }], actions, { workId: columns.work.id, ...opts });
}
