/**
 * A Russian verb the glossary lacks is often a listed verb with a prefix: дописал is до + писал
 * (писать write), перепечатана пере + печатана (печатать print), продержал про + держал (держать
 * keep). For a word the glossary has neither as a form nor as a stem, its prefix is taken off and
 * the rest looked up as a form of a listed verb (a form, not a stem: проблема, сталин, вопрос are no
 * prefix and a verb, as блема, талин and опрос are no verb's forms). The base verb's English words
 * stand for it below a direct entry (PREFIXED), since a prefix changes a verb's sense (описать is
 * describe, not write). Two prefixes have a regular sense of their own, added lower still: до- "to
 * the end" (дописать finish writing: complete, finish) and пере- "again" (перепечатать reprint: the
 * base's English word with re-, which the index keeps only where the text has it).
 */
import { stemEnglish } from '../analyse/stem.ts';

/**
 * Verbal prefixes, longest first so that пере is tried before пре and подо before под. Not в- and
 * о-: one letter that changes a verb's sense most (вменять impute is no менять change, описать
 * describe no писать write) and begins the most words.
 */
const PREFIXES = ['пере', 'пред', 'подо', 'разо', 'надо', 'обо', 'ото', 'изо', 'воз', 'вос', 'раз', 'рас', 'под', 'над', 'при', 'про', 'пре', 'вз', 'вс', 'вы', 'до', 'за', 'из', 'ис', 'на', 'об', 'от', 'по', 'со', 'во', 'с', 'у'];
/** A verb's infinitive (reflexive or not): only such lemmas are a prefixed word's base. */
export const VERB_LEMMA = /(?:ть|ти|чь)(?:ся|сь)?$/;
/** The base verb's English words count this much of a direct entry's. */
export const PREFIXED = 0.6;
/** A prefix's own sense (до-: complete), lower than the base verb's words. */
const PREFIX_SENSE = 0.5;
/** The rest after the prefix is at least this long: a shorter one is a verb's form by chance (нашим: на + шим, шить sew). */
const MIN_REST = 4;
/**
 * A prefixed verb's imperfective in -ыва-/-ива- (дописывать, перечитывать, подсчитывать) is the
 * base verb's -а- (писать, читать, считать): дописывал → писал. Only before a past or present
 * ending, so that a noun in -ива (нива) is never read so.
 */
const SECONDARY_IMPERFECTIVE = /[ыи]ва(?=(?:ть|л|ла|ло|ли|ю|ешь|ет|ем|ете|ют)(?:ся|сь)?$)/;
/** До- finishes an action: дописать, доделать, достроить. */
const TO_THE_END = ['complete', 'finish'].map(stemEnglish);

export interface PrefixTarget {
  term: string;
  weight: number;
  surface?: string[];
}

/**
 * The English terms of a word (folded, lower case) read as a prefix and a listed verb's form;
 * `verbTargets` gives a form's targets when it is a form of listed verbs (and only verbs), else
 * undefined. Empty when no prefix leaves a verb's form.
 */
export function prefixedVerbTargets(word: string, verbTargets: (form: string) => PrefixTarget[] | undefined): PrefixTarget[] {
  for (const prefix of PREFIXES) {
    if (!word.startsWith(prefix)) continue;
    let rest = word.slice(prefix.length);
    // A hard sign parts a prefix from a vowel (объявить, съехать); и after a prefix is spelt ы (сыграть, разыскать).
    if (rest.startsWith('ъ')) rest = rest.slice(1);
    else if (rest.startsWith('ы') && prefix !== 'вы') rest = `и${rest.slice(1)}`;
    if (rest.length < MIN_REST) continue;
    const base = verbTargets(rest) ?? verbTargets(rest.replace(SECONDARY_IMPERFECTIVE, 'а'));
    if (!base?.length) continue;
    const out: PrefixTarget[] = base.map((t) => ({ ...t, weight: t.weight * PREFIXED }));
    const add = (term: string, weight: number) => {
      if (!out.some((t) => t.term === term)) out.push({ term, weight });
    };
    if (prefix === 'до') for (const term of TO_THE_END) add(term, PREFIX_SENSE);
    if (prefix === 'пере') for (const t of base) if (!t.surface) add(stemEnglish(`re${t.term}`), t.weight * PREFIXED);
    return out;
  }
  return [];
}
