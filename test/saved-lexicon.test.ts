/** The learned lexicon kept in data/build: read back when current, learned again when not. */
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../src/logger.ts';
import { learnLexicons } from '../src/search/expand/lexicon.ts';
import { LEXICON_FILE, savedLexicons } from '../src/search/saved-lexicon.ts';
import { realCorpus } from './helpers/corpus.ts';

const settle = () => new Promise((r) => setTimeout(r, 300));

describe('GIVEN the lexicon learned from the bundled pairs', () => {
  it('THEN it is saved once, read back equal, and a stale, foreign or corrupt file is learned again', async () => {
    const { corpus } = await realCorpus();
    const dir = await mkdtemp(path.join(os.tmpdir(), 'lectern-lexicon-'));
    const file = path.join(dir, LEXICON_FILE);
    const learned = learnLexicons(corpus);
    savedLexicons(corpus, dir, silentLogger(), { inputs: 'build-1', persist: true })();
    await settle();
    const saved = JSON.parse(await readFile(file, 'utf8'));
    expect(saved).toMatchObject({ format: 'lectern.lexicon', version: 1 });
    const read = savedLexicons(corpus, dir, silentLogger(), { inputs: 'build-1', persist: true })();
    expect([...read.toEnglish]).toEqual([...learned.toEnglish]);
    expect([...read.fromEnglish]).toEqual([...learned.fromEnglish]);
    expect(read.toEnglish.size).toBeGreaterThan(0);

    // A tampered file of the same build is not trusted if it does not validate …
    await writeFile(file, JSON.stringify({ ...saved, version: 0, toEnglish: [['x', [{ term: 'y', p: 1 }]]] }));
    expect(savedLexicons(corpus, dir, silentLogger(), { inputs: 'build-1', persist: true })().toEnglish.has('x')).toBe(false);
    await settle();
    // … and another build's lexicon is learned again and replaced.
    await writeFile(file, JSON.stringify({ ...saved, toEnglish: [['x', [{ term: 'y', p: 1 }]]] }));
    expect(savedLexicons(corpus, dir, silentLogger(), { inputs: 'build-2', persist: true })().toEnglish.has('x')).toBe(false);
    await settle();
    expect(JSON.parse(await readFile(file, 'utf8')).toEnglish.some(([s]: [string]) => s === 'x')).toBe(false);
    // Written sealed (src/sealed-json.ts); a file changed under its old seal is walked in full and refused.
    savedLexicons(corpus, dir, silentLogger(), { inputs: 'build-3', persist: true })();
    await settle();
    const sealedText = await readFile(file, 'utf8');
    expect(sealedText).toMatch(/,"seal":"[0-9a-f]{64}"\}\n$/);
    await writeFile(file, sealedText.replace('"p":', '"q":'));
    const relearned = savedLexicons(corpus, dir, silentLogger(), { inputs: 'build-3', persist: true })();
    expect([...relearned.toEnglish]).toEqual([...learned.toEnglish]);
    await settle();
    expect(await readFile(file, 'utf8')).toBe(sealedText);
    await writeFile(file, '{"format": "lectern.lex');
    expect(savedLexicons(corpus, dir, silentLogger(), { inputs: 'build-2', persist: true })().toEnglish.size).toBe(learned.toEnglish.size);
  }, 60_000);
});
