/**
 * A short citation typed as the text prints it (src/search/siglum.ts): "Broué 1980" is the
 * siglum the text's "(Broué 1980)" stands for, and the entry's full reference is the answer, not
 * "Since Broué's 1980 article …" nor the notes citing it. A siglum that is a title alone ("1937
 * Trial", "Genrikh Iagoda") is typed for its topic and changes nothing. Real corpus.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { SearchEngine } from '../src/search/engine.ts';
import { readsAsCitation } from '../src/search/siglum.ts';
import { realEngine } from './helpers/corpus.ts';

let engine: SearchEngine;
beforeAll(async () => {
  ({ engine } = await realEngine());
});

const first = async (query: string) => (await engine.search(query, { limit: 1 })).hits[0]!.block;

describe('GIVEN a query that is a bibliography entry siglum of an author and a year', () => {
  it('THEN that entry ranks first, typed with or without its accent', async () => {
    for (const q of ['Broué 1980', 'Broue 1980']) {
      const hit = await first(q);
      expect(hit.kind, q).toBe('bibliography');
      expect(hit.plain, q).toContain('Trotsky et le bloc des oppositions de 1932');
    }
  });
});

describe('GIVEN a siglum that is a title alone, typed as a topic', () => {
  it('THEN it is not read as a citation, and the passages on the topic keep their place', async () => {
    expect(readsAsCitation('1937 Trial')).toBe(false);
    expect(readsAsCitation('Genrikh Iagoda')).toBe(false);
    expect(readsAsCitation('Furr, Khrushchev Lied')).toBe(true);
    expect((await first('Genrikh Iagoda')).kind).not.toBe('bibliography');
    expect((await first('1937 trial')).kind).not.toBe('bibliography');
  });
});

describe("GIVEN a query that is an entry's authors' surnames and its whole title", () => {
  it('THEN that entry ranks first, above the passages and notes sharing its words', async () => {
    // Drawn at random from the bibliographies (none is an own or a dev case). Before: 2nd, 2nd and
    // 3rd, below Serge's account of the insurrection, Bazhanov's memoir quoted, Furr's own passage.
    for (const [q, entry] of [
      ['Ascher The Russian Revolution', 'Ascher, A. (2014). The Russian Revolution.'],
      ['Bazhanov Vospominaniia byvshego sekretaria Stalina', 'Bazhanov, Boris. Vospominaniia byvshego sekretaria Stalina'],
      ["Furr Evidence of Leon Trotsky's Collaboration with Germany and Japan", 'Furr, Grover. "Evidence of Leon Trotsky\'s Collaboration with Germany and Japan."'],
    ]) {
      const hit = await first(q!);
      expect(hit.kind, q).toBe('bibliography');
      expect(hit.plain, q).toContain(entry);
    }
  });

  it('THEN the title without its subtitle, or a surname as the entry spells it in parentheses, is typed whole too', async () => {
    // Drawn at random (seed 2217359637), typed as surnames and the title before its subtitle.
    // Before: 7th, below the passages naming the collaboration; 3rd, below passages on the amalgams.
    for (const [q, entry] of [
      ["Furr Leon Trotsky's Collaboration with Germany and Japan", 'Collaboration with Germany and Japan: Trotsky'],
      ['Deutscher The prophet outcast', 'The prophet outcast'],
      // "Tsarev, Oleg, and John Costello (Kostello). Rokovye illiuzii: iz ark-hivov KGB: …". Before: 3rd.
      ['Rokovye illiuzii Tsarev Kostello', 'Rokovye illiuzii'],
    ]) {
      const hit = await first(q!);
      expect(hit.kind, q).toBe('bibliography');
      expect(hit.plain, q).toContain(entry);
    }
  });

  it("THEN an author and a one-word title is a topic, and the entry's siglum still goes first", async () => {
    // "Broué Trotsky" is Broué on Trotsky, which the text discusses at length, not his book "Trotsky".
    expect((await first('Broué Trotsky')).kind).not.toBe('bibliography');
    // b123's title is "1937" too, but "Rogovin 1937" is b124's siglum.
    expect((await first('Rogovin 1937')).plain).toContain("Stalin's Year of Terror");
  });
});
