/**
 * The neutral reply as one JSON document: the renderer behind the command line's `--json`. It
 * knows no command: passages become `results`, side-by-side sections `columns`, and the command's
 * own `facts` (identifiers, confidences, CSL-JSON) are spread in. A refusal keeps its stable
 * identifier (`errorId`) and message (`error`), so a script can tell "nothing found" from "asked wrongly".
 */
import type { ColumnsView, PassageView, Reply } from './model.ts';

/** What a script reads of one passage: the text as the source prints it, where it is, how to cite it. */
function passageJson(p: PassageView) {
  return {
    id: p.id,
    work: p.work,
    text: p.text,
    lang: p.lang,
    locator: p.locator,
    locatorLabel: p.locatorLabel,
    citation: p.citation,
    footnotes: p.footnotes.map((n) => ({ ...(n.id ? { id: n.id } : {}), marker: n.marker, text: n.text })),
    ...(p.snippet !== undefined ? { snippet: p.snippet } : {}),
    ...(p.score !== undefined ? { score: Number(p.score.toFixed(4)) } : {}),
    ...(p.translation ? { translation: { ids: p.translation.ids, text: p.translation.text, lang: p.translation.lang, locator: p.translation.locator } } : {}),
  };
}

const side = (s: ColumnsView['original']) => ({ ids: s.ids ?? [], text: s.text, lang: s.lang, locator: s.locator, label: s.label });

/** `asked`: what the script asked (the query), echoed first so batch answers can be matched to their lines. */
export function replyJson(reply: Reply, asked: Record<string, unknown> = {}): Record<string, unknown> {
  const results = reply.sections.flatMap((s) => (s.kind === 'passage' ? [passageJson(s.passage)] : []));
  const columns = reply.sections.flatMap((s) => (s.kind === 'columns' ? [{ pairId: s.columns.pairId, work: s.columns.work, original: side(s.columns.original), translation: side(s.columns.translation), note: s.columns.note }] : []));
  return {
    ...asked,
    title: reply.title,
    results,
    ...(columns.length ? { columns } : {}),
    ...(reply.facts ?? {}),
    ...(reply.files?.length ? { files: reply.files.map((f) => ({ name: f.name, mediaType: f.mediaType, data: f.data })) } : {}),
    ...(reply.empty ? { empty: true } : {}),
    ...(reply.error ? { error: reply.error.message, errorId: reply.error.identifier } : {}),
  };
}
