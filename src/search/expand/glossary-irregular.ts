/**
 * Forms of a glossary lemma that no ending rule of glossary-forms.ts reaches, because the word's
 * stem changes: the present or perfective future of the irregular verbs (дать: дадут, даст; пить:
 * пьёт; понять: поймёт; писать: пишет; стать: станет; бояться: боится), the short and long
 * participle in -т (убит, убитого, открыт, взят), the present gerund (считая, готовя, боясь) and
 * an adjective's comparative whose consonant changes or whose root is another (строже, проще,
 * выше; хуже, лучше). A Russian question says "боятся признать", "дадут власть"; Snowball stems
 * these apart from the lemma (пьет, дадут, бо), so the glossary read no English for them.
 * Looked up as exact forms only (glossary.ts), never as stems another lemma could share; a guess
 * that is no word (решит for решать) only adds a form no one types, and where it is another
 * lemma's word, that lemma is of the same family (решить).
 */

const VOWEL_END = /[аеиоуыэюя]$/;
const REFLEXIVE = /(ся|сь)$/;
const HUSHING = /[жшчщ]$/;

/** Prefixes a verb root takes (убить, выпить, разбить, забыть, собрать, подождать, отъехать). */
const PREFIX = new Set([
  '', 'в', 'во', 'вз', 'взо', 'вс', 'вы', 'до', 'за', 'из', 'изо', 'ис', 'на', 'над', 'о', 'об', 'обо', 'от', 'ото', 'пере', 'по', 'под', 'подо',
  'пре', 'пред', 'при', 'про', 'раз', 'разо', 'рас', 'с', 'со', 'у', 'въ', 'съ', 'отъ', 'объ', 'подъ', 'разъ', 'вос', 'недо', 'воз', 'соз',
]);

/** A prefix, or two (рас-с-казать, пред-при-нять). */
const PREFIXES = new Set([...PREFIX].flatMap((a) => [...PREFIX].map((b) => a + b)));

/** The first-conjugation endings (-у, -ешь, -ет, -ем, -ете, -ут), ё folded; after a vowel or ь, -ю and -ют. */
const firstConjugation = (stem: string) => (VOWEL_END.test(stem) || stem.endsWith('ь') ? ['ю', 'ешь', 'ет', 'ем', 'ете', 'ют'] : ['у', 'ешь', 'ет', 'ем', 'ете', 'ут']).map((e) => stem + e);
/** The second conjugation (-ю/-у, -ишь, -ит, -им, -ите, -ят/-ат). */
const secondConjugation = (stem: string) => (HUSHING.test(stem) ? ['у', 'ишь', 'ит', 'им', 'ите', 'ат'] : ['ю', 'ишь', 'ит', 'им', 'ите', 'ят']).map((e) => stem + e);

/**
 * Verbs by root whose present is on another stem: the root, the present's stem replacing it, and
 * its conjugation. `bare`: the root alone is a verb too (not only after a prefix).
 */
const ROOTS: { root: string; present: (prefix: string) => string; second?: boolean; bare?: boolean; only?: RegExp }[] = [
  // The vowel-less roots take ь, and a prefix ending in a consonant an о (убьёт, выпьет, разобьёт).
  ...['бить', 'пить', 'лить', 'шить', 'вить'].map((root) => ({ root, present: (p: string) => `${/[бвдзстъ]$/.test(p) ? `${p.replace(/ъ$/, '')}о` : p}${root[0]}ь`, bare: true })),
  { root: 'жить', present: (p) => `${p}жив`, bare: true },
  { root: 'плыть', present: (p) => `${p}плыв`, bare: true },
  // быть alone is stop words (будет); its prefixed verbs are not (забудет, прибудет).
  { root: 'быть', present: (p) => `${p}буд` },
  ...['крыть', 'мыть', 'рыть', 'ныть'].map((root) => ({ root, present: (p: string) => `${p}${root.slice(0, -3)}о`, bare: true })),
  { root: 'брать', present: (p) => `${p}бер`, bare: true },
  { root: 'звать', present: (p) => `${p}зов`, bare: true },
  { root: 'ждать', present: (p) => `${p}жд`, bare: true },
  { root: 'врать', present: (p) => `${p}вр`, bare: true },
  { root: 'рвать', present: (p) => `${p}рв`, bare: true },
  { root: 'слать', present: (p) => `${p}шл`, bare: true },
  { root: 'гнать', present: (p) => `${p}гон`, second: true, bare: true },
  { root: 'спать', present: (p) => `${p}сп`, second: true, bare: true },
  { root: 'стать', present: (p) => `${p}стан`, bare: true },
  { root: 'ехать', present: (p) => `${p}ед`, bare: true },
  { root: 'сесть', present: (p) => `${p}сяд`, bare: true },
  { root: 'писать', present: (p) => `${p}пиш`, bare: true },
  { root: 'казать', present: (p) => `${p}каж` },
  { root: 'вязать', present: (p) => `${p}вяж`, bare: true },
  { root: 'резать', present: (p) => `${p}реж`, bare: true },
  { root: 'искать', present: (p) => `${p}ищ`, bare: true },
  { root: 'плакать', present: (p) => `${p}плач`, bare: true },
  { root: 'прятать', present: (p) => `${p}пряч`, bare: true },
  { root: 'взять', present: () => 'возьм', bare: true, only: /^$/ },
  { root: 'чать', present: (p) => `${p}чн`, only: /^(?:на|за)$/ },
  // понять поймёт, занять займёт; принять примет; снять, поднять, отнять снимет, поднимет, отнимет.
  { root: 'нять', present: (p) => (p.endsWith('при') ? `${p}м` : /^(?:по|за|на|у)$/.test(p) ? `${p}йм` : `${p}ним`), only: /./ },
];

/** дать and its prefixed verbs (создать, передать, издать): дам, даст, дадим, дадите, дадут. */
const DAT = ['ам', 'ашь', 'аст', 'адим', 'адите', 'адут'];
/** Each form's lemma for the few whose forms are of no pattern. */
const OWN_FORMS: Record<string, string[]> = {
  хотеть: ['хочу', 'хочешь', 'хочет', 'хотим', 'хотите', 'хотят'],
  бежать: ['бегу', 'бежишь', 'бежит', 'бежим', 'бежите', 'бегут'],
  лгать: ['лгу', 'лжешь', 'лжет', 'лжем', 'лжете', 'лгут'],
  лечь: ['лягу', 'ляжешь', 'ляжет', 'ляжем', 'ляжете', 'лягут'],
  // прочесть, учесть, счесть: прочтёт, прочёл, прочла, прочтя.
  честь: ['чту', 'чтешь', 'чтет', 'чтем', 'чтете', 'чтут', 'чел', 'чла', 'чло', 'чли', 'чтя'],
  сесть: ['сел', 'села', 'село', 'сели', 'сев'],
};

/** Whether a base may end in one of ROOTS, OWN_FORMS or дать (most lemmas do not). */
const ANY_ROOT = new RegExp(`(?:${[...ROOTS.map((r) => r.root), ...Object.keys(OWN_FORMS), 'дать'].join('|')})$`);

function presentOf(base: string): string[] {
  if (!ANY_ROOT.test(base)) return base.endsWith('оять') || /[жшчщ]ать$/.test(base) ? secondConjugation(base.slice(0, -3)) : [];
  // честь alone is the noun (honour): only its prefixed verbs are прочесть's kind.
  const own = Object.entries(OWN_FORMS).find(([root]) => base.endsWith(root) && PREFIXES.has(base.slice(0, -root.length)) && (root !== 'честь' || base !== root));
  if (own) return own[1].map((f) => base.slice(0, -own[0].length) + f);
  if (base.endsWith('дать') && PREFIXES.has(base.slice(0, -4))) return DAT.map((e) => `${base.slice(0, -3)}${e}`);
  for (const r of ROOTS) {
    if (!base.endsWith(r.root)) continue;
    const prefix = base.slice(0, -r.root.length);
    if (!PREFIXES.has(prefix) || (prefix === '' && !r.bare) || (r.only && !r.only.test(prefix))) continue;
    const stem = r.present(prefix);
    return r.second ? secondConjugation(stem) : firstConjugation(stem);
  }
  // -оять conjugates on -о- (боится, стоит, состоят); an -ать verb after a hushing consonant may be
  // of the second conjugation (держит, слышат, молчит): a guess, no word where it is not.
  if (base.endsWith('оять')) return secondConjugation(base.slice(0, -3));
  if (/[жшчщ]ать$/.test(base)) return secondConjugation(base.slice(0, -3));
  return [];
}

/** A verb's passive participle in -т (убит, открыт, взят, принят, начат) with the long form's cases. */
function tParticiple(base: string): string[] {
  if (!/(?:[бпвлш]ить|ыть|нять|чать|взять)$/.test(base) || /[бпвлш]ить$/.test(base) && !ROOTS.slice(0, 5).some((r) => base.endsWith(r.root) && PREFIXES.has(base.slice(0, -r.root.length)))) return [];
  const short = `${base.slice(0, -2)}т`;
  return [short, `${short}а`, `${short}о`, `${short}ы`, ...['ый', 'ого', 'ому', 'ым', 'ом', 'ая', 'ой', 'ую', 'ое', 'ые', 'ых', 'ыми'].map((e) => short + e)];
}

/** The past active participle of the verbs of going (пришедший, ушедший, нашедших): -шедш- for the root -йти. */
function goingParticiple(base: string): string[] {
  const prefix = base === 'идти' ? '' : base.endsWith('йти') ? base.slice(0, -3) : undefined;
  return prefix === undefined ? [] : ADJECTIVE.map((e) => `${prefix}шедш${e}`);
}
const ADJECTIVE = ['ий', 'его', 'ему', 'им', 'ем', 'ая', 'ей', 'ую', 'ее', 'ие', 'их', 'ими'];

/**
 * A verb's perfective gerund and past active participle (взяв, вернувшись; убивший, убивших),
 * which Snowball reduces to a stem too short to look up where the root is short (уб, вз). Their
 * lemma is found by cutting the ending (glossary.ts), so these are not in the table of forms.
 */
export function pastGerundForms(lemma: string): string[] {
  const reflexive = REFLEXIVE.test(lemma);
  const folded = lemma.replace(/ё/g, 'е');
  const base = reflexive ? folded.slice(0, -2) : folded;
  if (!/[аеиоуыя]ть$/.test(base)) return [];
  const b = base.slice(0, -2);
  return reflexive ? [`${b}вшись`, ...ADJECTIVE.map((e) => `${b}вш${e}ся`)] : [`${b}в`, `${b}вши`, ...ADJECTIVE.map((e) => `${b}вш${e}`)];
}

/** A verb's present gerund (считая, готовя, организуя, давая; слыша, держа), from its infinitive. */
function gerunds(base: string): string[] {
  if (!base.endsWith('ть')) return [];
  if (base.endsWith('оять')) return [`${base.slice(0, -3)}я`];
  const b = base.slice(0, -2);
  if (/[ое]ва$/.test(b) && !/(?:да|зна|ста)ва$/.test(b)) return [`${b.slice(0, -3)}уя`];
  if (/[ая]$/.test(b)) return HUSHING.test(b.slice(0, -1)) ? [`${b}я`, `${b.slice(0, -1)}а`] : [`${b}я`];
  if (/[ие]$/.test(b)) {
    const stem = b.slice(0, -1);
    return [HUSHING.test(stem) ? `${stem}а` : `${stem}я`, ...(b.endsWith('е') ? [`${b}я`] : [])];
  }
  return [];
}

/**
 * The present (or future), the -т participle and the present gerund of a verb lemma whose stem an
 * ending rule does not see, reflexive ones with -ся/-сь.
 */
export function irregularVerbForms(lemma: string): string[] {
  const reflexive = REFLEXIVE.test(lemma);
  const folded = lemma.replace(/ё/g, 'е');
  const base = reflexive ? folded.slice(0, -2) : folded;
  const forms = [...presentOf(base), ...gerunds(base), ...(reflexive ? [] : tParticiple(base)), ...goingParticiple(base)];
  return reflexive ? forms.map((f) => f + (VOWEL_END.test(f) ? 'сь' : 'ся')) : forms;
}

/** Comparatives of another root or a dropped suffix (хуже: плохой; выше: высокий; дальше: далёкий). */
const COMPARATIVES: Record<string, string[]> = {
  плохой: ['хуже'], хороший: ['лучше'], маленький: ['меньше'], малый: ['меньше'], большой: ['больше'], ранний: ['раньше'], поздний: ['позже', 'позднее'],
  старый: ['старше', 'старее'], молодой: ['моложе', 'младше'], далекий: ['дальше'], дальний: ['дальше'], высокий: ['выше'], низкий: ['ниже'], широкий: ['шире'],
  дешевый: ['дешевле'], долгий: ['дольше'], короткий: ['короче'], близкий: ['ближе'], глубокий: ['глубже'], редкий: ['реже'], тонкий: ['тоньше'], гладкий: ['глаже'], сладкий: ['слаще'], легкий: ['легче'],
};
/** The consonant a comparative in -е takes for the stem's last: строгий строже, тихий тише, простой проще, богатый богаче, яркий ярче. */
const COMPARATIVE_CONSONANT: [RegExp, string][] = [[/ст$/, 'щ'], [/[гд]$/, 'ж'], [/х$/, 'ш'], [/[тк]$/, 'ч']];

/** An adjective's comparative where its consonant or root changes; regular -ее forms Snowball stems to the lemma's stem. */
export function comparativeForms(lemma: string): string[] {
  const folded = lemma.replace(/ё/g, 'е');
  const own = COMPARATIVES[folded];
  if (own) return own;
  if (!/(?:ый|ой|ий)$/.test(folded) || folded.length < 5 || folded.endsWith('ский')) return [];
  const stem = folded.slice(0, -2);
  const rule = COMPARATIVE_CONSONANT.find(([end]) => end.test(stem));
  return rule ? [`${stem.replace(rule[0], rule[1])}е`] : [];
}

/**
 * An adjective's short masculine form, which puts a vowel before its last consonant: виновный
 * виновен, честный честен, причастный причастен; крепкий крепок, близкий близок. (The other short
 * forms, виновна, виновны, keep the stem and are glossary-forms.ts's.) An adjective in -нный: its
 * short forms, on one н (преданный: предан, преданы).
 */
export function shortMasculine(lemma: string): string[] {
  const folded = lemma.replace(/ё/g, 'е');
  if (/[бвгджзклмпрстфхцчшщ]ный$/.test(folded) && !folded.endsWith('нный')) return [`${folded.slice(0, -3)}ен`];
  // A participle's adjective in -нный has one н in its short forms (преданный: предан, преданы).
  if (folded.endsWith('нный') && folded.length > 6) return ['', 'а', 'о', 'ы'].map((e) => `${folded.slice(0, -3)}${e}`);
  if (/[бвгджзлмнпрстфхцчшщ]кий$/.test(folded) && !folded.endsWith('ский')) return [`${folded.slice(0, -3)}ок`];
  return [];
}

/** The adjective forms of this module: comparatives and the short masculine. */
export const adjectiveForms = (lemma: string): string[] => [...comparativeForms(lemma), ...shortMasculine(lemma)];

/**
 * Each irregular form's lemmas (their ids in `lemmas`), made on the first word asked (~2 ms, ~8 ms
 * in a cold process): glossary.ts asks only for a word no cut ending reads.
 */
export function irregularFormLemmas(lemmas: readonly string[]): (word: string) => number[] {
  let byForm: Map<string, number[]> | undefined;
  return (word) => {
    if (!byForm) {
      byForm = new Map();
      lemmas.forEach((lemma, id) => {
        for (const f of [...irregularVerbForms(lemma), ...adjectiveForms(lemma)]) {
          const ids = byForm!.get(f);
          if (!ids) byForm!.set(f, [id]);
          else if (!ids.includes(id)) ids.push(id);
        }
      });
    }
    return byForm.get(word) ?? [];
  };
}
