// Developer aid: prints the raw structure of one bundled text, to review the ingestion rules by eye.
import { readFile } from 'node:fs/promises';
import { loadManifest } from '../src/corpus/manifest.ts';
import { buildStructure } from '../src/corpus/ingest/structure.ts';

const [id, width = '110'] = process.argv.slice(2);
const manifest = await loadManifest('data/corpus/manifest.json');
const work = manifest.works.find((w) => w.id === id) ?? manifest.works[0]!;
const text = await readFile(`data/corpus/${work.file}`, 'utf8');
const s = buildStructure(text, work);
for (const b of s.blocks) {
  const tag = `${b.kind}${b.level ? b.level : ''}${b.footnoteNumber !== undefined ? `#${b.footnoteNumber}` : ''}${b.label ? `(${b.label})` : ''}${b.continued ? '+' : ''}`;
  console.log(`${String(b.lines[0]).padStart(4)}-${String(b.lines[1]).padEnd(4)} ${tag.padEnd(16)} ${b.chapter ?? b.part.slice(0, 4)} | ${b.text.replace(/\n/g, ' ⏎ ').slice(0, Number(width))}`);
}
console.log('anchors', JSON.stringify(s.anchors));
console.log('toc', JSON.stringify(s.toc));
console.log('index entries', s.index.length, JSON.stringify(s.index.slice(0, 8)));
console.log('front', JSON.stringify(s.front).slice(0, 600));
