/**
 * Question focus (src/search/rerank.ts questionFocus): "how many X" prefers the passage that gives a
 * number just before X, "how long/much …" one with a number near its matched words, "when …" one
 * with a date. Real corpus; the queries are written for these tests, none is in ../shared/eval.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { SearchEngine } from '../src/search/engine.ts';
import { fold } from '../src/search/analyse/fold.ts';
import { questionFocus } from '../src/search/rerank.ts';
import { readPassage } from '../src/search/passage-reading.ts';
import { realEngine } from './helpers/corpus.ts';

let engine: SearchEngine;
beforeAll(async () => {
  ({ engine } = await realEngine());
});

const top = async (query: string) => (await engine.search(query, { limit: 1 })).hits[0]?.block.plain ?? '';

describe('GIVEN a question that asks for a number or a date', () => {
  it('THEN its focus is read from the question words, and a question for a person’s years keeps its own answer', () => {
    expect(questionFocus('how many biographies of trotsky have come out')).toEqual({ kind: 'number', counted: 'biographies' });
    expect(questionFocus("how many of khrushchev's charges were false")).toEqual({ kind: 'number', counted: 'charges' });
    expect(questionFocus('how long did furr speak in london')).toEqual({ kind: 'number' });
    expect(questionFocus('when did bazhanov flee the ussr')).toEqual({ kind: 'date' });
    expect(questionFocus('when was ciliga born')).toBeUndefined();
    expect(questionFocus('trotsky biographies')).toBeUndefined();
  });

  it('THEN the passage that gives the count of what is asked about ranks first', async () => {
    // The speech's opening paragraph shares "since the end of the USSR" and a year; the answer counts the biographies.
    expect(await top('How many biographies of Trotsky have come out since the USSR ended?')).toContain('ten full-scale biographies of Trotsky');
  });
});

describe('GIVEN a question "how many" answered by a share', () => {
  it('THEN the passage giving the share of what is counted ranks first, the share standing farther from it ("one-half of all members of … parties")', async () => {
    // The speech's passage on Khrushchev Lied shares the words and gives years; this one says what share left.
    expect(await top("How many party members abroad left after Khrushchev's speech?")).toContain('one-half of all members of communist parties');
  });
});

describe('GIVEN a Russian question that asks for a number or a date', () => {
  it('THEN its focus is read from the Russian question words in their forms, and the word after «сколько» is counted unless it is a verb', () => {
    expect(questionFocus(fold('Сколько франков в день Жанна давала Сынку'))).toEqual({ kind: 'number', counted: 'франков' });
    expect(questionFocus(fold('У скольких человек нашли письма Троцкого?'))).toEqual({ kind: 'number', counted: 'человек' });
    expect(questionFocus(fold('Сколько стоила нелегальная типография в Берлине'))).toEqual({ kind: 'number' });
    expect(questionFocus(fold('Как долго Сталин держал троцкистов за решёткой'))).toEqual({ kind: 'number' });
    expect(questionFocus(fold('Когда Седов сказал, что Сталина нужно убить?'))).toEqual({ kind: 'date' });
    expect(questionFocus(fold('В каком году Снайдер опубликовал свою книгу'))).toEqual({ kind: 'date' });
    expect(questionFocus(fold('Какого числа Седов это сказал'))).toEqual({ kind: 'date' });
    // Inside a sentence «когда» is a conjunction: no date is asked for.
    expect(questionFocus(fold('амальгамы возникают, когда бюрократия поднимается над классом'))).toBeUndefined();
  });

  it('THEN across scripts the English passage that gives the year ranks first', async () => {
    // The other passages on Snyder's book share its words; only this one says when it came out.
    expect(await top('в каком году Снайдер опубликовал свою книгу')).toContain('In 2010 he published Bloodlands.');
  });
});

describe('GIVEN a question that asks why', () => {
  it('THEN its focus is a reason, in English and in Russian, and a date asked about a reason stays a date', () => {
    expect(questionFocus('why did trotsky deny the bloc')).toEqual({ kind: 'cause' });
    expect(questionFocus('for what reason was yezhov removed')).toEqual({ kind: 'cause' });
    expect(questionFocus(fold('Почему Троцкий отрицал блок?'))).toEqual({ kind: 'cause' });
    expect(questionFocus(fold('Зачем Сынок разменял тысячу франков'))).toEqual({ kind: 'cause' });
    expect(questionFocus('when did the reason they were kicked out become known')).toEqual({ kind: 'date' });
    expect(questionFocus(fold('когда стало известно, почему выгнали представителей ГПУ'))).toEqual({ kind: 'date' });
    expect(questionFocus('how did trotsky follow the kirov case')).toBeUndefined();
  });

  it('THEN the passage that gives a reason near the question’s words ranks first', async () => {
    // The passage before it ("We do not know why Trotsky did not wish to acknowledge … the bloc") and
    // the one after ("Trotsky decided to deny everything") share the words; this one says "in order to".
    expect(await top('why did Trotsky deny the bloc')).toContain('he had to preserve "plausible deniability" in order to fight');
  });

  it('THEN a reason is read in the words that give one, and "why" only after a verb of seeing or knowing', () => {
    const cues = (text: string) => readPassage(text).causes;
    // A cue of several words is at its first word's place.
    expect(cues("It's easy to see why Trotsky liked this story")).toEqual([3]);
    expect(cues('a cover-up intended to mask his real relations')).toEqual([3]);
    expect(cues('The justification for this book is twofold')).toEqual([1]);
    expect(cues('He explained his suspicions by the fact that')).toEqual([1]);
    // A question the passage asks gives no reason.
    expect(cues('Why does Trotsky remain silent about these allegations')).toEqual([]);
  });

  it('THEN asked in Russian, the English passage that gives the reason ranks first', async () => {
    // Two passages on Trotsky's denials share more of the words; this one says "in order to".
    expect(await top('почему Троцкий отрицал блок')).toContain('he had to preserve "plausible deniability" in order to fight');
  });

  it('THEN a reason stated only by a stop word counts: "because"', async () => {
    const reason = (await engine.search('why does Pravda’s silence count as evidence', { limit: 3 })).hits.map((h) => h.block.plain);
    expect(reason.some((p) => p.includes('because Pravda of December 1934 to January 1935 is a finite search field'))).toBe(true);
  });
});
