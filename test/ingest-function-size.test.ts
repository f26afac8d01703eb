/** Issue 13: the ingestion rules stay small; no function in src/corpus/ingest runs over 120 lines. */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../src/config.ts';

const DIR = path.join(PROJECT_ROOT, 'src', 'corpus', 'ingest');
const MAX_LINES = 120;

function longFunctions(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const out: string[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isFunctionLike(node) && 'body' in node && node.body) {
      const start = source.getLineAndCharacterOfPosition(node.getStart()).line;
      const end = source.getLineAndCharacterOfPosition(node.getEnd()).line;
      if (end - start + 1 > MAX_LINES) out.push(`${path.basename(file)}:${start + 1} (${end - start + 1} lines)`);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return out;
}

describe('GIVEN the ingestion code in src/corpus/ingest', () => {
  it(`THEN no function is longer than ${MAX_LINES} lines`, () => {
    const files = readdirSync(DIR).filter((f) => f.endsWith('.ts'));
    expect(files.length).toBeGreaterThan(5);
    expect(files.flatMap((f) => longFunctions(path.join(DIR, f)))).toEqual([]);
  });
});
