import { describe, expect, it } from 'vitest';
import { parseCommandLine } from '../src/dispatch/parse-line.ts';
import type { CommandDefinition } from '../src/dispatch/types.ts';

const styles = [
  { name: 'Chicago', value: 'chicago' },
  { name: 'MLA', value: 'mla' },
  { name: 'APA', value: 'apa' },
];
const commands: CommandDefinition[] = [
  {
    name: 'quote',
    description: 'Find passages',
    options: [
      { name: 'query', description: 'Words or "a phrase"', type: 'string', required: true },
      { name: 'work', description: 'Only this work', type: 'string', autocomplete: 'work' },
      { name: 'limit', description: 'How many', type: 'integer' },
      { name: 'hide', description: 'Only you see it', type: 'boolean' },
    ],
  },
  {
    name: 'cite',
    description: 'Cite a passage',
    options: [
      { name: 'passage', description: 'Passage id', type: 'string', required: true },
      { name: 'style', description: 'Style', type: 'string', choices: styles },
    ],
  },
  {
    name: 'source',
    description: 'Resolve a citation',
    options: [
      { name: 'citation', description: 'As printed', type: 'string', required: true },
      { name: 'style', description: 'Style', type: 'string', choices: styles },
    ],
  },
  {
    name: 'context',
    description: 'Around a passage',
    options: [
      { name: 'passage', description: 'Passage id', type: 'string', required: true },
      { name: 'before', description: 'Before', type: 'integer' },
      { name: 'after', description: 'After', type: 'integer' },
    ],
  },
  { name: 'page', description: 'Go to a page', options: [{ name: 'number', description: 'Page', type: 'integer', required: true }] },
  { name: 'works', description: 'List the works' },
];
const parse = (line: string, prefixes = ['/', '!']) => parseCommandLine(line, { prefixes, commands });

describe('parseCommandLine: the documented examples', () => {
  it('GIVEN "/quote peppery dishes" THEN the free text is the query', () => {
    expect(parse('/quote peppery dishes')).toEqual({ command: 'quote', args: { query: 'peppery dishes' } });
  });

  it('GIVEN a quoted phrase and --name value options THEN the quotes stay in the query and the limit is a number', () => {
    expect(parse('!quote "cook will prepare" --work trotskys-lies --limit 3')).toEqual({
      command: 'quote',
      args: { query: '"cook will prepare"', work: 'trotskys-lies', limit: 3 },
    });
  });

  it('GIVEN "/source (Vozhdy 250) style:mla" THEN name:value sets the style', () => {
    expect(parse('/source (Vozhdy 250) style:mla')).toEqual({ command: 'source', args: { citation: '(Vozhdy 250)', style: 'mla' } });
  });

  it('GIVEN "!cite trotskys-lies.p12 --style apa" THEN the passage and the style', () => {
    expect(parse('!cite trotskys-lies.p12 --style apa')).toEqual({ command: 'cite', args: { passage: 'trotskys-lies.p12', style: 'apa' } });
  });

  it('GIVEN "/context trotskys-lies.p12 2 3" THEN trailing numbers fill the options after the passage in order', () => {
    expect(parse('/context trotskys-lies.p12 2 3')).toEqual({ command: 'context', args: { passage: 'trotskys-lies.p12', before: 2, after: 3 } });
    expect(parse('/context trotskys-lies.p12 2')).toEqual({ command: 'context', args: { passage: 'trotskys-lies.p12', before: 2 } });
  });
});

describe('parseCommandLine: option forms', () => {
  it('GIVEN --name=value and a quoted value THEN the quotes are removed from the option value', () => {
    expect(parse('/quote trial --work="trotskys lies" --limit=5')).toEqual({ command: 'quote', args: { query: 'trial', work: 'trotskys lies', limit: 5 } });
  });

  it('GIVEN a boolean option alone THEN it is true, and --no-hide or --hide false makes it false', () => {
    expect(parse('/quote kirov --hide')).toEqual({ command: 'quote', args: { query: 'kirov', hide: true } });
    expect(parse('/quote --hide kirov')).toEqual({ command: 'quote', args: { query: 'kirov', hide: true } });
    expect(parse('/quote kirov --no-hide')).toEqual({ command: 'quote', args: { query: 'kirov', hide: false } });
    expect(parse('/quote kirov --hide false')).toEqual({ command: 'quote', args: { query: 'kirov', hide: false } });
  });

  it('GIVEN options between words of the query THEN the words still make one query', () => {
    expect(parse('/quote cook --limit 2 will prepare')).toEqual({ command: 'quote', args: { query: 'cook will prepare', limit: 2 } });
  });

  it('GIVEN a choice typed by its name in another case THEN it maps to the choice value', () => {
    expect(parse('/cite x.p1 style:MLA')).toEqual({ command: 'cite', args: { passage: 'x.p1', style: 'mla' } });
    expect(parse('/cite x.p1 APA')).toEqual({ command: 'cite', args: { passage: 'x.p1', style: 'apa' } });
  });

  it('GIVEN "name: value" with a space THEN the next word is the value', () => {
    expect(parse('/source (Vozhdy 250) style: apa')).toEqual({ command: 'source', args: { citation: '(Vozhdy 250)', style: 'apa' } });
  });

  it('GIVEN a value the schema will reject THEN the parser passes it through as typed', () => {
    expect(parse('/quote kirov --limit many')).toEqual({ command: 'quote', args: { query: 'kirov', limit: 'many' } });
  });

  it('GIVEN a colon in ordinary text or a URL THEN it stays in the query', () => {
    expect(parse('/quote Note: see https://web.mit.edu/fjk')).toEqual({ command: 'quote', args: { query: 'Note: see https://web.mit.edu/fjk' } });
  });

  it('GIVEN a number alone THEN it is the query, not the limit', () => {
    expect(parse('/quote 1937')).toEqual({ command: 'quote', args: { query: '1937' } });
  });

  it('GIVEN "--" THEN everything after it is text', () => {
    expect(parse('/quote -- --limit is a word here')).toEqual({ command: 'quote', args: { query: '--limit is a word here' } });
  });

  it('GIVEN a command with no string option THEN words fill its options in order', () => {
    expect(parse('/page 3')).toEqual({ command: 'page', args: { number: 3 } });
    expect(parse('/works')).toEqual({ command: 'works', args: {} });
  });

  it('GIVEN Cyrillic and guillemets THEN they are kept as typed', () => {
    expect(parse('/quote «покушение на Кирова»')).toEqual({ command: 'quote', args: { query: '«покушение на Кирова»' } });
  });

  it('GIVEN an autocorrected em dash for "--" THEN it still reads as an option', () => {
    expect(parse('/quote kirov —limit 2')).toEqual({ command: 'quote', args: { query: 'kirov', limit: 2 } });
  });
});

describe('parseCommandLine: not commands and errors', () => {
  it('GIVEN ordinary chat THEN null', () => {
    for (const line of ['hello there', '! wow', '!!!', '/', '/usr/bin/env', '', '   ', 'quote peppery']) expect(parse(line)).toBeNull();
  });

  it('GIVEN a longer prefix followed by a space THEN it is a command', () => {
    expect(parseCommandLine('lectern: quote kirov', { prefixes: ['lectern:'], commands })).toEqual({ command: 'quote', args: { query: 'kirov' } });
  });

  it('GIVEN a mistyped command THEN command.unknown naming the closest and all commands', () => {
    expect(parse('!qoute kirov')).toEqual({
      error: {
        identifier: 'command.unknown',
        message: 'There is no command "!qoute". Did you mean !quote? Commands: !quote, !cite, !source, !context, !page, !works.',
      },
    });
  });

  it('GIVEN a mistyped option THEN option.unknown naming the closest and the valid ones', () => {
    expect(parse('/quote kirov --wrok trotskys-lies')).toEqual({
      error: { identifier: 'option.unknown', message: '/quote has no option "--wrok". Did you mean --work? Its options: --query, --work, --limit, --hide.' },
    });
    expect(parse('/source (Vozhdy 250) styel:mla')).toMatchObject({ error: { identifier: 'option.unknown' } });
  });

  it('GIVEN an option without its value THEN option.missing-value', () => {
    expect(parse('/quote kirov --work')).toMatchObject({ error: { identifier: 'option.missing-value' } });
    expect(parse('/quote kirov --work --limit 2')).toMatchObject({ error: { identifier: 'option.missing-value' } });
  });

  it('GIVEN words a command has no place for THEN argument.unexpected', () => {
    expect(parse('/works everything now')).toMatchObject({ error: { identifier: 'argument.unexpected' } });
  });

  it('GIVEN passage ids in quotes, as /help shows them THEN the quotes only group them; a quoted phrase keeps its quotes', () => {
    expect(parse('/cite "trotskys-lies.p37 trotskys-lies.p40"')).toEqual({ command: 'cite', args: { passage: 'trotskys-lies.p37 trotskys-lies.p40' } });
    expect(parse('/context "trotskys-lies.p37"')).toEqual({ command: 'context', args: { passage: 'trotskys-lies.p37' } });
    expect(parse('/quote "peppery dishes"')).toEqual({ command: 'quote', args: { query: '"peppery dishes"' } });
  });

  it('GIVEN an unclosed quote THEN it runs to the end of the line rather than failing', () => {
    expect(parse('/quote "cook will')).toEqual({ command: 'quote', args: { query: '"cook will' } });
    expect(parse('/quote kirov --work "trotskys lies')).toEqual({ command: 'quote', args: { query: 'kirov', work: 'trotskys lies' } });
  });
});
