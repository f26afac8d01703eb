/** `lectern validate`: checks the manifest and the build for the invariants the rest relies on. */
import type { CorpusBuild } from './work.ts';

export function validateBuild(build: Pick<CorpusBuild, 'works'>): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const w of build.works) {
    const ids = new Set<string>();
    const add = (id: string, what: string) => {
      if (seen.has(id)) problems.push(`${w.meta.id}: duplicate ${what} id ${id}`);
      seen.add(id);
      ids.add(id);
    };
    for (const b of w.blocks) add(b.id, 'block');
    for (const p of w.pairs) add(p.id, 'pair');
    for (const c of w.citations) add(c.id, 'citation');
    const entryIds = new Set(w.bibliography.map((e) => e.id));
    for (const p of w.pairs) {
      if (p.original.length === 0 || p.translation.length === 0) problems.push(`${p.id}: a translation pair must have two sides`);
      for (const id of [...p.original, ...p.translation, ...p.via]) {
        if (!ids.has(id)) problems.push(`${p.id}: unknown block ${id}`);
      }
      const covered = new Set(p.segments.flatMap(([a, b]) => [...a, ...b]));
      for (const id of [...p.original, ...p.translation]) if (!covered.has(id)) problems.push(`${p.id}: block ${id} is in no aligned segment`);
    }
    const unlinked = new Set(w.unlinked.markers.map((m) => `${m.block}#${m.number}`));
    for (const b of w.blocks) {
      for (const m of b.markers) {
        if (m.footnoteId === null && !unlinked.has(`${b.id}#${m.number}`)) problems.push(`${b.id}: marker ${m.number} is neither linked nor listed as unlinked`);
        if (m.footnoteId !== null && !ids.has(m.footnoteId)) problems.push(`${b.id}: marker ${m.number} points at unknown footnote ${m.footnoteId}`);
      }
      if (b.kind === 'footnote' && b.refBlock && !ids.has(b.refBlock)) problems.push(`${b.id}: refers to unknown block ${b.refBlock}`);
    }
    for (const c of w.citations) {
      if (c.entry && !entryIds.has(c.entry)) problems.push(`${c.id}: resolves to unknown entry ${c.entry}`);
      if (!ids.has(c.block)) problems.push(`${c.id}: in unknown block ${c.block}`);
    }
  }
  return problems;
}
