/**
 * Stop words: the Snowball-derived English and Russian lists of @orama/stopwords, less a few words
 * that carry meaning in this corpus. A stop word gives no index term; a query made only of stop
 * words keeps them (see parseQuery), and the caller answers it by scanning with containsPhrase.
 */
import { stopwords as english } from '@orama/stopwords/english';
import { stopwords as russian } from '@orama/stopwords/russian';
import { fold } from './fold.ts';

export const STOPWORDS_PACKAGE = { name: '@orama/stopwords', version: '3.1.18' };

// "May 1937" and "the will of the Party" are searched for; the Russian list (NLTK's, built from
// fiction) has content words that matter in testimony ("говорил", "человек") and numbers, and
// сегодня (today), which a Russian question about an English passage needs: the glossary reads it
// as today and tonight (сегодня вечером), words no English stop list drops.
const KEEP_EN = new Set(['may', 'will']);
const KEEP_RU = new Set(['человек', 'жизнь', 'говорил', 'сказал', 'сказала', 'сказать', 'один', 'два', 'три', 'сегодня']);

// The Russian list has этот, эти, эту, этой, этом, этого but not the demonstrative's other forms:
// «эта страница», «это было» made "this" a word of substance a passage had to have, and a
// Russian question about an English passage had a word no English passage can meet.
const ADD_RU = ['эта', 'это', 'этим', 'этих', 'этими'];

const build = (list: string[], keep: Set<string>, add: string[] = []) => new Set([...list, ...add].map(fold).filter((w) => w && !keep.has(w)));

export const EN_STOPWORDS: ReadonlySet<string> = build(english, KEEP_EN);
export const RU_STOPWORDS: ReadonlySet<string> = build(russian, KEEP_RU, ADD_RU);
