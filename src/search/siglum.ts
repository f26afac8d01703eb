/**
 * A bibliography entry's siglum as an abbreviation a reader may type ("TIE", "PiLT2", "R-PP",
 * "RKEB 2", "Izv TsK KPSS", "Sots. Vest."), and the key it is compared by: folded, its spaces,
 * stops and hyphens left out, since a reader types "RPP", "R PP" or "R-PP" for one siglum.
 */
import { fold } from './analyse/index.ts';

/** Letters and digits only, folded: "Sots. Vest." and "SotsVest" are one key. */
export const siglumKey = (s: string): string => fold(s).replace(/[^\p{L}\p{N}]/gu, '');

/** One word of two capitals at least ("TIE", "CahLT", "R-PP", "Byull.-Opp."), not a name ("Lenoe"). */
const ONE_WORD = /^(?=(?:[^\p{Lu}]*\p{Lu}){2})[\p{L}\p{N}.-]+$/u;
/** A word of a siglum of several: capitalised and short ("Izv", "TsK"), in capitals or digits ("RKEB", "2"), or cut with a stop ("Sots."). */
const PART = /^(?:\p{Lu}[\p{L}]{0,3}|[\p{Lu}\p{N}-]+|\p{Lu}[\p{L}-]*\.)$/u;
const CAPITALS = /\p{Lu}/gu;

/** The siglum's key when it is an abbreviation, else undefined ("Kantor Voina", "Furr and Bobrov Cohen" are an author's). */
export function abbreviatedSiglum(siglum: string | undefined): string | undefined {
  if (!siglum) return undefined;
  const parts = siglum.trim().split(/\s+/u);
  const abbreviation = parts.length === 1 ? ONE_WORD.test(parts[0]!) : parts.every((p) => PART.test(p)) && (siglum.match(CAPITALS) ?? []).length >= 2;
  return abbreviation ? siglumKey(siglum) : undefined;
}

/** A siglum of several words, or with hyphens or stops, as one word: what a reader types without them. */
export function joinedSiglum(siglum: string | undefined): string | undefined {
  if (!siglum || !/[\s.-]/u.test(siglum.trim())) return undefined;
  const key = abbreviatedSiglum(siglum);
  return key && siglum.replace(/[^\p{L}\p{N}]/gu, '');
}
