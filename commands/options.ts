/**
 * Option definitions and zod schemas shared by the commands. Values arrive as slash commands deliver
 * them (numbers, booleans) or as typed text (console, chat messages, CLI); the schemas accept both and
 * say in words what is wrong.
 */
import { z } from 'zod';
import type { CommandOption } from '../src/dispatch/types.ts';

import { EXPORT_FORMATS, FORMAT_IDS, FORMAT_LABELS, STYLE_IDS } from '../src/cite/ids.ts';

export { FORMAT_IDS, STYLE_IDS };
export const LANG_IDS = ['en', 'ru', 'fr'] as const;

export const styleChoices = STYLE_IDS.map((s) => ({ name: FORMAT_LABELS[s], value: s }));
export const formatChoices = [...styleChoices, ...EXPORT_FORMATS.map((s) => ({ name: FORMAT_LABELS[s], value: s }))];

export const hideOption: CommandOption = { name: 'hide', description: 'Only you see the answer', type: 'boolean' };

const emptyToUndefined = (v: unknown) => (v === '' || v === null ? undefined : v);

export const zBool = z.preprocess((v) => {
  if (typeof v === 'string') {
    const s = v.trim().toLowerCase();
    if (['true', 'yes', 'on', '1', ''].includes(s)) return true;
    if (['false', 'no', 'off', '0'].includes(s)) return false;
  }
  return v;
}, z.boolean({ message: 'must be true or false' }));

export const zInt = (min: number, max: number) =>
  z.preprocess(
    (v) => (typeof v === 'string' && /^\s*-?\d+\s*$/.test(v) ? Number(v) : emptyToUndefined(v)),
    z.number({ message: `must be a whole number from ${min} to ${max}` }).int(`must be a whole number from ${min} to ${max}`).min(min, `must be at least ${min}`).max(max, `must be at most ${max}`),
  );

/** 4000 → "4,000" as toLocaleString('en') writes it, without starting Intl for it (every command's schema is built at start). */
const thousands = (n: number) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');

export const zText = (max: number, what: string) =>
  z.preprocess(
    (v) => (typeof v === 'number' ? String(v) : v),
    z.string({ message: `${what} is required` }).max(max, `${what} is longer than ${thousands(max)} characters`),
  );

export const zOptionalText = (max: number, what: string) => z.preprocess(emptyToUndefined, zText(max, what).optional());

export const zEnum = <T extends readonly [string, ...string[]]>(values: T) =>
  z.preprocess((v) => (typeof v === 'string' ? v.trim().toLowerCase() : v), z.enum(values));

/** Passage ids as Lectern prints them: `work-id.p12`, `work-id.n3`, a bibliography entry `work-id.b5`. */
export const PASSAGE_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*\.[pnfwb]\d+$/;
