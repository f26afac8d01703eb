/**
 * The fingerprint of the analysis, stored with a saved index: an index built with other rules
 * would silently miss matches, so any difference makes the lead's loader rebuild it.
 */
import { createHash } from 'node:crypto';
import { KEY_MARKER } from './key.ts';
import { MAX_QUERY_LENGTH } from './query.ts';
import { SPELLING_PACKAGE, spellingCount } from './spelling.ts';
import { STEMMER_PACKAGE, stemEnglish, stemRussian } from './stem.ts';
import { EN_STOPWORDS, RU_STOPWORDS, STOPWORDS_PACKAGE } from './stopwords.ts';
import { MAX_TOKEN_LENGTH } from './tokenize.ts';
import { EXCEPTIONS_PACKAGE, WORDNET_FORMAT_VERSION, WORDNET_PACKAGE } from '../expand/wordnet-compile.ts';
import { PACKED_VERSION } from '../expand/wordnet-packed.ts';
import { PHRASE_TERMS } from '../passage-phrases.ts';
import { ABBREVIATION_TERMS } from '../abbreviation-terms.ts';

/** Bump on any change to what fold, tokenize or analyseTerm produce. */
export const ANALYSIS_VERSION = 7;

const digest = (items: Iterable<string>) => createHash('sha256').update([...items].join('\n')).digest('hex').slice(0, 16);

// A package update that changes stemming changes these digests even if nobody bumps a version.
const PROBE_EN = ['generously', 'dying', 'running', 'abilities', 'trotskyists', 'rehabilitation', 'conspiracies', 'testimony', 'organisation', 'centre', 'defence', 'department', 'apartment', 'quite', 'political'];
const PROBE_RU = ['амальгамах', 'бюрократии', 'троцкого', 'оппозиции', 'показания', 'расстрелян', 'подготовлявшемся'];

export interface AnalysisOptions {
  version: number;
  fold: string;
  tokenize: { maxTokenLength: number; compounds: string };
  stemmers: { package: string; version: string; en: string; ru: string; probe: string };
  spelling: { package: string; version: string; size: number };
  stopWords: { package: string; version: string; en: { size: number; digest: string }; ru: { size: number; digest: string } };
  key: { marker: string; scheme: string; latinWords: string };
  query: { maxLength: number };
  /** What a passage's WordNet phrases are read with (passage-phrases.ts): the index holds them as terms. */
  phrases: { wordnet: string; table: number; packed: number; version: number; rule: string };
  /** What a passage's truncations are read as (abbreviations.ts): the index holds them as terms. */
  abbreviations: { version: number; rule: string };
}

let cached: AnalysisOptions | undefined;

/** A JSON-able description of the analysis; equal descriptions mean interchangeable indexes. */
export function analysisOptions(): AnalysisOptions {
  cached ??= {
    version: ANALYSIS_VERSION,
    fold: 'nfkc+lower; quotes, dashes, spaces unified; soft hyphens, markdown, <u>, footnote markers removed; ё→е; ß→ss',
    tokenize: { maxTokenLength: MAX_TOKEN_LENGTH, compounds: 'parts+joined; possessive stripped; elision both; scripts split; dotted initials joined' },
    stemmers: {
      package: STEMMER_PACKAGE.name,
      version: STEMMER_PACKAGE.version,
      en: STEMMER_PACKAGE.english,
      ru: STEMMER_PACKAGE.russian,
      probe: digest([...PROBE_EN.map(stemEnglish), ...PROBE_RU.map(stemRussian)]),
    },
    spelling: { package: SPELLING_PACKAGE.name, version: SPELLING_PACKAGE.version, size: spellingCount() },
    stopWords: {
      package: STOPWORDS_PACKAGE.name,
      version: STOPWORDS_PACKAGE.version,
      en: { size: EN_STOPWORDS.size, digest: digest([...EN_STOPWORDS].sort()) },
      ru: { size: RU_STOPWORDS.size, digest: digest([...RU_STOPWORDS].sort()) },
    },
    key: { marker: KEY_MARKER, scheme: 'lc-translit+skeleton+ending-cut/1', latinWords: 'capitalised or transliteration-like' },
    query: { maxLength: MAX_QUERY_LENGTH },
    phrases: {
      wordnet: `${WORDNET_PACKAGE.name}@${WORDNET_PACKAGE.version}, ${EXCEPTIONS_PACKAGE.name}@${EXCEPTIONS_PACKAGE.version}`,
      table: WORDNET_FORMAT_VERSION,
      packed: PACKED_VERSION,
      ...PHRASE_TERMS,
    },
    abbreviations: { ...ABBREVIATION_TERMS },
  };
  return structuredClone(cached);
}
