/** /source for an author, Ibid. and bare pages, and a talk's sections, on the real corpus. */
import { beforeAll, describe, expect, it } from 'vitest';
import { createCiter } from '../src/cite/citer.ts';
import { resolveSource } from '../src/sources/resolve.ts';
import type { Reply } from '../src/reply/model.ts';
import { realCorpus } from './helpers/corpus.ts';
import { createRealDispatch, testScope, type RealDispatch } from './helpers/real-dispatch.ts';

let real: RealDispatch;
beforeAll(async () => {
  real = await createRealDispatch();
});
const text = (r: Reply) => r.sections.map((s) => (s.kind === 'text' ? s.text : s.kind === 'fields' ? s.fields.map((f) => `${f.name}: ${f.value}`).join('\n') : '')).join('\n');

describe('GIVEN /source with an author\'s name alone', () => {
  it('THEN "Getty" lists all seven of his works, the two written with Naumov included, instead of "no bibliography lists Getty"', async () => {
    const { corpus } = await realCorpus();
    const a = resolveSource(corpus, 'Getty');
    expect(a.kind).toBe('author');
    expect(a.authorWorks).toHaveLength(7);
    expect(a.authorWorks!.filter((c) => c.entry?.names?.some((n) => n.family === 'Naumov'))).toHaveLength(2);
    const r = await real.dispatch({ command: 'source', args: { text: 'Getty' }, scope: testScope() });
    expect(text(r)).toMatch(/7 works by Getty/);
    expect(text(r)).not.toMatch(/does not list|No bibliography/);
  });

  it('THEN "Furr" lists the corpus\'s own texts first and at least 19 entries of the book\'s list, co-authored ones included', async () => {
    const { corpus } = await realCorpus();
    const a = resolveSource(corpus, 'Furr');
    expect(a.authorWorks![0]!.entry).toBeUndefined();
    const entries = a.authorWorks!.filter((c) => c.entry);
    expect(entries.length).toBeGreaterThanOrEqual(19);
    expect(entries.some((c) => c.entry!.names!.some((n) => n.family === 'Bobrov'))).toBe(true);
  });
});

describe('GIVEN Ibid. and bare pages read in a passage', () => {
  it('THEN "Ibid. p. 205" says what it follows (WLT 1937-38 p. 203, not in the bibliography)', async () => {
    const { corpus } = await realCorpus();
    const a = resolveSource(corpus, 'Ibid. p. 205', { passage: 'trotskys-lies.p58' });
    expect(a.resolved).toBe(false);
    expect(a.refersTo).toEqual({ text: 'WLT 1937-38 p. 203', block: 'trotskys-lies.p57' });
    expect(a.note).toMatch(/refers to WLT 1937-38 p\. 203 .*does not list/);
  });

  it('THEN a bare "(p. 274)" resolves through the citation before it, (Vozhdy 250), to the Vozhdy entry', async () => {
    const { corpus } = await realCorpus();
    const a = resolveSource(corpus, '(p. 274)', { passage: 'trotskys-lies.p69' });
    expect(a.resolved).toBe(true);
    expect(a.entry?.text).toMatch(/^Fel'shtinsky, Iurii\. Vozhdy v zakone/);
    expect(a.pinpoint).toBe('274');
    expect(a.refersTo?.text).toBe('(Vozhdy 250)');
  });

  it('THEN an Ibid. after a quotation credited by title names that credit line', async () => {
    const { corpus } = await realCorpus();
    const a = resolveSource(corpus, 'Ibid.', { passage: 'trotskys-lies.p46' });
    expect(a.refersTo?.text).toMatch(/On the Suppressed Testament of Lenin/);
  });

  it('THEN in a thread, Ibid. resolves to the thread\'s last citation', async () => {
    const { corpus } = await realCorpus();
    const entry = corpus.works[0]!.bibliography.find((e) => e.text.includes('Vozhdy v zakone'))!;
    const a = resolveSource(corpus, 'Ibid.', { lastCitation: { workId: 'trotskys-lies', entryId: entry.id, text: '(Vozhdy 250)' } });
    expect(a.entry?.id).toBe(entry.id);
    expect(a.note).toMatch(/thread's last citation/);
  });
});

describe('GIVEN a passage of the talk', () => {
  it('THEN every style cites its numbered part as a section, never a chapter', async () => {
    const { corpus } = await realCorpus();
    const w = corpus.work('continuing-revolution-speech')!;
    const b = w.blocks.find((x) => x.locator.chapter === 6 && x.kind === 'paragraph')!;
    const citer = createCiter();
    for (const style of ['chicago', 'chicago-note', 'mla', 'apa'] as const) {
      const c = citer.passage(b, w, style);
      expect(c).toMatch(/sec\. 6|Section 6/);
      expect(c).not.toMatch(/chap\.|\bch\. 6|Chapter 6/);
    }
  });
});

describe('GIVEN /source with free words that match part of an entry only', () => {
  it('THEN the entry is given as probable, and the reply says Lectern is not certain', async () => {
    const { corpus } = await realCorpus();
    const a = resolveSource(corpus, 'terror stalin bolsheviks self-destruction');
    expect(a.entry?.text).toMatch(/The Road to Terror/);
    expect(a.certain).toBe(false);
    const r = await real.dispatch({ command: 'source', args: { text: 'terror stalin bolsheviks self-destruction' }, scope: testScope() });
    expect(text(r)).toMatch(/Uncertain: Probably this entry, but Lectern is not certain/);
    expect(resolveSource(corpus, 'Vozhdy v zakone').certain).toBeUndefined();
  });
});
