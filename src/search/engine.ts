/**
 * The search service over one corpus view. Ranking, in order (docs/search.md says why):
 *
 * 1. The parsed query as an AND of words, each an OR of its stem, cross-script key and expansions
 *    (WordNet synonyms for words the corpus rarely uses, translations from the lexicon learned from
 *    the corpus's own pairs: expand/), typo tolerance (Damerau) for longer words and at once for
 *    words the index lacks, prefix on the last word being typed. Light words (question words, light
 *    verbs) weigh little and are not required. If AND finds fewer passages than asked for, an OR
 *    query fills up the list: its exact hits at half weight beside the AND hits, its typo-tolerant
 *    ones below them all.
 * 2. BM25 from minisearch's data times the share of the query a passage covers (each word by its
 *    idf and match quality), with passage kinds weighted: a footnote that only cites below a paragraph,
 *    one that states something in prose of its own as a paragraph (note-kind.ts).
 * 3. A second look at each stage's best candidates (rerank.ts): proximity of the query's words, and
 *    for short queries the passage that introduces the term.
 *    Then a lexical safety net (plain-net.ts): for a longer query, the passages plain minisearch
 *    would rank first on the words as typed are lifted to the 3rd and 5th place at least, and
 *    near ties among the best go to the passage it clearly prefers.
 * 4. Phrases in double quotes are checked exactly on the passage (containsPhrase, which survives
 *    quote style, dashes, NBSP, markup and hyphenation residue); a query of stop words only is
 *    answered by scanning the passages for it.
 * 5. Near-duplicates (the same quotation repeated in several chapters) fold into one result: the
 *    copy that carries a citation or a translation wins, then the better score. Both sides of a
 *    translation pair are listed once, led by the side in the query's language.
 * 6. Filters by work, author and language are applied before paging.
 *
 * Candidates come from a `CandidateSource` (the in-memory index, or another backend); this class
 * is the one ranking policy over any of them.
 */
import type { Corpus } from '../corpus/corpus.ts';
import type { Block } from '../corpus/model.ts';
import type { WorkBuild } from '../corpus/work.ts';
import type { SearchHit, SearchOptions, SearchResult, SearchService } from '../services.ts';
import { UserError } from '../errors.ts';
import { analyseTerm, fold, foldedLetters, isKey, isLightWord, parseQuery, type ParsedQuery, type QueryWord } from './analyse/index.ts';
import { readsAsTitle } from './title-like.ts';
import { readLowerCaseNames } from './lower-case-name.ts';
import { phraseMatcher } from './analyse/phrase.ts';
import { expandPhrases, russianTerms, type ExpansionIndex } from './expand/index.ts';
import { openSection, saysEveryWord, sectionLeads, sectionNamed, sectionOpenings, type SectionHeading } from './section-named.ts';
import { expandRussianPhrases } from './expand/phrases-ru.ts';
import { ExpansionCache } from './expand/word-cache.ts';
import { abbreviationsOf, truncationExpansions, withTruncations } from './abbreviations.ts';
import { learnLexicons, type Lexicons } from './expand/lexicon.ts';
import { expandRelations, relationsOf, type Relations } from './expand/relations.ts';
import { queryPartsOfSpeech } from './expand/pos.ts';
import { listPairsOnce } from './pair-lead.ts';
import { answerAfter } from './answer-after.ts';
import { englishSide, fairCoverage, fairWords, idfFairness, isEnglishQuery, isRussianQuery, languageToAsk, russianSide, type FairWord, type LanguageFrequency } from './cross-language.ts';
import { coverageFactor } from './lectern-index.ts';
import { givesYears, rescore, type RerankContext } from './rerank.ts';
import { referenceWords } from './siglum.ts';
import { authorSurnames, nameMeeter, withoutAuthorName } from './author-named.ts';
import type { ContextSource } from './context-cover.ts';
import { termPositions, type PositionTable, type TermPositions } from './term-positions.ts';
import { knownCiting, listsWorks } from './lists-works.ts';
import { asksForSource, sourceWeight } from './source-asked.ts';
import { snippetsFor } from './snippet.ts';
import { foldedAs, shownHitBlocks, shownWith } from './shown.ts';
import { matchReport } from './match-report.ts';
import type { Candidate as SourceCandidate, CandidateQuery, CandidateSource } from './candidates.ts';
import { counterpart } from '../corpus/counterpart.ts';
import type { PassageFacts } from './passage-facts.ts';
import { readQuery, type QueryReading } from './query-reading.ts';
import { positionsOfReading, readingOf, spacedFoldedOf, spacedWords, wordAt } from './passage-reading.ts';
import { breakNearTies, fusePlain, leadByPlain, netReads, plainScorer, WHOLE, surfaceCounts, SurfaceStatistics, type SurfaceCounts } from './plain-net.ts';

export const FRONT_MATTER_WEIGHT = 0.5;
export const BIBLIOGRAPHY_WEIGHT = 0.5;

/**
 * Does the passage spell one of these words (lower case) as a word of its own? (FairWord.surfaces)
 * `letters`: its folded text without what is not a letter, a digit or a mark (kept per passage):
 * a word the passage spells is in it (folding lower-cases ASCII letters and removes no letter of a
 * word made of them; initials joined, "E.V.E.N." is EVEN, are in it without their full stops), so
 * a passage it lacks every form in is not read word by word (its words: passage-reading.ts). Most passages holding the term ("even")
 * have none of the forms (evening, evenings).
 */
function spellsAny(block: Block, letters: string, forms: ReadonlySet<string>): boolean {
  let some = false;
  for (const form of forms) if ((some = letters.includes(form))) break;
  if (!some) return false;
  const r = readingOf(block);
  for (let i = 0; i < r.starts.length; i++) if (forms.has(wordAt(r, i).toLowerCase())) return true;
  return false;
}
const KIND_WEIGHT: Record<Block['kind'], number> = {
  paragraph: 1,
  quotation: 1,
  'list-item': 0.95,
  footnote: 0.9,
  heading: 0,
  // An entry is short and all names and title words, so BM25 favours it for any of them: it weighs
  // below the text, and ranks first only when the query is mostly the reference itself.
  bibliography: BIBLIOGRAPHY_WEIGHT,
  // A line of the title or copyright page answers what only it says (an ISBN, a publisher, a
  // person's years in the catalogue data); it is short, so BM25 favours it for any of its words,
  // and it weighs below the text so that the text answers what the text says.
  'front-matter': FRONT_MATTER_WEIGHT,
  // A web page's own lines (price, how to order, shipping, credits) answer what only they say, and
  // weigh as front matter for the same reason.
  'page-text': FRONT_MATTER_WEIGHT,
};

// A note that only cites (author, title, pages, an archive or a web address, "See …") names titles,
// and its title words would outrank the passages about the subject: it weighs as notes did before
// they competed. A note that states something in prose of its own (a party's full name, who
// completed a book) is often the only place that says it, and competes as a note (note-kind.ts).
const REFERENCE_NOTE_WEIGHT = 0.6;
/**
 * A section's title the source set as a paragraph (title-like.ts: "3. Was the Purpose to Restore
 * Capitalism?") names what the passages under it say: a marked heading weighs nothing, its words
 * being read with them. Not nothing here, where the test is a guess and the line may be all that
 * holds a word: a quarter, as a light word weighs. At 0.5 "why restore capitalism" still put the
 * title above the passages giving the reason.
 */
const TITLE_WEIGHT = 0.25;
export function kindWeight(block: Block): number {
  if (readsAsTitle(block)) return TITLE_WEIGHT;
  if (block.kind !== 'footnote') return KIND_WEIGHT[block.kind];
  return listsWorks(block) ? REFERENCE_NOTE_WEIGHT : KIND_WEIGHT.paragraph;
}

/** How many raw candidates to consider before folding duplicates and filtering. */
const CANDIDATES = 400;
/**
 * Asked for a person's years ("Trotsky's birth year"), the answer may be a line that names a name
 * hundreds of passages name more often (catalogue data): the stage reads this many, and the
 * rerank looks for the years after the name in all of them (rerank.ts).
 */
const YEARS_CANDIDATES = 5_000;
const LETTERLESS = /[^\p{L}\p{N}\p{M}]+/gu;
/** A phrase's check, made once per query and run on every passage the query reads. */
const phraseOf = (p: string) => phraseMatcher(fold(p));
type Phrase = ReturnType<typeof phraseOf>;
/**
 * Distinct passages a query's phrases are checked in at most (each stage's best and the
 * other-language pass's together; a fallback scan reads as many). A stage asked again with the
 * check inside checks a passage only when it would enter the stage's best, so a phrase found often
 * stops early; one of common words that seldom stand together would otherwise check every passage
 * that has its words (~5–20 µs each on a large library: bench/README.md). The bundled corpus has
 * fewer passages than this, so its answers never stop here.
 */
export const PHRASE_CHECKS = 4_000;

/**
 * A query's phrases checked on passages, each passage once per query, at most `limit` passages:
 * past that a passage counts as not having them, and `spent` says the answer may be partial.
 */
interface PhraseCheck {
  /** Does the passage have every phrase (undefined for an id the corpus lacks)? */
  ok(block: Block): boolean;
  accept(id: string): boolean;
  /** A passage went unchecked: the limit was reached. */
  readonly spent: boolean;
}
const DEFAULT_LIMIT = 5;
/**
 * Passages a query of very common words reads at most: about 8 MB of text, a bounded cost however
 * large the library (bench/README.md: p99 of stop-word queries on a large library).
 */
export const SCAN_LIMIT = 20_000;
/**
 * Passages that lack one of the query's words (OR, exact) weigh this much and compete with those
 * that have them all, rather than ranking below every one: a paraphrase or a translation rarely
 * meets every word, and an AND hit made of the query's common words is no better an answer.
 * Coverage already counts what is missing; typo-tolerant OR hits still rank below all others.
 */
const OR_SCALE = 0.5;
const ANCHOR_MARGIN = 0.9;
/**
 * The other-language pass (cross-language.ts) weighs as much as the staged one: it already counts
 * the words it cannot translate as missing (they stay in the query's coverage), and a further cut
 * put Russian passages that share one common word above the English passage that says it all.
 */
const OTHER_LANGUAGE_SCALE = 1;
/** Passages of the net's own query (the query's own terms, BM25) when only the AND stages ran. */
const PLAIN_NET_POOL = 20;
/** How many of the best passages of each pass the fair merge weighs again. */
const FAIR_DEPTH = 60;

/**
 * Each passage folded, and its letters and digits alone (a cheap test before the exact phrase
 * check), kept by the passage object: folding depends on the passage's text alone, so a bundled
 * passage is folded once for every group, and a group's are let go with its library.
 */
interface Folded {
  text: string;
  letters: string;
}
const foldedPassages = new WeakMap<Block, Folded>();
/** Passages whose term positions an engine keeps (see `positionsOf`). */
const POSITION_CACHE_LIMIT = 5_000;

interface Candidate {
  block: Block;
  work: WorkBuild;
  score: number;
  /** The share of the query the source found it to cover (its score's coverage factor), when ranked. */
  coverage?: number;
}
const NO_CANDIDATES: readonly Candidate[] = [];

export { shownWith };

const phraseNotice = (checked: number) =>
  `The phrase was looked for in ${checked.toLocaleString('en')} of the passages that have its words, not in all of them: there may be more passages with it. Add a less common word to narrow the search.`;

/** A quotation repeated with another attribution line is the same passage: the key is the quoted text. */
function duplicateKey(block: Block): string {
  const quoted = block.kind === 'quotation' ? block.text.split('\n')[0]! : block.plain;
  return foldedLetters(quoted.replace(/\*+/g, ''), 160);
}

/** What `fold` groups a passage by: kept per passage with the bundled index (passage-facts.ts). */
export function foldKey(corpus: Corpus, block: Block): string {
  return duplicateKey(foldedAs(corpus, block));
}

export class SearchEngine implements SearchService {
  readonly corpus: Corpus;
  readonly source: CandidateSource;
  /** Each passage's `foldKey`, made on its first fold, or given (the bundled index's, passage-facts.ts). */
  private readonly keys: Map<string, string>;
  /**
   * Each passage's own `duplicateKey`, made on its first comparison in a fold: a large library
   * repeats quotations in many copies, and folding them compared every copy's folded text anew.
   */
  private readonly ownKeys = new WeakMap<Block, string>();
  /** Learned from the corpus's translation pairs on the first query that needs them. */
  private lexicons: Lexicons | undefined;
  /** Passages a scan reads at most (see `scan`). */
  private readonly scanLimit: number;
  /** Passages a query's phrases are checked in at most (see PHRASE_CHECKS). */
  private readonly phraseChecks: number;
  /** The term positions the engine was given (the bundled corpus's, from its index snapshot), for rerank. */
  private readonly known: ((block: Block) => TermPositions | undefined) | undefined;
  /** Term positions of the passages reranked recently, by passage (dropped whole when full). */
  private readonly positionCache = new Map<Block, TermPositions>();

  private foldedOf(block: Block): Folded {
    let f = foldedPassages.get(block);
    if (f === undefined) {
      const text = fold(block.plain);
      f = { text, letters: text.replace(LETTERLESS, '') };
      foldedPassages.set(block, f);
    }
    return f;
  }

  /** The term positions of each work's title, which a front-matter line is read under (fairMerge). */
  private readonly titlePositions = new WeakMap<WorkBuild, TermPositions>();
  private titleOf(work: WorkBuild): TermPositions {
    let at = this.titlePositions.get(work);
    if (!at) this.titlePositions.set(work, (at = termPositions(work.meta.title ?? '')));
    return at;
  }

  /** The words rerank reads the query's word pairs in (spacedWords, kept with the passage's reading): a front-matter line's under its work's title, as the index reads it. */
  private readonly pairText = (block: Block): string => {
    if (block.kind !== 'front-matter') return spacedFoldedOf(block, this.foldedText);
    return spacedWords(`${fold(this.corpus.workOf(block.id)?.meta.title ?? '')} ${this.foldedOf(block).text}`);
  };
  private readonly foldedText = (block: Block): string => this.foldedOf(block).text;

  /** A passage's term positions for rerank: the snapshot's when it has them, else made from its text. */
  private readonly positionsOf = (block: Block): TermPositions => {
    let at = this.positionCache.get(block);
    if (!at) {
      // A truncation stands for its word where the index reads it so (abbreviations.ts): the match
      // report and proximity find "Europe" at "Eur." as the scorer did.
      at = withTruncations(this.known?.(block) ?? positionsOfReading(block), block.plain, this.abbreviations);
      if (this.positionCache.size >= POSITION_CACHE_LIMIT) this.positionCache.clear();
      this.positionCache.set(block, at);
    }
    return at;
  };

  private readonly abbreviations = () => abbreviationsOf(this.corpus, () => Array.from(this.corpus.passages(), (p) => p.block.plain));

  /** A bibliography entry's siglum as the bibliography's reading gave it (rerank: "what does TIE stand for"). */
  private readonly siglumOf = (block: Block): string | undefined => this.corpus.entry(block.id)?.siglum;
  private readonly references = new WeakMap<Block, string[]>();
  private readonly referenceOf = (block: Block): string[] => {
    let r = this.references.get(block);
    if (r === undefined) this.references.set(block, (r = referenceWords(this.corpus.entry(block.id))));
    return r;
  };

  /**
   * The term positions rerank reads: a front-matter line's follow its work's title's, as the index
   * and the reader's phrasing read the line under it (`pairText`), so "who did the cover of
   * Trotsky's Lies" finds its words together in "Cover by Mike Bessler" under the title.
   */
  private readonly underTitle = new WeakMap<Block, TermPositions>();
  private readonly rerankPositionsOf = (block: Block): TermPositions => {
    if (block.kind !== 'front-matter') return this.positionsOf(block);
    let at = this.underTitle.get(block);
    if (!at) this.underTitle.set(block, (at = termPositions(`${this.corpus.workOf(block.id)?.meta.title ?? ''} ${block.plain}`)));
    return at;
  };

  /**
   * What a passage may borrow the query's words from in rerank (context-cover.ts): the passage
   * before it in its section, unless it is a quotation that a lead-in leads into (it reads its
   * lead-in's sentence already); the frequencies are the source's, which every backend shares.
   */
  private readonly context: ContextSource = {
    before: (block) => (this.corpus.leadIn(block) ? undefined : this.corpus.passageBefore(block)),
    documentFrequency: (term) => this.source.vocabulary.documentFrequency(term),
    documentCount: () => this.source.vocabulary.documentCount,
  };

  private hasPhrase(block: Block, phrase: Phrase): boolean {
    const f = this.foldedOf(block);
    return phrase(f.text, f.letters);
  }

  /**
   * `lexicons`: where the lexicon comes from (a saved one: src/search/saved-lexicon.ts); learned
   * from the corpus's pairs by default.
   * `shared`: the bundled corpus's engine when this one searches a group's library on top of it.
   * Its lexicon (learned once from the bundled pairs) is borrowed rather than learned again per
   * group; a group whose own texts carry translation pairs learns its own. (Folded passages are
   * kept by passage for every engine: `foldedPassages`.)
   * `relations`: the relations between people this corpus's texts state, kept with its index
   * snapshot (else learned on the first query that names one).
   * `positions`: the term positions of this corpus's passages, made when its index was saved
   * (term-positions.ts); a passage they do not hold has its positions made when reranked. A
   * shared engine's serve the bundled passages of every group.
   */
  constructor(corpus: Corpus, source: CandidateSource, options: { shared?: SearchEngine; lexicons?: () => Lexicons; scanLimit?: number; phraseChecks?: number; positions?: PositionTable; relations?: Relations; facts?: PassageFacts } = {}) {
    this.corpus = corpus;
    // Facts of this corpus's passages made earlier (by id: the snapshot they come with is of this very corpus).
    this.keys = new Map(options.facts?.foldKeys);
    for (const [id, citing] of options.facts?.citing ?? []) {
      const block = corpus.block(id);
      if (block) knownCiting(block, citing);
    }
    this.relations = options.relations;
    this.source = source;
    this.scanLimit = options.scanLimit ?? SCAN_LIMIT;
    this.phraseChecks = options.phraseChecks ?? PHRASE_CHECKS;
    const shared = options.shared;
    const table = options.positions;
    // Only for the very passage objects the table was made from: a group's passage of the same id is another passage.
    this.known = table ? (block) => (corpus.block(block.id) === block ? table.get(block.id) : undefined) : shared?.known;
    if (options.lexicons) this.learn = options.lexicons;
    if (shared) {
      const ownPairs = corpus.works.some((w) => w.pairs.length > 0 && !shared.corpus.work(w.meta.id));
      if (!ownPairs) this.learn = () => shared.lexiconsOf();
    }
  }

  private learn = () => learnLexicons(this.corpus);

  /** "Trotsky's son" → Sedov, as the texts state it (expand/relations.ts): learned on the first query that asks for a relation. */
  private relations: Relations | undefined;
  private readonly relationsOf = (): Relations => (this.relations ??= relationsOf(this.corpus.works));

  /** Learned from the corpus's translation pairs on the first query that needs them. */
  private lexiconsOf(): Lexicons {
    return (this.lexicons ??= this.learn());
  }

  parse(query: string): ParsedQuery {
    if (typeof query !== 'string' || query.trim() === '') {
      throw new UserError('query.empty', 'Type something to search for: a few words, a name, a "phrase in quotes", or a line of Russian.');
    }
    const parsed = parseQuery(query);
    if (parsed.empty) {
      throw new UserError('query.unusable', 'The query has no letters or digits to search for. Try words, a name, or a phrase in quotes.');
    }
    readLowerCaseNames(parsed.words, (t) => this.source.vocabulary.has(t));
    return parsed;
  }

  async search(query: string, options: SearchOptions = {}): Promise<SearchResult> {
    const parsed = this.parse(query);
    const notices: string[] = [];
    if (parsed.tooLong) notices.push('The query was long, so only its first 500 characters were searched.');
    const limit = Math.max(1, Math.min(options.limit ?? DEFAULT_LIMIT, 100));
    const offset = Math.max(0, options.offset ?? 0);
    if (options.work && !this.corpus.work(options.work)) {
      const ids = this.corpus.works.map((w) => w.meta.id);
      throw new UserError('work.unknown', `There is no work "${options.work}". Works: ${ids.join(', ')}.`);
    }

    const want = (offset + limit) * 4;
    const reading = readQuery(parsed);
    const candidates = parsed.stopWordsOnly ? this.scan(parsed, options, notices, want) : await this.ranked(parsed, reading, options, want, notices);
    // A page's worth of pairs take their lead side, twice over: an answer shown after its topic is not listed again (answersAfter).
    const answered = this.answersAfter(this.leadInQueryLanguage(this.fold(candidates), parsed, options, 2 * (offset + limit)), parsed, reading, offset + limit);
    // A query naming a section is answered where the section begins (section-named.ts).
    const section = parsed.stopWordsOnly ? undefined : this.sectionNamed(parsed, options, answered.folded[0]);
    const { folded, after } = section ? openSection(answered, section) : answered;
    const snippet = snippetsFor(parsed);
    const hits: SearchHit[] = folded.slice(offset, offset + limit).map((c) => {
      const next = after.get(c.block.id);
      const heading = c.block === section?.opening ? section.heading : undefined;
      return { block: c.block, work: c.work, score: c.score, snippet: snippet(c.block.plain, this.foldedOf(c.block).text), ...(next ? { after: next } : {}), ...(heading ? { heading } : {}) };
    });
    // A phrase is matched as typed, and a scan matches every word: only a ranked answer can be loose.
    const first = hits[0];
    const shown = first ? shownHitBlocks(this.corpus, first) : [];
    const match = first && !parsed.stopWordsOnly && !parsed.phrases.length ? matchReport(this.reportedWords(parsed, reading, first.block), shown, this.positionsOf) : undefined;
    return { hits, total: folded.length, notices, ...(match?.length ? { match } : {}) };
  }

  /**
   * For a question with a focus ("when …", "how many …"), each of the first `shown` hits that is the
   * topic of an answer in the passage after it, with that passage (answer-after.ts), which is then
   * not listed again below it. A passage listed above the hit is not shown with it a second time;
   * hits past `shown` are not read, only kept from repeating a passage shown before them.
   */
  private answersAfter(candidates: Candidate[], parsed: ParsedQuery, reading: QueryReading, shown: number): { folded: Candidate[]; after: Map<string, Block> } {
    const after = new Map<string, Block>();
    const focus = parsed.stopWordsOnly || parsed.phrases.length ? undefined : reading.focus;
    if (!focus) return { folded: candidates, after };
    const answerOf = answerAfter(this.corpus, parsed.words, focus, this.positionsOf);
    const seen = new Set<string>();
    const out: Candidate[] = [];
    for (const c of candidates) {
      if (seen.has(c.block.id)) continue;
      seen.add(c.block.id);
      out.push(c);
      const next = out.length <= shown ? answerOf(c.block) : undefined;
      if (next && !seen.has(next.id)) {
        after.set(c.block.id, next);
        seen.add(next.id);
      }
    }
    return { folded: out, after };
  }

  /**
   * The words as the match report reads them: a passage only in Russian that an English query
   * reached was met through the glossary's Russian words, which the staged words do not carry
   * (otherLanguage), and a report without them would say the query's words were not found.
   * Asked who published a work, the words asking it (published, book) are none the answer lacks:
   * the imprint or entry answering holds the work's other words, and rerank asks no more of it.
   */
  private reportedWords(parsed: ParsedQuery, reading: QueryReading, block: Block): QueryWord[] {
    const asking = reading.publisher;
    const words = asking?.size ? parsed.words.filter((w) => !asking.has(w.text)) : parsed.words;
    if (block.lang !== 'ru' || block.pair) return words;
    const index = this.expansionIndex();
    return words.map((w) => {
      const russian = w.light ? [] : russianTerms(w, index);
      return russian.length ? { ...w, expansions: [...(w.expansions ?? []), ...russian] } : w;
    });
  }

  /** Each translation pair listed once, led by the side in the query's language (pair-lead.ts). */
  private leadInQueryLanguage(candidates: Candidate[], parsed: ParsedQuery, options: SearchOptions, shown: number): Candidate[] {
    const lang = isRussianQuery(parsed.words) ? 'ru' : isEnglishQuery(parsed.words) ? 'en' : undefined;
    return listPairsOnce(
      this.corpus,
      candidates,
      lang,
      (block, score) => {
        const work = this.corpus.workOf(block.id);
        return work && this.accept(block, work, options) ? { block, work, score } : undefined;
      },
      shown,
    );
  }

  private accept(block: Block, work: WorkBuild, options: SearchOptions): boolean {
    if (options.work && work.meta.id !== options.work) return false;
    if (options.lang && block.lang !== options.lang) return false;
    if (options.pairsOnly && !block.pair) return false;
    if (options.author) {
      const a = fold(options.author);
      const authors = work.meta.authors.map((p) => fold(p.literal ?? `${p.given ?? ''} ${p.family ?? ''}`)).join(' ');
      if (!authors.includes(a)) return false;
    }
    return !block.suppressed && KIND_WEIGHT[block.kind] > 0;
  }

  /** Per passage (block id): may it answer what the named author says (author-named.ts nameMeeter), and pass `accept`? */
  private namedAcceptor(names: ReadonlySet<string>, accept: ((id: string) => boolean) | undefined): (id: string) => boolean {
    const meets = nameMeeter(names);
    return (id: string) => {
      if (accept && !accept(id)) return false;
      const block = this.corpus.block(id);
      const work = block && this.corpus.workOf(block.id);
      return Boolean(block && work && meets(work.meta.authors, () => this.foldedOf(block).text));
    };
  }

  /** Per passage (block id): may it be returned under these options? */
  private acceptor(options: SearchOptions): ((id: string) => boolean) | undefined {
    if (!options.work && !options.lang && !options.pairsOnly && !options.author) return undefined;
    return (id: string) => {
      const block = this.corpus.block(id);
      const work = block && this.corpus.workOf(block.id);
      return Boolean(block && work && this.accept(block, work, options));
    };
  }

  /** Each section's heading and first passage, once per engine (section-named.ts). */
  private sections?: SectionHeading[];

  /** The section the query names, when its first passage may be shown (the search's options accept it). */
  private sectionNamed(parsed: ParsedQuery, options: SearchOptions, best: Candidate | undefined): (SectionHeading & { work: WorkBuild }) | undefined {
    const named = sectionNamed(parsed.words, (this.sections ??= sectionOpenings(this.corpus)));
    // A phrase names a section only as its heading says it; a passage found by the phrase says it too.
    if (parsed.phrases.length && !(named && parsed.phrases.every((p) => fold(named.section.heading.plain).includes(p)))) return undefined;
    if (!named) return undefined;
    const leads = best?.block === named.section.opening || sectionLeads(named, parsed.text, best !== undefined && saysEveryWord(parsed.words, this.positionsOf(best.block)));
    if (!leads) return undefined;
    const work = this.corpus.workOf(named.section.opening.id);
    return work && this.accept(named.section.opening, work, options) ? { ...named.section, work } : undefined;
  }

  private expansionIndex(): ExpansionIndex {
    const vocabulary = this.source.vocabulary;
    return {
      has: (t: string) => vocabulary.has(t),
      frequency: (t: string) => vocabulary.documentFrequency(t) / Math.max(1, vocabulary.documentCount),
      count: (t: string) => vocabulary.documentFrequency(t),
      size: vocabulary.documentCount,
      lexicons: () => this.lexiconsOf(),
    };
  }

  /** The expansions of the words asked recently (expand/word-cache.ts). */
  private readonly expansions = new ExpansionCache();

  /** Marks the words the index does not know (typo-tolerant at once) and adds their expansions. */
  expand(parsed: ParsedQuery): ParsedQuery {
    const vocabulary = this.source.vocabulary;
    const mark = (w: QueryWord) => {
      w.unknown = !w.terms.some((t) => vocabulary.has(t));
      w.parts.forEach(mark);
    };
    parsed.words.forEach(mark);
    const index = this.expansionIndex();
    const pos = queryPartsOfSpeech(parsed);
    for (const w of parsed.words) {
      if (w.light) continue;
      const expansions = [...this.expansions.expand(w, index, pos.get(w))];
      expansions.push(...truncationExpansions(w.terms, expansions, index.has));
      if (expansions.length) w.expansions = expansions;
      // A compound the text never writes ("once-secret", "highly-classified") is met, if at all,
      // through its parts: each is expanded as a word of its own ("secret" → closed). A compound
      // the text does write keeps its parts literal.
      if (w.unknown) {
        for (const p of w.parts) {
          if (isLightWord(p.text)) continue;
          const own = this.expansions.expand(p, index);
          if (own.length) p.expansions = own;
        }
      }
    }
    expandPhrases(parsed, index);
    expandRussianPhrases(parsed, index);
    expandRelations(parsed, this.relationsOf, index.has);
    return parsed;
  }

  /**
   * The phrases' check for one query (see PhraseCheck): on each stage's best passages, and inside a
   * stage (its `accept`) when those had too few with the phrase (see `ranked`).
   */
  private phraseCheck(parsed: ParsedQuery, limit = this.phraseChecks): PhraseCheck | undefined {
    if (parsed.phrases.length === 0) return undefined;
    const phrases = parsed.phrases.map(phraseOf);
    // By id: once the limit is reached, a stage asks about every passage left, answered without a lookup.
    const known = new Map<string, boolean>();
    let left = limit;
    let refused = false;
    const check = (id: string, block: Block | undefined) => {
      let yes = known.get(id);
      if (yes === undefined) {
        if (left === 0) {
          refused = true;
          return false;
        }
        block ??= this.corpus.block(id);
        if (!block) return false;
        left--;
        yes = phrases.every((p) => this.hasPhrase(block!, p));
        known.set(id, yes);
      }
      return yes;
    };
    return {
      ok: (block) => check(block.id, block),
      accept: (id) => check(id, undefined),
      get spent() {
        return refused;
      },
    };
  }

  private async ranked(typed: ParsedQuery, reading: QueryReading, options: SearchOptions, want: number, notices: string[]): Promise<Candidate[]> {
    // A question about what a work's author says: his name counts as met (author-named.ts).
    const named = withoutAuthorName(typed.text, typed.words, reading, this.surnames());
    const parsed = named ? { ...typed, words: named.words } : typed;
    this.expand(parsed);
    const accept = named ? this.namedAcceptor(named.names, this.acceptor(options)) : this.acceptor(options);
    const phrase = this.phraseCheck(parsed);
    const phraseOk = phrase ? phrase.ok : () => true;
    // Asked which article or where to read a thing, the notes and entries citing it are the answer (source-asked.ts).
    const weigh = asksForSource(typed.text) ? sourceWeight(kindWeight) : kindWeight;
    // Stages from strict to loose; each runs only if the stricter ones found too little, and its
    // hits rank below all earlier ones. Typo tolerance is a fallback, so exact words are never
    // outranked by look-alikes, and the costly fuzzy expansion runs only when it is needed.
    const stages: { combineWith: 'AND' | 'OR'; fuzzy: boolean }[] = [
      { combineWith: 'AND', fuzzy: false },
      { combineWith: 'AND', fuzzy: true },
      ...(parsed.words.length > 1 ? [{ combineWith: 'OR' as const, fuzzy: false }, { combineWith: 'OR' as const, fuzzy: true }] : []),
    ];
    const found = new Map<string, Candidate>();
    let floor = Number.POSITIVE_INFINITY;
    const k = reading.years ? YEARS_CANDIDATES : CANDIDATES;
    const { focus, pairs, negated, run, publisher, siglum, whoIs, polar } = reading;
    const rerankContext: RerankContext = { focus, pairs, unphrased: pairs.length === 0 && !negated, pairText: this.pairText, context: this.context, negated, siglumOf: this.siglumOf, publisher, siglum, whoIs, polar, run, referenceOf: this.referenceOf };
    let orRan = false;
    for (const stage of stages) {
      // Once the phrase check is spent, no stage can add a passage (each must pass it).
      if (found.size >= want || phrase?.spent) break;
      const query: CandidateQuery = { words: parsed.words, ...stage, prefix: parsed.lastTermPrefix, boost: { text: 1, heading: 0.3 }, rank: 'coverage', k, queryKey: parsed.words, ...(accept ? { accept } : {}) };
      const results = await this.source.candidates(query);
      let fresh = this.freshOf(k > CANDIDATES && results.length >= k ? this.yearsHead(results, parsed.words) : results, found, phraseOk, weigh);
      // A stage cut at k whose best passages mostly lack the phrase (on a large library, copies of
      // the same few passages can fill them) is asked again for its best passages that have it.
      if (phrase && !phrase.spent && results.length >= k && found.size + fresh.length < want) {
        const checked = await this.source.candidates({ ...query, accept: (id) => (!accept || accept(id)) && phrase.accept(id) });
        fresh = this.freshOf(checked, found, phraseOk, weigh);
      }
      if (stage.combineWith === 'OR') orRan = true;
      if (!fresh.length) continue;
      rescore(fresh, parsed.words, this.foldedText, this.rerankPositionsOf, rerankContext);
      // Plain loops rather than spreads into Math.max/min: the same numbers, without an array per stage.
      let top = Number.NEGATIVE_INFINITY;
      for (const c of fresh) top = Math.max(top, c.score);
      const scale = stage.combineWith === 'OR' && !stage.fuzzy ? OR_SCALE : Number.isFinite(floor) && top > 0 ? (floor * 0.99) / top : 1;
      // The stage's candidates are its own objects: scaled in place.
      for (const c of fresh) {
        c.score *= scale;
        found.set(c.block.id, c);
      }
      floor = Number.POSITIVE_INFINITY;
      for (const c of found.values()) floor = Math.min(floor, c.score);
    }
    await this.otherLanguage(parsed, reading, found, phraseOk, accept);
    if (phrase?.spent) notices.push(phraseNotice(this.phraseChecks));
    // A phrase the index cannot narrow down (its words analysed apart from the passage's): a scan, as long as the check may read.
    if (found.size === 0 && phrase && !phrase.spent) return this.scan(parsed, options, notices, Number.POSITIVE_INFINITY, Math.min(this.scanLimit, this.phraseChecks));
    const sorted = [...found.values()].sort((a, b) => b.score - a.score);
    await this.plainNet(parsed, reading, sorted, orRan, accept, phraseOk, weigh);
    return sorted;
  }

  private authors: Set<string> | undefined;
  private surnames(): Set<string> {
    return (this.authors ??= authorSurnames(this.corpus.works));
  }

  /** The surface words' statistics of this engine's library (plain-net.ts), counted on first need. */
  private readonly surface = new SurfaceStatistics(
    () => this.corpus.passages(),
    () => this.source.vocabulary.documentCount,
    (block) => this.foldedOf(block).text,
    (word) => {
      const terms = analyseTerm(word).filter((t) => !isKey(t));
      if (!terms.length) return undefined;
      let df = 0;
      for (const t of terms) df = Math.max(df, this.source.vocabulary.documentFrequency(t));
      return df;
    },
  );
  private readonly surfaceCache = new Map<Block, SurfaceCounts>();
  private surfaceOf(block: Block): SurfaceCounts {
    let s = this.surfaceCache.get(block);
    if (!s) {
      s = surfaceCounts(this.foldedOf(block).text);
      if (this.surfaceCache.size >= POSITION_CACHE_LIMIT) this.surfaceCache.clear();
      this.surfaceCache.set(block, s);
    }
    return s;
  }

  /**
   * The lexical safety net (plain-net.ts): of a query of four words of substance or more (a shorter
   * one is a name, a term or a topic, which the definitions, pairs and foci read), the passages plain minisearch would rank
   * first on its words as typed are not buried. A shorter query's clear favourite leads and its near
   * ties are broken only toward a passage holding every word typed. When only the AND stages ran, the passages BM25
   * ranks best on the query's own terms (no expansions) join the candidates the net reads.
   */
  private async plainNet(parsed: ParsedQuery, reading: QueryReading, sorted: Candidate[], orRan: boolean, accept: ((id: string) => boolean) | undefined, phraseOk: (b: Block) => boolean, weigh: (b: Block) => number = kindWeight): Promise<void> {
    const reads = netReads(parsed.text, parsed.words.filter((w) => !w.light).length);
    const extra: Candidate[] = [];
    if (!orRan && reads) {
      const have = new Set(sorted.map((c) => c.block.id));
      const own = parsed.words.map((w) => ({ ...w, expansions: undefined }));
      const floor = sorted.length ? sorted[sorted.length - 1]!.score : 1;
      const results = await this.source.candidates({ words: own, combineWith: 'OR', fuzzy: false, prefix: false, boost: { text: 1, heading: 0.3 }, rank: 'bm25', k: PLAIN_NET_POOL, ...(accept ? { accept } : {}) });
      for (const c of this.freshOf(results, new Map(), phraseOk, weigh)) if (!have.has(c.block.id)) extra.push({ ...c, score: floor * 0.5 });
    }
    const score = plainScorer(parsed.text, this.surface);
    const plainOf = (c: Candidate) => score(this.surfaceOf(c.block));
    const pool = [...sorted, ...extra];
    if (reads && fusePlain(pool, plainOf) > 0) {
      // A passage from the net's own query stays only if it was lifted (it has no place among the ranked ones otherwise).
      const limit = sorted.length;
      const joined = new Set(extra);
      sorted.length = 0;
      pool.forEach((c, i) => {
        if (!joined.has(c) || i < limit) sorted.push(c);
      });
    }
    // The plain ranking reads English words as typed (a French query's are no English words), and
    // nothing of what a question asks for (a date, a number, a reason), which rerank's focus
    // weighed: only such queries' clear favourites lead and near ties are broken.
    const english = isEnglishQuery(parsed.words) && !parsed.words.some((w) => w.french !== undefined);
    if (!english || reading.focus) return;
    // A shorter query (a name, a term, a topic) gets no floor, and its plain ranking only speaks
    // for a passage holding every word typed, as typed (plain-net.ts WHOLE).
    const minShare = reads ? 0 : WHOLE;
    leadByPlain(sorted, plainOf, (c) => c.block.lang === 'en' && c.block.pair === undefined, minShare);
    breakNearTies(sorted, plainOf, minShare);
  }

  /**
   * A stage read for a person's years and cut at YEARS_CANDIDATES (a large library): past its first
   * CANDIDATES, only the passages that give the years after the name, which rerank lifts above all
   * others; the rest would rank below hundreds of others, and weighing, reranking and folding them
   * cost as much as the stage itself. (The bundled corpus is smaller than the cut.)
   */
  private yearsHead(results: readonly SourceCandidate[], words: QueryWord[]): SourceCandidate[] {
    const gives = givesYears(words);
    const out = results.slice(0, CANDIDATES);
    if (!gives) return out;
    for (let i = CANDIDATES; i < results.length; i++) {
      const block = this.corpus.block(results[i]!.id);
      if (block && gives(this.foldedOf(block).text)) out.push(results[i]!);
    }
    return out;
  }

  /** A stage's passages not found by an earlier one that pass `ok`, weighted by kind. */
  private freshOf(results: readonly { id: string; score: number; coverage?: number }[], found: Map<string, Candidate>, ok: (block: Block) => boolean, weigh: (block: Block) => number = kindWeight): Candidate[] {
    const fresh: Candidate[] = [];
    for (const r of results) {
      if (found.has(r.id)) continue;
      const block = this.corpus.block(r.id);
      if (!block || !ok(block)) continue;
      fresh.push({ block, work: this.corpus.workOf(r.id)!, score: r.score * weigh(block), coverage: r.coverage });
    }
    return fresh;
  }

  /**
   * A Russian query asked again of the passages in other languages, each word by its English forms
   * (cross-language.ts), merged by score: an English passage that says what the query says is
   * then compared with the others on what it can match. An English query likewise of the Russian
   * passages without a translation, each word by its Russian forms.
   */
  private async otherLanguage(parsed: ParsedQuery, reading: QueryReading, found: Map<string, Candidate>, phraseOk: (b: Block) => boolean, accept?: (id: string) => boolean) {
    const index = this.expansionIndex();
    const toRussian = (w: QueryWord) => russianTerms(w, index);
    const ask = languageToAsk(parsed.words, index.frequency, toRussian);
    const russian = ask === 'english';
    const words = ask === 'english' ? englishSide(parsed.words) : ask === 'russian' ? russianSide(parsed.words, toRussian) : null;
    if (!words) return;
    const russianOnly = russian ? undefined : this.corpus.russianOnly();
    const other = this.otherSide(russian);
    const results = await this.source.candidates({
      words,
      combineWith: 'OR',
      fuzzy: false,
      prefix: false,
      boost: { text: 1, heading: 0.3 },
      rank: 'coverage',
      k: CANDIDATES,
      // The typo neighbours of a word the index lacks were looked up by the first stage already.
      queryKey: parsed.words,
      accept: accept ? (id) => other(id) && accept(id) : other,
      ...(russianOnly ? { only: russianOnly } : {}),
    });
    const fresh: Candidate[] = [];
    for (const r of results) {
      const block = this.corpus.block(r.id);
      if (block && phraseOk(block)) fresh.push({ block, work: this.corpus.workOf(r.id)!, score: r.score * kindWeight(block) * OTHER_LANGUAGE_SCALE, coverage: r.coverage });
    }
    // The question asks the same of a passage in the other language: «когда …» a date in an English one.
    const { focus, negated, publisher, siglum, whoIs, polar } = reading;
    rescore(fresh, words, this.foldedText, this.rerankPositionsOf, { focus, context: this.context, negated, siglumOf: this.siglumOf, publisher, siglum, whoIs, polar });
    for (const c of fresh) if ((found.get(c.block.id)?.score ?? 0) < c.score) found.set(c.block.id, c);
    // An English query's passages were ranked on English words already: only the Russian ones it
    // reached are weighed again. One word has no others to be weighed against (languageToAsk's rule).
    if (parsed.words.filter((w) => !w.light).length > 1) this.fairMerge(fairWords(parsed.words, this.languageFrequency, toRussian), found, fresh, russian);
  }

  private readonly otherSides: { english?: (id: string) => boolean; russian?: (id: string) => boolean } = {};

  /**
   * The passages the other-language pass may return (`russian`: the passages in another language
   * than Russian; else the Russian ones without a translation), as one function per engine: a
   * source may keep a filter's answers per function (candidates.ts), and a Russian query's pass is
   * asked about most passages of a large English library, each looked up by id (most of its cost
   * when asked anew for every query). The corpus does not change under an engine.
   */
  private otherSide(russian: boolean): (id: string) => boolean {
    if (russian) {
      return (this.otherSides.english ??= (id) => {
        const block = this.corpus.block(id);
        return block !== undefined && block.lang !== 'ru';
      });
    }
    const russianOnly = this.corpus.russianOnly();
    return (this.otherSides.russian ??= (id) => russianOnly.has(id));
  }

  /** Passages per language (Russian, other), counted on the first query asked in both. */
  private languageCounts: { ru: number; other: number } | undefined;

  /** In how many passages of its own language a term is, and how many there are (cross-language.ts: `fairWords`). */
  private readonly languageFrequency: LanguageFrequency = (term, cyrillic) => {
    if (!this.languageCounts) {
      const counts = { ru: 0, other: 0 };
      for (const w of this.corpus.works) for (const b of w.blocks) counts[b.lang === 'ru' ? 'ru' : 'other']++;
      this.languageCounts = counts;
    }
    const n = cyrillic ? this.languageCounts.ru : this.languageCounts.other;
    return { df: Math.min(n, term ? this.source.vocabulary.documentFrequency(term) : 0), n, all: this.languageCounts.ru + this.languageCounts.other };
  };

  /**
   * Each of the best passages of both passes takes, for its coverage factor, the share of the query
   * it covers with every word weighed in its own language (cross-language.ts: the fair merge), so
   * a passage in the query's language that shares its common words no longer outranks one in the
   * other language that says its specific words through confident translations; and its score is
   * scaled as if BM25 had read the words it holds as themselves by that idf too (idfFairness).
   */
  private fairMerge(words: FairWord[], found: Map<string, Candidate>, other: Candidate[], all: boolean) {
    const best = all ? [...found.values()].sort((a, b) => b.score - a.score).slice(0, FAIR_DEPTH) : [];
    const seen = new Set<Candidate>();
    for (const c of [...best, ...other.slice(0, FAIR_DEPTH)]) {
      if (seen.has(c) || c.coverage === undefined || found.get(c.block.id) !== c) continue;
      seen.add(c);
      // A side of a translation pair is shown with the other: it covers what either says.
      const other = counterpart(this.corpus, c.block)?.ids.map((id) => this.corpus.block(id)).filter((b): b is Block => b !== undefined) ?? [];
      const blocks = [c.block, ...other];
      const shown = blocks.map(this.positionsOf);
      // A front-matter line is about the book its work's title names, as the index reads it (index-build.ts).
      if (c.block.kind === 'front-matter') shown.push(this.titleOf(c.work));
      c.score *= coverageFactor(fairCoverage(words, shown, (i, forms) => i < blocks.length && spellsAny(blocks[i]!, this.foldedOf(blocks[i]!).letters, forms))) / coverageFactor(c.coverage);
      // Its BM25 weighed the query's words it holds as themselves by the library's idf, too high
      // for Russian words in a library mostly in English: by their idf among its own language's passages.
      c.score *= idfFairness(words, shown[0]!);
    }
  }

  /**
   * Stop-word-only queries and phrases the index cannot see: a scan of the passages. Its cost grows
   * with the library, so it reads at most `scanLimit` passages, and the reply says so when it
   * stopped there rather than present part of the library as all of it.
   */
  private scan(parsed: ParsedQuery, options: SearchOptions, notices: string[], want = Number.POSITIVE_INFINITY, limit = this.scanLimit): Candidate[] {
    const wanted = (parsed.phrases.length ? parsed.phrases : [parsed.text]).map(phraseOf);
    const out: Candidate[] = [];
    let read = 0;
    // Matches are kept in reading order; a scan for very common words stops once it has plenty.
    for (const { block, work } of this.corpus.passages()) {
      if (out.length >= want * 4) break;
      if (read++ === limit) {
        notices.push(
          `This query has only very common words (or a phrase the index cannot narrow down), which are looked for passage by passage: only the first ${limit.toLocaleString('en')} passages of the library were searched. Add a less common word to search all of it.`,
        );
        break;
      }
      if (!this.accept(block, work, options)) continue;
      if (wanted.every((w) => this.hasPhrase(block, w))) out.push({ block, work, score: KIND_WEIGHT[block.kind] / Math.log2(2 + block.plain.length / 200) });
    }
    return out.sort((a, b) => b.score - a.score);
  }

  /**
   * One result per passage as the reply shows it: a repeated quotation once (the copy with a
   * citation or a translation, then the best score), and a footnote with the passage it annotates
   * (the reply shows them together; the better scored one leads).
   */
  private fold(candidates: Candidate[]): Candidate[] {
    // A group's first candidate, and the others only when there are others (most groups have one).
    const groups = new Map<string, { first: Candidate; rest: Candidate[] | undefined }>();
    const order: { first: Candidate; rest: Candidate[] | undefined }[] = [];
    for (const c of candidates) {
      let k = this.keys.get(c.block.id);
      if (k === undefined) {
        k = foldKey(this.corpus, c.block);
        this.keys.set(c.block.id, k);
      }
      const group = groups.get(k);
      if (!group) {
        const created = { first: c, rest: undefined };
        groups.set(k, created);
        order.push(created);
      } else (group.rest ??= []).push(c);
    }
    const carries = (c: Candidate) => (c.block.kind !== 'footnote' && (c.block.citations.length > 0 || c.block.pair) ? 1 : 0);
    const ownKey = (block: Block) => {
      let k = this.ownKeys.get(block);
      if (k === undefined) this.ownKeys.set(block, (k = duplicateKey(block)));
      return k;
    };
    const saysOwn = (a: Candidate, b: Candidate) => a.block.kind !== 'footnote' && b.block.kind !== 'footnote' && ownKey(a.block) !== ownKey(b.block);
    return order.map(({ first, rest }) => {
      let best = first;
      let score = first.score;
      for (const b of rest ?? NO_CANDIDATES) {
        // A quotation and its lead-in are one passage, not two copies: the better scored leads (the
        // snippet and the match report read it), whichever carries the citation. So do two lead-ins
        // of one quotation that say different things ("I examined his strategy of pretending to
        // predict…:" and "Trotsky's principal tactic…:", both before "There is only one way to
        // forestall…"): what the reader asked for is in the better scored one's own words. A note
        // and its passage are neither (the note yields below).
        const mates = b.block !== best.block && this.corpus.unitOf(best.block).blocks.includes(b.block);
        if (mates || saysOwn(b, best) ? b.score > best.score : carries(b) > carries(best) || (carries(b) === carries(best) && b.score > best.score)) best = b;
        score = Math.max(score, b.score);
      }
      // A note that only just beats the passage it annotates (a reference note sharing its words)
      // yields to it: the passage is the answer, the note comes with it.
      if (best.block.kind === 'footnote') {
        const ref = best.block.refBlock;
        const anchor = first.block.id === ref ? first : rest?.find((g) => g.block.id === ref);
        if (anchor && anchor.score >= ANCHOR_MARGIN * best.score) best = anchor;
      }
      // Each candidate is in one group and read no more after this: it takes its group's score.
      best.score = score;
      return best;
    });
  }

  async suggest(prefix: string, limit: number): Promise<string[]> {
    const p = prefix.trim();
    if (p.length < 2) return [];
    return await this.source.suggest(p, limit);
  }
}
