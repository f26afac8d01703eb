/**
 * False friends Porter2 merges get stems of their own (src/search/analyse/stem-split.ts): department
 * is no form of depart, apartment of apart, quite of quit; words WordNet makes one family, and a
 * word's own inflections, still share one stem. Queries written from the bundled corpus.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import type { SearchEngine } from '../src/search/engine.ts';
import { porter2, stemEnglish } from '../src/search/analyse/stem.ts';
import { compileStemSplit } from '../src/search/analyse/stem-split-compile.ts';
import { parseStemSplit, STEM_SPLIT_FILE } from '../src/search/analyse/stem-split.ts';
import { realEngine } from './helpers/corpus.ts';

let engine: SearchEngine;
beforeAll(async () => {
  ({ engine } = await realEngine());
});

const apart = (a: string, b: string) => [a, b, porter2(a) === porter2(b), stemEnglish(a) === stemEnglish(b)];

describe('GIVEN words Porter2 cuts to another word of another meaning', () => {
  it('THEN each has a stem of its own', () => {
    const pairs = [['department', 'depart'], ['apartment', 'apart'], ['quite', 'quit'], ['polite', 'political'], ['organization', 'organs'], ['university', 'universal'], ['internal', 'international'], ['several', 'sever'], ['caste', 'cast'], ['aide', 'aid']];
    expect(pairs.map(([a, b]) => apart(a!, b!))).toEqual(pairs.map(([a, b]) => [a, b, true, false]));
  });

  it('THEN their inflections follow them: departments, apartments, universities, organizations', () => {
    expect(['departments', 'apartments', 'universities', 'organizations', 'organized'].map(stemEnglish)).toEqual(['department', 'apartment', 'university', 'organize', 'organize']);
  });
});

describe('GIVEN words of one family, or a word and its inflections, that WordNet lists apart', () => {
  it('THEN they keep one stem', () => {
    const pairs = [['generally', 'general'], ['departed', 'depart'], ['means', 'mean'], ['lied', 'lie'], ['used', 'use'], ['masses', 'mass'], ['changes', 'change'], ['successful', 'success'], ['consulate', 'consul'], ['predictable', 'predict'], ['terrorism', 'terror']];
    expect(pairs.map(([a, b]) => [a, b, stemEnglish(a!) === stemEnglish(b!)])).toEqual(pairs.map(([a, b]) => [a, b, true]));
  });
});

describe('GIVEN the table of false friends kept in data/wordnet', () => {
  it('THEN it is what the installed WordNet package gives', () => {
    expect(JSON.parse(readFileSync(STEM_SPLIT_FILE, 'utf8'))).toEqual(compileStemSplit());
  });
});

describe('GIVEN a reader who says "leave", which WordNet reads as depart', () => {
  it('THEN the letter about leaving Europe ranks first and the Department of Research passage is not near it', async () => {
    const ids = (await engine.search('if I leave Europe my connections will be wiped out', { limit: 3 })).hits.map((h) => h.block.id);
    expect(ids[0]).toBe('trotskys-lies.p879');
    expect(ids).not.toContain('violence-trotskyism-article.p9');
  });
});

describe('GIVEN the stem-split table file (data/wordnet/stem-split.json)', () => {
  it('THEN the repository table loads as the current format and version', () => {
    const table = parseStemSplit(readFileSync(STEM_SPLIT_FILE, 'utf8'));
    expect(table.stems.has('depart')).toBe(true);
    expect(table.words.get('department')).toBe('department');
  });

  it('THEN a table of another version, or not JSON, is refused with the command that remakes it', () => {
    const older = JSON.stringify({ format: 'lectern.stem-split', version: 0, stems: [], words: {} });
    expect(() => parseStemSplit(older, 'x.json')).toThrow(/format lectern\.stem-split v0 .*run npm run stem-split/);
    expect(() => parseStemSplit('{"format":"lectern.stem-split","version":1,"stems":"apart"}', 'x.json')).toThrow(/malformed table.*npm run stem-split/);
    expect(() => parseStemSplit('not json', 'x.json')).toThrow(/x\.json is not JSON.*npm run stem-split/);
  });
});
