/**
 * Commands typed as text (the console, chat messages): `/quote peppery dishes`,
 * `!quote "cook will prepare" --work trotskys-lies --limit 3`, `/source (Vozhdy 250) style:mla`,
 * `/context trotskys-lies.p12 2 3`. Options are `--name value`, `--name=value` or `name:value`;
 * a boolean option alone (`--hide`) is true. The free text left over fills the first string option
 * (the query) with its quotes kept, since quotes there mean phrase search; trailing bare numbers
 * and choice values fill the options after it in order.
 *
 * Values come out shaped the way slash commands deliver them (integers as numbers, booleans as booleans,
 * a choice's name mapped to its value) when they look the part, and as typed otherwise: the
 * command's zod schema is what validates them and explains a bad one.
 */
import { closest } from './closest.ts';
import type { CommandDefinition, CommandOption } from './types.ts';

export type ParsedLine =
  | { command: string; args: Record<string, unknown> }
  | { error: { identifier: string; message: string } };

export interface ParseLineOptions {
  prefixes: readonly string[];
  commands: readonly CommandDefinition[];
}

interface Token {
  /** As typed, quotes included. */
  raw: string;
  /** Quotes removed. */
  value: string;
}

const NAME = /^[a-z0-9_-]+/i;
/** One or more passage ids (`trotskys-lies.p37`), separated by spaces or commas. */
const PASSAGE_IDS = /^[a-z0-9]+(?:-[a-z0-9]+)*\.[pnhbfw]\d+(?:[\s,]+[a-z0-9]+(?:-[a-z0-9]+)*\.[pnhbfw]\d+)*$/u;
const QUOTES: Record<string, string> = { '"': '"', '“': '”', '„': '“' };
const TRUE_WORDS = new Set(['true', 'yes', 'on', '1']);
const FALSE_WORDS = new Set(['false', 'no', 'off', '0']);
/** Dashes a phone's autocorrect makes of "--". */
const LONG_DASH = /^(?:--|—|–)(?=\S)/u;

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    while (i < text.length && /\s/u.test(text[i] ?? '')) i++;
    if (i >= text.length) break;
    let raw = '';
    let value = '';
    while (i < text.length && !/\s/u.test(text[i] ?? '')) {
      const c = text[i] ?? '';
      const close = QUOTES[c];
      if (close !== undefined) {
        // A quoted run, spaces and all; an unclosed quote runs to the end of the line.
        const end = text.indexOf(close, i + 1);
        const stop = end === -1 ? text.length : end + 1;
        raw += text.slice(i, stop);
        value += text.slice(i + 1, end === -1 ? text.length : end);
        i = stop;
      } else {
        raw += c;
        value += c;
        i++;
      }
    }
    tokens.push({ raw, value });
  }
  return tokens;
}

const optionsOf = (def: CommandDefinition): CommandOption[] => def.options ?? [];

function coerce(option: CommandOption, value: string): unknown {
  const v = value.trim();
  if (option.choices) {
    const lower = v.toLowerCase();
    const choice = option.choices.find((c) => String(c.value).toLowerCase() === lower || c.name.toLowerCase() === lower);
    if (choice) return choice.value;
  }
  if (option.type === 'integer' && /^[+-]?\d+$/.test(v)) return Number(v);
  if (option.type === 'boolean') {
    if (TRUE_WORDS.has(v.toLowerCase())) return true;
    if (FALSE_WORDS.has(v.toLowerCase())) return false;
  }
  return value;
}

/** Whether a bare token plainly belongs to an option that follows the query (a number, a choice). */
function fitsPositionally(option: CommandOption, value: string): boolean {
  if (option.choices) return option.choices.some((c) => String(c.value).toLowerCase() === value.toLowerCase() || c.name.toLowerCase() === value.toLowerCase());
  if (option.type === 'integer') return /^[+-]?\d+$/.test(value);
  return false;
}

const fail = (identifier: string, message: string): ParsedLine => ({ error: { identifier, message } });

const list = (items: string[]) => items.join(', ');

function unknownOption(prefix: string, def: CommandDefinition, name: string): ParsedLine {
  const names = optionsOf(def).map((o) => o.name);
  if (names.length === 0) return fail('option.unknown', `${prefix}${def.name} takes no options, so "--${name}" means nothing to it.`);
  const guess = closest(name, names);
  return fail(
    'option.unknown',
    `${prefix}${def.name} has no option "--${name}".${guess ? ` Did you mean --${guess}?` : ''} Its options: ${list(names.map((n) => `--${n}`))}.`,
  );
}

/** Splits the prefix and command name off a line; undefined when the line is not a command at all. */
function head(line: string, prefixes: readonly string[]): { prefix: string; name: string; rest: string } | undefined {
  const text = line.trim();
  for (const prefix of [...prefixes].filter(Boolean).sort((a, b) => b.length - a.length)) {
    if (!text.startsWith(prefix)) continue;
    // "! wow" or "/ " is talk; a longer prefix ("@lectern:") may be followed by a space.
    let after = text.slice(prefix.length);
    if (prefix.length > 1) after = after.trimStart();
    const m = NAME.exec(after);
    if (!m) return undefined;
    const rest = after.slice(m[0].length);
    if (rest !== '' && !/^\s/u.test(rest)) return undefined; // "/usr/bin", "!quote," are not commands.
    return { prefix, name: m[0].toLowerCase(), rest };
  }
  return undefined;
}

export function parseCommandLine(line: string, options: ParseLineOptions): ParsedLine | null {
  if (typeof line !== 'string') return null;
  const h = head(line, options.prefixes);
  if (!h) return null;
  const { prefix } = h;
  const def = options.commands.find((c) => c.name === h.name);
  if (!def) {
    const names = options.commands.map((c) => c.name);
    const guess = closest(h.name, names);
    return fail(
      'command.unknown',
      `There is no command "${prefix}${h.name}".${guess ? ` Did you mean ${prefix}${guess}?` : ''} Commands: ${list(names.map((n) => `${prefix}${n}`))}.`,
    );
  }

  const opts = optionsOf(def);
  const byName = new Map(opts.map((o) => [o.name, o]));
  const args: Record<string, unknown> = {};
  const free: Token[] = [];
  const tokens = tokenize(h.rest);

  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as Token;
    if (t.raw === '--') {
      free.push(...tokens.slice(i + 1));
      break;
    }
    if (LONG_DASH.test(t.raw)) {
      const body = t.value.replace(LONG_DASH, '');
      const eq = body.indexOf('=');
      let name = (eq === -1 ? body : body.slice(0, eq)).toLowerCase();
      let inline: string | undefined = eq === -1 ? undefined : body.slice(eq + 1);
      let option = byName.get(name);
      if (!option && name.startsWith('no-') && byName.get(name.slice(3))?.type === 'boolean' && inline === undefined) {
        name = name.slice(3);
        option = byName.get(name);
        inline = 'false';
      }
      if (!option) return unknownOption(prefix, def, name);
      if (inline !== undefined) {
        args[name] = coerce(option, inline);
        continue;
      }
      const next = tokens[i + 1];
      if (option.type === 'boolean') {
        const word = next?.value.toLowerCase() ?? '';
        if (next && (TRUE_WORDS.has(word) || FALSE_WORDS.has(word)) && !/^\d$/.test(word)) {
          args[name] = coerce(option, next.value);
          i++;
        } else args[name] = true;
        continue;
      }
      if (!next || LONG_DASH.test(next.raw)) {
        return fail('option.missing-value', `--${name} needs a value, as in ${prefix}${def.name} --${name} <${option.type === 'integer' ? 'number' : 'value'}>.`);
      }
      args[name] = coerce(option, next.value);
      i++;
      continue;
    }
    const colon = /^([a-z][a-z0-9_-]*):(.*)$/is.exec(t.raw);
    if (colon && !t.raw.includes('://')) {
      const name = (colon[1] ?? '').toLowerCase();
      const option = byName.get(name);
      if (option) {
        let value = t.value.slice(name.length + 1);
        if (value === '' && colon[2] === '') {
          const next = tokens[i + 1];
          if (!next) return fail('option.missing-value', `${name}: needs a value, as in ${prefix}${def.name} ${name}:<value>.`);
          value = next.value;
          i++;
        }
        args[name] = coerce(option, value);
        continue;
      }
      // "styel:mla" is a typo for an option; "Note:" in a sentence is just text.
      const guess = name.length >= 3 && colon[2] !== '' ? closest(name, [...byName.keys()]) : undefined;
      if (guess) return unknownOption(prefix, def, name);
    }
    free.push(t);
  }

  return assignFree(prefix, def, args, free);
}

function assignFree(prefix: string, def: CommandDefinition, args: Record<string, unknown>, free: Token[]): ParsedLine {
  const opts = optionsOf(def);
  if (free.length === 0) return { command: def.name, args };
  const query = opts.find((o) => o.type === 'string');
  const unset = opts.filter((o) => !(o.name in args) && o.type !== 'boolean' && o !== query);

  if (query && !(query.name in args)) {
    // Trailing numbers and choice values go to the options after the query, in order; the rest is the query.
    const k = trailingFit(unset, free);
    const head = free.slice(0, free.length - k);
    const tail = free.slice(free.length - k);
    // Quotes mean a phrase in a query, but around passage ids ("p37 p40", as /help shows them) they only group.
    const onlyIds = head.length === 1 && head[0]!.raw !== head[0]!.value && PASSAGE_IDS.test(head[0]!.value.trim());
    args[query.name] = onlyIds ? head[0]!.value.trim() : head.map((t) => t.raw).join(' ');
    tail.forEach((t, j) => {
      const option = unset[j] as CommandOption;
      args[option.name] = coerce(option, t.value);
    });
    return { command: def.name, args };
  }

  // No query to take the text: bare words fill the remaining options in order.
  const slots = opts.filter((o) => !(o.name in args) && o.type !== 'boolean');
  if (free.length > slots.length) {
    const extra = free.slice(slots.length).map((t) => t.raw).join(' ');
    const names = opts.map((o) => `--${o.name}`);
    return fail(
      'argument.unexpected',
      `${prefix}${def.name} does not know what to do with "${extra}".${names.length ? ` Its options: ${list(names)}.` : ' It takes no options.'}`,
    );
  }
  free.forEach((t, j) => {
    const option = slots[j] as CommandOption;
    args[option.name] = coerce(option, t.value);
  });
  return { command: def.name, args };
}

/** How many of the last tokens fit the options after the query, in order, leaving the query one token at least. */
function trailingFit(after: CommandOption[], free: Token[]): number {
  for (let k = Math.min(after.length, free.length - 1); k > 0; k--) {
    const tail = free.slice(free.length - k);
    if (tail.every((t, j) => fitsPositionally(after[j] as CommandOption, t.value))) return k;
  }
  return 0;
}
