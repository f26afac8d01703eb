/**
 * Multi-word paraphrases: a query that says "called off", "talked into", "taken into custody" or
 * "step down" means one word the text may use instead (cancelled, persuaded, arrested, resigned).
 * WordNet lists such phrases (wordnet.ts phrasesIn); their words one by one mean something else,
 * so per-word synonyms cannot find them. The phrase is read from the query's words with its stop
 * words (which the parsed words have lost), and what it stands for is added, below the query's own
 * words, to the words of substance it covers — or, when it covers none ("called" is a light word,
 * "off" a stop word), as a word of its own.
 */
import { isLightWord, type ParsedQuery, type QueryWord } from '../analyse/index.ts';
import { plainLatin } from '../analyse/key.ts';
import { stemEnglish } from '../analyse/stem.ts';
import { PHRASE_MARKER, phrasesIn } from './wordnet.ts';

const TOKEN = /[\p{L}\p{N}]+(?:['’]\p{L}+)*/gu;
const LATIN = /^[a-z]+$/;
/** Phrases that, ending a question, mean a stop word ("what were they up to": doing). */
const STRANDED = new Set(['up to']);
/** What may follow such a phrase whose object the question word took ("what was Yezhov up to in 1937"): no object. */
const AFTER_STRANDED = new Set(['in', 'on', 'at', 'during', 'after', 'before', 'when', 'while', 'then', 'now', 'there', 'and', 'or', 'but', 'since', 'until', 'all', 'exactly', 'really', 'actually']);

export interface PhraseExpansion {
  /** The phrase as typed (folded). */
  text: string;
  /** The parsed query words it covers (stop words are not parsed words). */
  words: QueryWord[];
  /** The index term of a passage that says the phrase itself ("_again and again": passage-phrases.ts). */
  term: string;
  /** What WordNet says it stands for, its own words left out, strongest first. */
  related: { term: string; weight: number }[];
  /** It stands for a light word ("stand for" → mean): it is a light word itself. */
  light: boolean;
}

export function queryPhrases(parsed: ParsedQuery): PhraseExpansion[] {
  const tokens = (parsed.text.match(TOKEN) ?? []).map((t) => t.replace(/['’]s$/, ''));
  const stems = tokens.map((t) => {
    const plain = plainLatin(t);
    return LATIN.test(plain) ? stemEnglish(plain) : '';
  });
  // A phrase has two Latin words at least: a one-word query ("Kirov") must not pay for reading WordNet.
  if (stems.filter(Boolean).length < 2) return [];
  return phrasesIn(stems).flatMap(({ from, to, object, key, related }) => {
    // "what was he really up to": "up to" with nothing after it has lost its object to the question
    // word, and is the idiom "be up to (something)", doing, a stop word; WordNet's senses (capable,
    // equal to: "up to the task") all take an object, and the phrase put "a mirror up to himself" first.
    if ((to === tokens.length || AFTER_STRANDED.has(tokens[to]!)) && STRANDED.has(tokens.slice(from, to).join(' '))) return [];
    // The object a phrasal verb is split around ("make stuff up") is no word of the phrase.
    const inPhrase = (_: string, i: number) => !object || from + i < object[0] || from + i >= object[1];
    const own = new Set(stems.slice(from, to).filter(inPhrase));
    const typed = new Set(tokens.slice(from, to).filter(inPhrase));
    const rest = related.filter((r) => !own.has(r.term));
    if (rest.length === 0) return [];
    return [
      {
        text: tokens.slice(from, to).join(' '),
        term: PHRASE_MARKER + key,
        words: parsed.words.filter((w) => typed.has(w.text.replace(/['’]s$/, ''))),
        related: rest,
        // Light when it stands for a light word as strongly as for anything ("stand for" → mean), not
        // when that word is a weak relation ("come up" → happen, its broader word; arise, surface first).
        light: rest.some((r) => isLightWord(r.term) && r.weight >= rest[0]!.weight),
      },
    ];
  });
}
