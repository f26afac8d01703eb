/**
 * Lectern's core French–English glossary (data/glossary/fr-en.tsv, written for the project): the
 * words a French question about an English passage uses (tué, truqués, fils, journée, procès) that
 * the corpus's few French–English pairs never teach the learned lexicon (lexicon.ts). Asked only
 * for the words of a query that reads as French (analyse/light.ts readsAsFrench): an English query
 * is never looked up in it, so "son" and "or" stay English.
 *
 * Both sides are reduced to terms: each French lemma, folded, by Snowball French, and for a verb in
 * -re or an irregular one also its past participle and a few forms Snowball stems apart (vendre →
 * vendu, convaincre → convaincu, boire → bu); each English word by Porter2, as the index stems it.
 * A query word that is itself a listed lemma means that lemma (porte door, not porter carry);
 * otherwise its stem, or its stem without a plural -s or -x (vendus, aveux), finds the lemmas with
 * that stem, used only when they agree (glossary.ts agreeing: soir and soirée, both evening).
 *
 * The file's ~1,000 lemmas and their glosses stem in a few milliseconds at the first French query,
 * so no stems are kept beside it (the Russian glossary's ~10,000 forms need ru-en.stems.json).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { fold } from '../analyse/fold.ts';
import { isFrenchFunctionWord } from '../analyse/light.ts';
import { stemEnglish, stemFrench } from '../analyse/stem.ts';
import { EN_STOPWORDS } from '../analyse/stopwords.ts';
import { agreeing, glossary, GlossaryError, glossTargets, mergedTargets, parseGlossaryFile, readOnFirstUse, type GlossaryEntry, type Target } from './glossary.ts';

export const FRENCH_GLOSSARY_FILE = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'data', 'glossary', 'fr-en.tsv');
export const FRENCH_GLOSSARY_FORMAT = 'lectern.glossary.fr-en';
export const FRENCH_GLOSSARY_VERSION = 1;
const FRENCH_LEMMA = /^[a-zàâæçéèêëîïôœùûüÿ]+$/;
const RESTORE = 'restore it from the repository (git checkout -- data/glossary/fr-en.tsv)';
/** Snowball French cuts tuer and vie to two letters (tu, vi); function words are never looked up, so two is enough. */
const MIN_STEM = 2;

/** Parses the file's text; throws GlossaryError naming the file, the line and the fix. */
export function parseFrenchGlossary(text: string, file = FRENCH_GLOSSARY_FILE): GlossaryEntry[] {
  return parseGlossaryFile(text, { file, format: FRENCH_GLOSSARY_FORMAT, version: FRENCH_GLOSSARY_VERSION, language: 'French', lemma: FRENCH_LEMMA, restore: RESTORE });
}

/**
 * Past participles of the verbs in -re and the irregular ones: Snowball French leaves them a stem
 * of their own (vendre → vendr, vendu → vendu). The longest ending of the infinitive that matches
 * decides; a verb listed in IRREGULAR is not guessed.
 */
const PARTICIPLE_ENDINGS: [string, string][] = [
  ['prendre', 'pris'], ['mettre', 'mis'], ['aincre', 'aincu'], ['crire', 'crit'], ['dire', 'dit'], ['uire', 'uit'],
  ['indre', 'int'], ['aître', 'u'], ['clure', 'clu'], ['ivre', 'ivi'], ['ttre', 'ttu'], ['dre', 'du'],
  ['vrir', 'vert'], ['frir', 'fert'], ['enir', 'enu'], ['cevoir', 'çu'],
];
/** Verbs whose participle or common forms no rule gives (their forms, which Snowball stems apart from the infinitive). */
const IRREGULAR: Record<string, string[]> = {
  boire: ['bu', 'bue', 'buvait', 'buvaient', 'boit', 'boivent', 'but'],
  croire: ['cru', 'croit', 'croyait'],
  voir: ['vu', 'vue', 'voit', 'voient', 'vit', 'virent', 'verra'],
  vouloir: ['voulu', 'veut', 'veulent', 'voulait', 'voudrait'],
  savoir: ['su', 'sait', 'savait', 'saura'],
  devoir: ['dû', 'due', 'doit', 'doivent', 'devait', 'dut'],
  falloir: ['fallu', 'faut', 'fallait', 'faudrait'],
  vivre: ['vécu', 'vit', 'vivait'],
  naître: ['né', 'née', 'naquit'],
  mourir: ['meurt', 'mourut', 'moururent'],
  asseoir: ['assis', 'assise'],
  courir: ['couru', 'court'],
  fuir: ['fui', 'fuit', 'fuyait'],
  aller: ['va', 'vont', 'allait', 'ira', 'irait', 'alla'],
  venir: ['vient', 'viennent', 'vint', 'vinrent', 'viendra'],
  tenir: ['tient', 'tiennent', 'tint'],
  faire: ['fait', 'faite', 'fit', 'firent', 'fera', 'ferait', 'font'],
  dire: ['dit', 'dite', 'disait', 'dirent'],
  prendre: ['pris', 'prise', 'prit', 'prirent', 'prend', 'prennent'],
  mettre: ['mis', 'mise', 'mit', 'mirent', 'met'],
  écrire: ['écrit', 'écrite', 'écrivait', 'écrivit'],
  lire: ['lu', 'lue', 'lit', 'lisait'],
  connaître: ['connu', 'connue', 'connaît', 'connaissait'],
};

/** The forms of a lemma that are stemmed besides itself: its participle and, for an irregular verb, its listed forms. */
function otherForms(lemma: string): string[] {
  const irregular = IRREGULAR[lemma];
  if (irregular) return irregular;
  const rule = PARTICIPLE_ENDINGS.find(([ending]) => lemma.endsWith(ending) && lemma.length > ending.length);
  if (!rule) return [];
  const participle = lemma.slice(0, lemma.length - rule[0].length) + rule[1];
  // craindre, plaindre, peindre: their other forms have -gn- (craignait, plaignait).
  const gn = rule[0] === 'indre' ? [lemma.slice(0, -4) + 'gnait'] : [];
  return [participle, participle + 'e', ...gn];
}

export interface FrenchGlossary {
  entries: number;
  /** English terms for a French query word (folded, its elided article dropped); weights 0–1. */
  toEnglish(word: string): Target[];
}

/**
 * The lookups of the parsed entries. A form's stem (vendu) is kept only where no lemma has it as
 * its own stem: a guessed participle must not make a listed word ambiguous. `ownWords`: the English
 * glosses the Russian–English glossary lets stand only for their own forms (glossary.ts ownForms:
 * evening, whose term even is another word's): the same gloss here is read alike (soir, bâtiment).
 */
export function compileFrenchGlossary(entries: GlossaryEntry[], ownWords: ReadonlySet<string> = new Set()): FrenchGlossary {
  const stems = entries.map((e) => e.glosses.map((g) => (EN_STOPWORDS.has(g) ? null : stemEnglish(g))));
  const ownGloss = entries.map((e, i) => e.glosses.map((g, k) => (ownWords.has(g) && stems[i]![k] !== null && stems[i]![k] !== g ? g : null)));
  const english = glossTargets(stems, ownGloss);
  const agree = agreeing(english);
  const byLemma = new Map(entries.map((e, id) => [fold(e.lemma), id]));
  const byStem = new Map<string, number[]>();
  const add = (stem: string, id: number) => {
    const ids = byStem.get(stem);
    if (!ids) byStem.set(stem, [id]);
    else if (!ids.includes(id)) ids.push(id);
  };
  // A lemma whose glosses are all stop words (seulement only) gives nothing and must not make its stem ambiguous (seul, seule).
  const giving = (id: number) => english[id]!.length > 0;
  entries.forEach((e, id) => giving(id) && add(stemFrench(fold(e.lemma)), id));
  const own = new Set(byStem.keys());
  entries.forEach((e, id) => {
    if (!giving(id)) return;
    for (const f of otherForms(e.lemma)) {
      const s = stemFrench(f);
      if (!own.has(s)) add(s, id);
    }
  });
  const lookUp = (word: string): number[] => {
    const itself = byLemma.get(word);
    if (itself !== undefined) return [itself];
    const stem = stemFrench(word);
    const ids = stem.length >= MIN_STEM ? byStem.get(stem) : undefined;
    return ids && agree(ids) ? ids : [];
  };
  return {
    entries: entries.length,
    toEnglish(word) {
      const w = fold(word);
      if (isFrenchFunctionWord(w) || EN_STOPWORDS.has(w)) return [];
      let ids = lookUp(w);
      if (!ids.length && /[sx]$/.test(w) && w.length > 3) ids = lookUp(w.slice(0, -1));
      return mergedTargets(english, ids);
    },
  };
}

/** The glossary file's lookups; throws GlossaryError naming the file (and the line) when it cannot be used. */
export function loadFrenchGlossary(file = FRENCH_GLOSSARY_FILE): FrenchGlossary {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new GlossaryError(`${file} cannot be read (${(err as NodeJS.ErrnoException).code ?? (err as Error).message}): ${RESTORE}`);
  }
  return compileFrenchGlossary(parseFrenchGlossary(text, file), glossary()?.ownWords);
}

const bundled = readOnFirstUse({ name: 'French–English', file: FRENCH_GLOSSARY_FILE, without: 'French → English search only where the corpus pairs words', restore: RESTORE, load: () => loadFrenchGlossary() });

/** The bundled glossary, read at the first French query; undefined (the reason in frenchGlossaryUnavailable) when it cannot be read. */
export const frenchGlossary = (): FrenchGlossary | undefined => bundled.get();

/** Why the glossary cannot be used (French → English then only where the corpus pairs words), or undefined when it can. */
export const frenchGlossaryUnavailable = (options?: { read: boolean; file?: string }): string | undefined => bundled.unavailable(options);

/** English terms the glossary gives a word of a French query (its folded French form); weights 0–1. */
export function frenchGlossaryTerms(word: string): Target[] {
  return frenchGlossary()?.toEnglish(word) ?? [];
}
