import { beforeAll, describe, expect, it } from 'vitest';
import type { Corpus } from '../src/corpus/corpus.ts';
import { resolveSource } from '../src/sources/resolve.ts';
import { realCorpus } from './helpers/corpus.ts';

let corpus: Corpus;
beforeAll(async () => {
  corpus = (await realCorpus()).corpus;
});

const passageStarting = (start: string) => {
  for (const { block } of corpus.passages()) if (block.text.startsWith(start)) return block.id;
  throw new Error(`no passage starts with ${start}`);
};

describe('GIVEN short forms as the book and the article write them', () => {
  const cases: [string, string, string?][] = [
    ['(Vozhdy 250)', "Fel'shtinsky, Iurii. Vozhdy v zakone.", '250'],
    ['(Main 185)', 'Main, Steven J. "The Arrest and \'Testimony\'', '185'],
    ['(Broué Léon Sedov 210-211)', 'Broué, Pierre. Léon Sedov. Fils de Trotsky', '210-211'],
    ['(Red Book, Chapter 4)', 'Sedov, Leon. The Red Book on the Moscow Trials (1936).', 'Chapter 4'],
    ['(1937 Trial 38-39)', 'Report of Court Proceedings in the Case of the Anti-Soviet Trotskyite Centre.', '38-39'],
    ['(1936 Trial 55)', 'Report of Court Proceedings. The Case of the Trotskyite-Zinovievite Terrorist Center.', '55'],
    ['(1938 Trial 163)', 'Report of Court Proceedings in the Case of the Anti-Soviet "Bloc of Rights and Trotskyites"', '163'],
    ['Holmström, New Evidence', 'Holmström, Sven-Eric. "New Evidence Concerning'],
    ['(Stalin 189-190)', 'Service, Robert. Stalin: A Biography.', '189-190'],
    ['(Lenoe 258)', 'Lenoe, Matthew. The Kirov Murder and Soviet History', '258'],
    ['(Broué POS 110.)', 'Broué, Pierre. "Party Opposition to Stalin (1930-1932)', '110'],
    ['Getty TIE 24-35', 'Getty, J. Arch. "Trotsky in Exile: the Founding of the Fourth International."', '24-35'],
    ['Furr Kirov 131-133', 'Furr, Grover. The Murder of Sergei Kirov.', '131-133'],
    ['B.O. #42', "Biulleten' Oppozitsii. 1929-1940."],
    ['В.О. #52', "Biulleten' Oppozitsii. 1929-1940."],
    ['WLT 1934-35, 213', 'Writings of Leon Trotsky [1934-1935]. 2nd edition.'],
    ['(Livre rouge, p. 34)', 'Sedov, Leon. Livre rouge sur le procès de Moscou.'],
    ['(Rogovin, 2009, p. 189)', "Rogovin, Z. V. (2009). *Stalin's Terror of 1937-1938", '189'],
    ['(Serge, 1974, p. 57)', 'Serge, V. (1974). *From Lenin to Stalin*.', '57'],
    ['(Deutscher, 1963, p. 413)', 'Deutscher, I. (1963). *The prophet outcast: 1929-1940*.', '413'],
    ['(Trotsky, 1972, p. 95)', 'Trotsky, L. (1972). *The Stalin school of falsification*.', '95'],
  ];

  it.each(cases)('GIVEN %s THEN it resolves to the entry the bibliography gives', (form, entry, page) => {
    const a = resolveSource(corpus, form);
    expect(a.resolved).toBe(true);
    expect(a.entry?.text.startsWith(entry), `${form} -> ${a.entry?.text}`).toBe(true);
    if (page) expect(a.pinpoint).toBe(page);
  });

  it('THEN the short forms without an entry are reported unresolved, naming no entry as the answer', () => {
    for (const form of ['Trotsky, "Zinoviev And Kamenev" (1937)', "WLT '29, p. 38", '(Vsesoiuznoe soveshchanie 298)', 'WLT 1937-38 p. 203']) {
      const a = resolveSource(corpus, form);
      expect(a.resolved, form).toBe(false);
      expect(a.entry).toBeUndefined();
      expect(a.note).toBeTruthy();
    }
    const wlt = resolveSource(corpus, "WLT '29, p. 38");
    expect(wlt.note).toContain('Writings of Leon Trotsky only for other years');
    expect(wlt.candidates.map((c) => c.entry?.text)).toContain('Writings of Leon Trotsky [1934-1935]. 2nd edition. New York: Pathfinder Press, 1974.');
  });

  it('THEN Ibid. and a bare page resolve against the passage they are read in', () => {
    const ibid = resolveSource(corpus, 'Ibid. p. 205', { passage: passageStarting('It was precisely at this point that Stalin brought') });
    // The previous citation there is "WLT 1937-38 p. 203", a volume the bibliography does not list.
    expect(ibid.resolved).toBe(false);
    const page = resolveSource(corpus, '(p. 274)', { passage: passageStarting('Fel\'shtinsky does not cite any other source') });
    expect(page.entry?.text).toContain('Vozhdy v zakone');
    expect(page.pinpoint).toBe('274');
    const thread = resolveSource(corpus, 'Ibid.', { lastCitation: { workId: 'trotskys-lies', entryId: page.entry!.id, text: '' } });
    expect(thread.entry?.id).toBe(page.entry!.id);
    expect(resolveSource(corpus, 'Ibid.').note).toMatch(/give the passage/);
  });

  it('THEN a work is found by title, id, author or a misspelt title', () => {
    expect(resolveSource(corpus, "Trotsky's Lies").work?.meta.id).toBe('trotskys-lies');
    expect(resolveSource(corpus, 'continuing-revolution-speech').work?.meta.id).toBe('continuing-revolution-speech');
    expect(resolveSource(corpus, 'Mukherjee').work?.meta.id).toBe('violence-trotskyism-article');
    expect(resolveSource(corpus, 'violence political construction trotskism').work?.meta.id).toBe('violence-trotskyism-article');
  });

  it('THEN the passages citing an entry are listed', () => {
    const a = resolveSource(corpus, '(Main 185)');
    expect(a.citedIn.length).toBeGreaterThanOrEqual(6);
    for (const id of a.citedIn) expect(corpus.block(id)!.text).toMatch(/Main/);
  });
});
