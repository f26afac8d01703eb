import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadOwnCases, ownCaseFiles } from '../src/eval/own-cases.ts';

const kase = (id: string) => ({ id, kind: 'short', query: id, file: 'x.txt', must_contain: ['x'] });

describe('GIVEN own cases split over cases.json and cases-<name>.json', () => {
  it('THEN the eval and the tests read every file as one set, cases.json first', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'own-cases-'));
    writeFileSync(path.join(dir, 'cases.json'), JSON.stringify({ about: 'x', cases: [kase('o-1')] }));
    writeFileSync(path.join(dir, 'cases-b.json'), JSON.stringify({ cases: [kase('o-b1')] }));
    writeFileSync(path.join(dir, 'cases-a.json'), JSON.stringify([kase('o-a1')]));
    writeFileSync(path.join(dir, 'notes.json'), JSON.stringify([kase('o-n1')]));
    expect(ownCaseFiles(dir).map((f) => path.basename(f))).toEqual(['cases.json', 'cases-a.json', 'cases-b.json']);
    expect(loadOwnCases(dir).map((c) => c.id)).toEqual(['o-1', 'o-a1', 'o-b1']);
  });

  it('THEN an id written in two files is refused, naming the id and the file', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'own-cases-'));
    writeFileSync(path.join(dir, 'cases.json'), JSON.stringify({ cases: [kase('o-1')] }));
    writeFileSync(path.join(dir, 'cases-z.json'), JSON.stringify({ cases: [kase('o-1')] }));
    expect(() => loadOwnCases(dir)).toThrow(/o-1 appears twice \(cases-z\.json\)/);
  });
});

describe('GIVEN the repository own cases', () => {
  it('THEN they load with unique ids, at least the 966 of cases.json', () => {
    expect(loadOwnCases().length).toBeGreaterThanOrEqual(966);
  });
});
