import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { snippetMatches } from '../src/eval/normalize.ts';
import { EVAL_FIXTURES, realCorpus, work } from './helpers/corpus.ts';

const BOOK = 'trotskys-lies';

describe('GIVEN the OCR text of the book Trotsky\'s Lies', () => {
  it('THEN chapters 1–5 carry their full titles, including titles that wrap onto two lines', async () => {
    const w = await work(BOOK);
    const chapters = w.blocks.filter((b) => b.kind === 'heading' && b.level === 1 && b.locator.chapter !== undefined);
    expect(chapters.map((c) => [c.locator.chapter, c.locator.chapterTitle])).toEqual([
      [1, "Trotsky's Lies"],
      [2, 'Trotsky on the Kirov Assassination'],
      [3, 'Trotsky and the Charge of "Armed Intervention"'],
      [4, 'Trotsky\'s Kirov Assassination article – "The Restoration of Capitalism"'],
      [5, "Trotsky in Biulleten' Oppozitsii"],
    ]);
  });

  it('THEN the Conclusion, the Appendix and the Bibliography are book parts, and chapter conclusions stay sections', async () => {
    const w = await work(BOOK);
    const parts = w.blocks.filter((b) => b.kind === 'heading' && b.level === 1 && b.locator.chapter === undefined).map((b) => b.text);
    expect(parts).toEqual(['Acknowledgements and Dedication', 'Conclusion', 'Appendix: Documents', 'Bibliography', 'Back cover']);
    const chapterConclusions = w.blocks.filter((b) => b.kind === 'heading' && b.level === 2 && b.text === 'Conclusion');
    expect(chapterConclusions.map((b) => b.locator.chapter)).toEqual([2, 3, 4]);
  });

  it('THEN no heading comes from a list item, a label, a speaker line or a date', async () => {
    const w = await work(BOOK);
    const headings = w.blocks.filter((b) => b.kind === 'heading').map((b) => b.text);
    for (const h of headings) {
      expect(h).not.toMatch(/:$|^\d+\.|^[A-Z]{3,}:|^- /);
    }
    expect(headings).not.toContain('February 8, 1937');
    expect(headings).toContain('Trotsky\'s strategy: "Expose the scheme in advance."');
    expect(headings).toContain('Evidence: The January 1937 Moscow Trial');
  });

  it('THEN at least 90 of its 94 footnotes are linked to their markers, numbering restarting per chapter', async () => {
    const w = await work(BOOK);
    const notes = w.blocks.filter((b) => b.kind === 'footnote');
    // 94: the book's translation after "Translated:" on p. 99 is a passage, not footnote text.
    expect(notes.length).toBe(94);
    expect(notes.filter((n) => n.refBlock).length).toBeGreaterThanOrEqual(90);
    const ch2 = notes.filter((n) => n.locator.chapter === 2).map((n) => n.number);
    expect(ch2[0]).toBe(1);
    // The garbled body "^{1 &}quot;Rech' tov. Trotskogo." is chapter 1's footnote 1.
    const first = notes.find((n) => n.locator.chapter === 1 && n.number === 1)!;
    expect(first.text.startsWith('"Rech\' tov. Trotskogo."')).toBe(true);
  });

  it('THEN a marker glued to a word or printed after a space is linked, and stripped from the indexed text but kept for display', async () => {
    const { corpus } = await realCorpus();
    const w = await work(BOOK);
    const estrina = w.blocks.find((b) => b.text.includes('that of L. Estrina¹⁰ uttered'))!;
    expect(estrina.markers.map((m) => m.number)).toContain(10);
    expect(estrina.plain).toContain('that of L. Estrina uttered');
    const note = corpus.block(estrina.markers.find((m) => m.number === 10)!.footnoteId!)!;
    expect(note.text).toContain('Lola or Lilia Estrina was a supporter');
    const spaced = w.blocks.find((b) => b.text.endsWith('Trotsky would have known this. 15'))!;
    expect(spaced.markers.map((m) => m.number)).toEqual([15]);
  });

  it('THEN a note whose marker the OCR lost goes to the passage on its page that names what it glosses, not to the original printed just above it', async () => {
    const w = await work(BOOK);
    const refOf = (start: string) => {
      const note = w.blocks.find((b) => b.kind === 'footnote' && b.text.startsWith(start))!;
      return w.blocks.find((b) => b.id === note.refBlock)!;
    };
    // Printed under a Russian list item; the page's English text names "the police force known as the NKVD".
    const nkvd = refOf('The initials NKVD indicate');
    expect(nkvd.text).toContain('head of the police force known as the NKVD');
    expect(nkvd.markers.find((m) => m.footnoteId !== null && m.inferred)).toBeDefined();
    // Printed under Trotsky's translated words; the author's claim above it is what the note supports.
    expect(refOf('See Furr, Kirov. This is the inescapable').text).toContain('did solve the Kirov murder');
    // Marker 13 was printed before marker 14: the passage holding 14 (Holmström's finding), not the one after it.
    expect(refOf('Holmström, New Evidence.').text).toContain('Sven-Eric Holmström showed that Trotsky lied');
    // A printed marker still decides: note 12 of chapter 3 is marked at the end of the Russian original.
    const klio = refOf('"Narodnomu kommisaru Oborony');
    expect(klio.lang).toBe('ru');
    expect(klio.markers.map((m) => [m.raw, m.inferred])).toEqual([['12', undefined]]);
  });

  it('THEN a footnote continued across pages is one body', async () => {
    const w = await work(BOOK);
    const n1 = w.blocks.find((b) => b.kind === 'footnote' && b.locator.chapter === 2 && b.number === 1)!;
    expect(n1.text).toContain('http://www.mit.edu/people/fjk/BO/BO-41.html and at http://www.1917.com/Marxism/Trotsky/BO/BO_No_41/Main.html');
  });

  it('THEN a paragraph split by a page break and footnotes is rejoined, hyphenated words included', async () => {
    const w = await work(BOOK);
    const p = w.blocks.find((b) => b.text.includes('one of Lenin\'s "most intimate com'))!;
    expect(p.text).toContain('"most intimate comrades." It made Stalin look like someone');
    const genuine = w.blocks.find((b) => b.text.includes('But even if they are genuine, as was believed at the time'));
    expect(genuine?.kind).toBe('paragraph');
  });

  it('THEN no passage contains a running head, a page number, an index cell or the garbled Russian duplicate', async () => {
    const { corpus } = await realCorpus();
    const texts = [...corpus.passages()].filter((p) => p.work.meta.id === BOOK).map((p) => p.block.text);
    for (const t of texts) {
      expect(t).not.toMatch(/\b1[23]\d Trotsky's Lies\b|Conclusion 163|^92$/);
      expect(t).not.toMatch(/Bessler, Mike\s?27|Estrina, Lilia \(Dallin\)35/);
      expect(t).not.toContain('Тремина. -- Через Октабрьскую');
      expect(t).not.toMatch(/^(YFR|A K 3|Y W 4|l_evidence)$/);
    }
    const garbled = (await work(BOOK)).blocks.find((b) => b.text.startsWith('Тремина. -- Через Октабрьскую'));
    expect(garbled?.suppressed).toBe('garbled-duplicate');
  });

  it('THEN a quotation keeps its attribution line and trailing citation', async () => {
    const w = await work(BOOK);
    const q = w.blocks.find((b) => b.text.startsWith('"This cook will prepare only peppery dishes," Lenin warned the party'))!;
    expect(q.kind).toBe('quotation');
    expect(q.text).toContain('- "How Could This Happen?" February 25, 1929. WLT \'29, p. 38.');
    const trial = w.blocks.find((b) => b.text.includes('Therefore Stalin must be put out of the way in the first place.'))!;
    expect(trial.text).toContain('(1936 Trial 55)');
  });

  it('THEN a trial transcript\'s question and answer stay together in one passage', async () => {
    const w = await work(BOOK);
    const exchange = w.blocks.find((b) => b.text.includes('VYSHINSKY: To what limits?'))!;
    expect(exchange.text).toContain('RADEK: What Trotsky proposed was without any limits.');
  });

  it('THEN its bibliography has 145–150 entries, the last one and sigla parsed, the index never a passage', async () => {
    const w = await work(BOOK);
    expect(w.bibliography.length).toBeGreaterThanOrEqual(145);
    expect(w.bibliography.length).toBeLessThanOrEqual(150);
    expect(w.bibliography.at(-1)!.text).toBe('Zhukov, Iurii N. Tainy Kremlia. Stalin, Molotov, Beriia, Malenkov. Moscow: TERRA, 2000.');
    const main = w.bibliography.find((e) => e.text.startsWith('Main, Steven J.'))!;
    expect(main.siglum).toBe('Main');
    expect(main.title).toBe("The Arrest and 'Testimony' of Marshal of the Soviet Union M.N. Tukhachevsky (May-June 1937)");
    const broue = w.bibliography.find((e) => e.text.startsWith('Broué, Pierre. "Trotsky et le bloc'))!;
    expect(broue).toMatchObject({ authors: ['Broué, Pierre'], siglum: 'Broué 1980', year: '1980' });
    const zhukov = w.bibliography.at(-1)!;
    expect(zhukov).toMatchObject({ place: 'Moscow', publisher: 'TERRA', year: '2000' });
  });

  it('THEN at least 50 Russian or French passages are paired with the English translation the book gives', async () => {
    const w = await work(BOOK);
    expect(w.pairs.length).toBeGreaterThanOrEqual(50);
    const langs = new Set(w.pairs.map((p) => p.originalLang));
    expect(langs).toContain('ru');
    expect(langs).toContain('fr');
    expect(w.pairs.some((p) => p.via.length > 0)).toBe(true);
  });

  it('THEN every pair of the development set is side by side: the Russian opposite its English', async () => {
    const cases = JSON.parse(await readFile(path.join(EVAL_FIXTURES, 'translations-dev.json'), 'utf8')) as {
      id: string;
      russian_snippet: string;
      english_snippet: string;
    }[];
    const { corpus } = await realCorpus();
    const w = await work(BOOK);
    const failures: string[] = [];
    for (const c of cases) {
      const ok = w.pairs.some((p) =>
        p.segments.some(([orig, trans]) => {
          const o = orig.map((id) => corpus.block(id)!.text).join(' ');
          const t = trans.map((id) => corpus.block(id)!.text).join(' ');
          return snippetMatches(o, c.russian_snippet) && snippetMatches(t, c.english_snippet);
        }),
      );
      if (!ok) failures.push(c.id);
    }
    expect(failures).toEqual([]);
  });

  it('THEN pages come from the printed page numbers, the contents and the index, and are marked by how they were found', async () => {
    const w = await work(BOOK);
    const ch2 = w.blocks.find((b) => b.kind === 'heading' && b.locator.chapter === 2)!;
    expect(ch2.locator).toMatchObject({ page: 28, pageBasis: 'contents' });
    const bessler = w.blocks.find((b) => b.kind === 'paragraph' && b.text.includes('Mike Bessler, my tireless publisher'))!;
    expect(bessler.locator).toMatchObject({ page: 27, pageBasis: 'index' });
    const after92 = w.blocks.find((b) => b.text.startsWith('Just before the end of the USSR, a short excerpt'))!;
    expect(after92.locator).toMatchObject({ page: 92, pageBasis: 'printed' });
  });
});
