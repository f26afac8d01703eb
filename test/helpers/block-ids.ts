/**
 * Ids are stored in groups' threads and must never shift. A fixture made before a change that adds
 * blocks (test/fixtures/block-ids*.json) holds every id of the bundled corpus with the first 12 hex
 * digits of the SHA-256 of what it names (a block or entry: its text; a citation: its block and
 * text; a pair: its sides); this compares the corpus as built now against it.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Corpus } from '../../src/corpus/corpus.ts';
import { PROJECT_ROOT } from '../../src/config.ts';

const digest = (s: string) => createHash('sha256').update(s).digest('hex').slice(0, 12);

/** Per work of the fixture: the ids that now name something else (or nothing), and the ids that are new. */
export function idsAgainst(corpus: Corpus, fixture: string): { work: string; moved: string[]; added: string[] }[] {
  const before = JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'test', 'fixtures', fixture), 'utf8')) as { works: Record<string, Record<string, string>> };
  return Object.entries(before.works).map(([workId, ids]) => {
    const w = corpus.work(workId)!;
    const now = new Map<string, string>();
    for (const b of w.blocks) now.set(b.id, digest(b.text));
    for (const e of w.bibliography) if (!now.has(e.id)) now.set(e.id, digest(e.text));
    for (const c of w.citations) now.set(c.id, digest(`${c.block}\u0000${c.text}`));
    for (const p of w.pairs) now.set(p.id, digest([...p.original, '|', ...p.translation].join(' ')));
    return {
      work: workId,
      moved: Object.entries(ids).filter(([id, h]) => now.get(id) !== h).map(([id]) => id),
      added: [...now.keys()].filter((id) => !(id in ids)),
    };
  });
}
