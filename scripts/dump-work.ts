// Developer aid: builds one work and prints its blocks with ids, locators and pairs.
import { readFile } from 'node:fs/promises';
import { loadManifest } from '../src/corpus/manifest.ts';
import { ingestWork } from '../src/corpus/ingest/work.ts';

const [id, what = 'summary'] = process.argv.slice(2);
const manifest = await loadManifest('data/corpus/manifest.json');
const meta = manifest.works.find((w) => w.id === id) ?? manifest.works[0]!;
const file = `data/corpus/${meta.file}`;
const w = ingestWork(meta, await readFile(file), file);
const kinds: Record<string, number> = {};
for (const b of w.blocks) kinds[b.kind] = (kinds[b.kind] ?? 0) + 1;
const notes = w.blocks.filter((b) => b.kind === 'footnote');
console.log(meta.id, kinds, 'footnotes linked', notes.filter((b) => b.refBlock).length, '/', notes.length, 'unlinked markers', JSON.stringify(w.unlinked.markers));
console.log('pairs', w.pairs.length, 'bib', w.bibliography.length, 'citations', w.citations.length, 'resolved', w.citations.filter((c) => c.status === 'resolved').length);
const byId = new Map(w.blocks.map((b) => [b.id, b]));
if (what === 'pairs') for (const p of w.pairs) {
  console.log(`${p.id} ${p.label} ${p.original.length}->${p.translation.length} via ${p.via.length} | ${byId.get(p.original[0]!)!.text.slice(0, 50)} || ${byId.get(p.translation[0]!)?.text.slice(0, 60)}`);
}
if (what === 'notes') for (const b of notes) console.log(b.id, b.locator.chapter ?? b.locator.part, `#${b.number}`, b.refBlock ?? 'UNLINKED', b.text.slice(0, 80));
if (what === 'cites') for (const c of w.citations) console.log(c.id, c.kind, c.status, JSON.stringify(c.text), '->', c.entry ? w.bibliography.find((e) => e.id === c.entry)!.text.slice(0, 70) : '-');
if (what === 'pages') for (const b of w.blocks) if (b.kind !== 'footnote') console.log(b.id, b.locator.chapter ?? b.locator.part, b.locator.page ?? '-', b.locator.pageBasis ?? '', b.text.slice(0, 60));
