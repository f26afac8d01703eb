/**
 * Segments to raw blocks: headings and book parts, paragraphs rejoined across page breaks,
 * footnote bodies, labels, attributions, list items and bibliography entries, with page furniture
 * and OCR junk removed. The regions (front matter, contents) are found first; then each segment
 * goes through the ordered rules of `structure-rules.ts`, and the first rule that takes it decides
 * what it is. DESIGN.md summarises the rules.
 */
import type { ManifestWork } from '../manifest.ts';
import { toSegments } from './segments.ts';
import { findRegions, locateTocHeadings } from './structure-regions.ts';
import { STRUCTURE_RULES } from './structure-rules.ts';
import { StructureState } from './structure-state.ts';
import type { Structure, StructureHints } from './structure-types.ts';

export type { IndexEntry, PageAnchor, RawBlock, RawKind, Structure, StructureHints } from './structure-types.ts';
export { PAGE_BREAK_LINE } from './structure-types.ts';

/** Which rule took each segment, by physical line: what `traceRules` reports. */
export type RuleTrace = Map<number, string>;

export function buildStructure(text: string, work: ManifestWork, hints: StructureHints = {}, trace?: RuleTrace): Structure {
  const segs = toSegments(text);
  const regions = findRegions(segs, work);
  const st = new StructureState(segs, work, regions.front, locateTocHeadings(segs, regions.toc, regions.bodyStart), hints);
  for (st.i = regions.bodyStart; st.i < segs.length; st.i++) {
    const seg = segs[st.i]!;
    const rule = STRUCTURE_RULES.find((r) => r.apply(st, seg));
    trace?.set(seg.line, rule!.name);
  }
  return { blocks: st.blocks, anchors: st.anchors, index: st.index, toc: regions.toc, front: regions.front, pageText: st.pageText };
}

/** The rule that decided each line of a text (tests and `scripts/dump-structure.ts` use it). */
export function traceRules(text: string, work: ManifestWork, hints: StructureHints = {}): RuleTrace {
  const trace: RuleTrace = new Map();
  buildStructure(text, work, hints, trace);
  return trace;
}
