/**
 * Text analysis for search. The pipeline, in order, and why in that order:
 *
 * 1. fold: footnote markers go first (NFKC would glue superscript digits to words as ASCII), then
 *    NFKC, case, quotes, dashes, spaces, ё → е, soft hyphens and markdown, repeated to a fixed point
 *    so folding is idempotent. Phrases are compared on folded text, so all later steps agree on it.
 * 2. tokenize: words of letters/digits in any script, on folded text with letter case kept (the
 *    next step tells names by their capital). Compounds give their parts and the joined form, which
 *    also heals hyphenation residue; scripts are split; possessives and elisions are handled.
 * 3. analyseTerm, per token: stop words and single letters dropped; the language is the script's
 *    (Cyrillic → Snowball Russian, Latin → Snowball English/Porter2, after diacritics are dropped);
 *    then the stem, and for Cyrillic words and capitalised or transliteration-like Latin words one
 *    cross-script key ("~" + a phonetic skeleton) so Зиновьев, Zinoviev and Zinov'ev meet. The key
 *    is extra, never a replacement, so English words keep their stems.
 * 4. parseQuery: the same tokenize and analyseTerm (keys for every word, stop words kept if they
 *    are all there is), quoted phrases apart; toMiniSearchQuery makes an AND of words, each an OR of
 *    its terms with fuzzyFor's per-term fuzziness; containsPhrase then checks phrases exactly.
 *
 * ANALYSIS_VERSION and analysisOptions() fingerprint all of this for the saved index.
 */
export { fold, foldedLetters, foldKeepCase } from './fold.ts';
export { joinInitials, tokenize, words, MAX_TOKEN_LENGTH, type WordToken } from './tokenize.ts';
export { analyseTerm, fuzzyFor, isKey, typoDistance, type AnalyseOptions } from './term.ts';
export { crossScriptKey, transliterate, KEY_MARKER } from './key.ts';
export { parseQuery, toMiniSearchQuery, MAX_QUERY_LENGTH, type ParsedQuery, type QueryWord, type MiniSearchQueryOptions } from './query.ts';
export { containsFoldedPhrase, containsPhrase } from './phrase.ts';
export { ANALYSIS_VERSION, analysisOptions, type AnalysisOptions } from './options.ts';
export { EN_STOPWORDS, RU_STOPWORDS } from './stopwords.ts';
export { isLightWord, LIGHT_WEIGHT, LIGHT_WORDS } from './light.ts';
