/**
 * Cognates: Russian words that are the English word in Cyrillic letters — профессор, архив,
 * революция, конституция, фальсифицировать, телеграмма, террор, коммуна. The lexicon (lexicon.ts)
 * knows only the words the corpus's few translated pages pair; a cognate needs no pair. The
 * Russian word, one inflection cut, is spelled in Latin letters in the ways such loans are
 * (к → c or k, ф → ph or f, х → ch, h or kh, ц → t before the -ция ending, и → i or y, an initial
 * vowel may have lost an h: история → history), completed with the usual English endings
 * (-ion, -y, -e, -ism…), stemmed as the index stems, and kept only if the index holds that stem.
 * The stem must be long: a short one would meet English words by chance.
 */
import { stemEnglish } from '../analyse/stem.ts';

const LETTERS: Record<string, string[]> = {
  а: ['a'], б: ['b'], в: ['v'], г: ['g'], д: ['d'], е: ['e'], ё: ['e'], ж: ['zh', 'g', 'j'], з: ['z', 's'], и: ['i', 'y'],
  й: ['i', 'y'], к: ['c', 'k'], л: ['l'], м: ['m'], н: ['n'], о: ['o'], п: ['p'], р: ['r'], с: ['s', 'c'], т: ['t'],
  у: ['u'], ф: ['f', 'ph'], х: ['ch', 'h', 'kh'], ц: ['c', 't', 'ts'], ч: ['ch'], ш: ['sh'], щ: ['shch'], ъ: [''],
  ы: ['y', 'i'], ь: [''], э: ['e'], ю: ['u', 'iu'], я: ['ia', 'a'],
};
// Longest first; one is cut, and only when at least MIN_BODY letters remain.
const ENDINGS = [
  'ированный', 'ировать', 'ировали', 'ировал', 'ования', 'ование', 'ского', 'ская', 'ский', 'ские', 'ской', 'скую', 'ских', 'ским', 'ией', 'ием', 'иях',
  'ами', 'ями', 'ыми', 'ими', 'ого', 'его', 'ому', 'ему', 'ый', 'ий', 'ой', 'ая', 'ое', 'ые', 'ие', 'ия', 'ии', 'ию', 'ей', 'ом', 'ем', 'ам', 'ах', 'ов', 'ев',
  'ых', 'их', 'ым', 'им', 'ую', 'юю', 'а', 'у', 'е', 'ы', 'и', 'о', 'ь', 'ю', 'я',
];
/** Endings after which the word is an adjective (or its adverb), whose suffix English does not have. */
const ADJECTIVE_ENDINGS = new Set(['ского', 'ская', 'ский', 'ские', 'ской', 'скую', 'ских', 'ским', 'ого', 'его', 'ому', 'ему', 'ый', 'ий', 'ой', 'ая', 'ое', 'ые', 'ие', 'ей', 'ых', 'их', 'ым', 'им', 'ыми', 'ими', 'ую', 'юю', 'ом', 'и', 'о']);
// Endings that complete the same word, then endings that make another word of it (-ion, -ism…):
// those are tried only when the first make none (коммуна is commune, not also communism).
const COMPLETIONS = ['', 'e', 'y', 'ia', 'a', 'o', 'us', 'um', 'on'];
const DERIVATIONS = ['ion', 'ation', 'ism', 'ist', 'ic', 'al', 'ate', 'ize'];
const MIN_BODY = 4;
/**
 * Russian adjectives add a suffix to the loan that English does not have: генеральн(ый) → general,
 * активн(ый) → active, типичн(ый) → typical, конституционн(ый) → constitution(al).
 */
const ADJECTIVE_SUFFIXES: [RegExp, string][] = [
  [/альн$/, 'ал'],
  [/ивн$/, 'ив'],
  [/ичн$/, 'ич'],
  [/онн$/, 'он'],
];
/**
 * The bodies an adjective's loan may be: -ическ- (and -иче- once -ский is cut) is English -ic
 * (дипломатический → diplomatic, систематически → systematic); a -н- after a consonant is Russian's
 * own (секретный → secret, эфемерный → ephemer-al), though not always (модерный → modern), so the
 * body with it is tried too.
 */
const adjectiveBodies = (body: string, adjective: boolean): string[] => {
  for (const [suffix, loan] of ADJECTIVE_SUFFIXES) if (suffix.test(body)) return [body.replace(suffix, loan)];
  if (!adjective) return [body];
  if (/(ическ|иче)$/.test(body)) return [body.replace(/(ическ|иче)$/, 'ик')];
  if (/[бвгджзклмпрстфхцчшщ]н$/.test(body)) return [body.slice(0, -1), body];
  return [body];
};
const MIN_STEM = 5;
/** Spellings tried per word, at most: the alternatives multiply. */
const MAX_SPELLINGS = 16;
const CYRILLIC_WORD = /^[а-яё]+$/;

function spellings(body: string): string[] {
  let out = [''];
  for (const ch of body) {
    const alts = LETTERS[ch];
    if (!alts) return [];
    const next: string[] = [];
    for (const prefix of out) for (const a of alts) if (next.length < MAX_SPELLINGS) next.push(prefix + a);
    out = next;
  }
  // Doubled letters are single in many English cognates (телеграмма → telegram), and a Greek
  // initial h is lost in Russian (история → history).
  const more = out.flatMap((s) => [s.replace(/(.)\1/g, '$1'), /^[aeiou]/.test(s) ? `h${s}` : '']);
  return [...new Set([...out, ...more].filter(Boolean))];
}

/**
 * A loan verb's -ировать (изолировать isolate, мотивировать motivate, фальсифицировать falsify) and
 * whatever ending follows it: its tenses (цитирует, планировали), participles in any case
 * (мотивированных, изолированная, ликвидированы), adverb (изолированно), verbal noun (планирование)
 * and gerunds. ENDINGS holds a few of these forms whole; the others left the -ирова- on the body, which
 * spelled no English word, so a Russian reader's "изолированно" met nothing where "in isolation" is.
 */
const LOAN_VERB = /ир(?:ова(?:нн?(?:ый|ого|ому|ым|ом|ая|ой|ую|ое|ые|ых|ыми|ость|ости|о|а|ы)?|ть(?:ся)?|л(?:а|о|и)?(?:сь|ся)?|ни(?:е|я|ю|и|й|ем|ями|ях)|вш[а-я]*)|у(?:ю|ет|ем|ете|ешь|ют|я|ющ[а-я]*)(?:сь|ся)?)$/;
const loanVerbEnding = (word: string): string | undefined => {
  const m = LOAN_VERB.exec(word);
  return m && m.index >= MIN_BODY ? m[0] : undefined;
};

/**
 * The English stems a word could be a cognate of, whether or not an index holds them: completions
 * first, derivations apart. Stemming the spellings is the cost (tens of microseconds each), so
 * they are kept per word; which of them an index holds is asked on every call.
 */
const candidates = new Map<string, { completions: string[]; derivations: string[] }>();
const CACHE_LIMIT = 5_000;

function candidatesOf(word: string): { completions: string[]; derivations: string[] } {
  let c = candidates.get(word);
  if (c) return c;
  c = { completions: [], derivations: [] };
  const loan = loanVerbEnding(word);
  const ending = loan ?? ENDINGS.find((e) => word.endsWith(e) && word.length - e.length >= MIN_BODY) ?? '';
  // -ировать marks a loan: its English stem may be as short as the body (изол-: isol, isolation).
  const minStem = loan ? MIN_BODY : MIN_STEM;
  const bodies = adjectiveBodies(word.slice(0, word.length - ending.length), ADJECTIVE_ENDINGS.has(ending)).filter((b) => b.length >= MIN_BODY);
  if (CYRILLIC_WORD.test(word) && bodies.length) {
    const spelled = [...new Set(bodies.flatMap(spellings))];
    const stems = (endings: string[]) => [...new Set(spelled.flatMap((s) => endings.map((e) => stemEnglish(s + e))))].filter((s) => s.length >= minStem);
    c = { completions: stems(COMPLETIONS), derivations: stems(DERIVATIONS) };
  }
  if (candidates.size >= CACHE_LIMIT) candidates.clear();
  candidates.set(word, c);
  return c;
}

/** English stems the index holds that this Russian word (folded, lower case) is a cognate of. */
export function cognateStems(word: string, has: (stem: string) => boolean): string[] {
  if (!CYRILLIC_WORD.test(word)) return [];
  const { completions, derivations } = candidatesOf(word);
  const found = completions.filter(has);
  return found.length ? found : derivations.filter(has);
}
