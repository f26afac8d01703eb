/**
 * How a passage's truncations are held in the index (abbreviations.ts), apart from the reading
 * itself so that the analysis fingerprint (analyse/options.ts) can name it without importing it.
 */
/**
 * Marks an index term that a truncation stands for (". europ"): no token holds it, and its space
 * makes it a marked term as a phrase's is, which no completion, typo neighbour or autocomplete
 * reaches (lectern-index.ts isPhraseTerm, memory-source.ts and pg-source.ts suggestions).
 */
export const ABBREVIATION_MARKER = '. ';

/** What the saved index records of this reading (analysisOptions): bump on any change to what a text gives. */
export const ABBREVIATION_TERMS = { version: 1, rule: '3+ letters and a stop before a small letter or , ; : ) –; no word of the corpus, WordNet or the glossary; the corpus stem it begins most often, 2+ times; a bibliography siglum of several words or with stops also joined in the second field' };
