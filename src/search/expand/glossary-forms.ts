/**
 * Word forms of a glossary lemma, guessed from its ending. Snowball stems most inflections to the
 * lemma's stem, but not all (знать → знат, знал → знал; арестовать → арестова, арестован →
 * арестова but арестует → арест), and where two lemmas share a stem (жена, жених) only the
 * inflected forms themselves say which is meant. A guess that is not a word (the present of an
 * irregular verb, a soft noun's wrong gender) only adds a form no one types.
 */

const VOWEL_END = /[аеиоуыэюя]$/;
const REFLEXIVE = /(ся|сь)$/;
/** After these, Russian spells и, not ы. */
const HUSHING = /[гкхжшчщ]$/;

/**
 * The verbs of going (идти and its prefixed forms выйти, прийти, найти, произойти…) change their
 * stem: выйдет, вышел; придёт, пришёл; идёт, шёл. Their future (present for идти) and past.
 */
function goingForms(base: string): string[] {
  if (base === 'идти') return ['иду', 'идет', 'идут', 'идем', 'шел', 'шла', 'шло', 'шли'];
  if (!base.endsWith('йти') || base.length < 4) return [];
  const prefix = base.slice(0, -3);
  // при- drops the й: приду, придёт.
  const future = prefix === 'при' ? 'прид' : `${prefix}йд`;
  return [...['у', 'ет', 'ут', 'ем'].map((e) => future + e), ...['шел', 'шла', 'шло', 'шли'].map((e) => prefix + e)];
}

/** Past endings after a consonant-final masculine (нёс, несла; мог, могла). */
const PAST = ['', 'ла', 'ло', 'ли'];
/** -сти verbs whose stem ends in д or т, which the past drops (вести: ведёт, вёл; мести: метёт, мёл). */
const STI_DT: [RegExp, string][] = [
  // Longest first: изобрести is обрести's (изобрёл), цвести not вести's.
  [/(?:обрести|цвести|плести)$/, 'т'],
  [/(?:брести|вести)$/, 'д'],
  [/мести$/, 'т'],
];
/**
 * -чь verbs by root, longest first (привлечь is влечь's, not лечь's), with the stem's consonant: -г-
 * (мочь: мог, могут) or -к- (влечь: влёк, влекут). речь, печь, течь, сечь only after a prefix
 * (отречься, испечь): alone they are nouns too (speech, stove, leak).
 */
const CH_ROOTS: [string, 'г' | 'к'][] = [
  ['небречь', 'г'], ['стеречь', 'г'], ['беречь', 'г'], ['стричь', 'г'], ['волочь', 'к'], ['толочь', 'к'],
  ['влечь', 'к'], ['стичь', 'г'], ['мочь', 'г'], ['лечь', 'г'], ['жечь', 'г'], ['речь', 'к'], ['печь', 'к'], ['течь', 'к'], ['сечь', 'к'],
];
const NOUN_TOO = new Set(['речь', 'печь', 'течь', 'сечь']);
/** -нуть verbs that drop their -ну- in the past (исчезнуть: исчез, исчезла; погибнуть: погиб), by root. */
const NU_DROPPED = /(?:гиб|стиг|ник|чез|верг|мерз|торг|вык|мок|сох|кис|креп|слеп|глох|молк|гас|тих|вяз|лип|пах)нуть$/;

/**
 * The past (and third-person present or future) of the verbs whose stem an infinitive hides: -сти
 * and -зти (вести → вёл, ведёт; нести → нёс, несёт; везти → вёз; расти → рос), -чь (мочь → мог,
 * может, могут; влечь → влёк, влечёт; сжечь → сжёг, сожгла), -ереть (умереть → умер, умерла) and
 * the -нуть verbs that drop -ну- in the past (исчезнуть → исчез). ё is folded. Empty for the others.
 */
function hiddenStemForms(base: string): string[] {
  const past = (stem: string) => PAST.map((e) => stem + e);
  if (base.endsWith('расти')) return [...past(`${base.slice(0, -5)}рос`), ...['ет', 'ут'].map((e) => `${base.slice(0, -2)}т${e}`)];
  if (/[сз]ти$/.test(base)) {
    const b = base.slice(0, -3);
    const dt = STI_DT.find(([end]) => end.test(base))?.[1];
    const stem = b + (dt ?? base.at(-3));
    return [...(dt ? PAST.map((e) => `${b}л${e.slice(1)}`) : past(stem)), ...['ет', 'ут'].map((e) => stem + e)];
  }
  const ch = CH_ROOTS.find(([root]) => base.endsWith(root) && (base.length > root.length || !NOUN_TOO.has(root)));
  if (ch) {
    const [root, consonant] = ch;
    const stem = base.slice(0, -2) + consonant;
    // жечь's past drops its vowel (сжёг, сожгла: a prefix ending in a consonant takes о before жг).
    if (root === 'жечь') {
      const p = base.slice(0, -4);
      return [`${p}жег`, ...PAST.slice(1).map((e) => `${/[бвгдзкпрстх]$/.test(p) ? `${p}о` : p}жг${e}`)];
    }
    // The present changes г, к to ж, ч before е (может, влечёт); лечь, стичь have their own (ляжет, достигнет).
    const present = root === 'лечь' || root === 'стичь' ? [] : [`${base.slice(0, -2)}${consonant === 'г' ? 'ж' : 'ч'}ет`, `${stem}ут`];
    return [...past(stem), ...present];
  }
  if (base.endsWith('ереть')) return past(base.slice(0, -3));
  // -асть verbs by root: their past drops the с, their present has д (упасть: упал, упадёт; украсть:
  // украл, украдёт). пасть only after a prefix: alone it is a noun too (jaw), as власть, часть are.
  const ast = /(?:красть|класть|.пасть)$/.test(base) ? base.slice(0, -3) : undefined;
  if (ast) return [...['', 'а', 'о', 'и'].map((e) => `${ast}л${e}`), ...['ет', 'ут'].map((e) => `${ast}д${e}`)];
  if (NU_DROPPED.test(base)) return past(base.slice(0, -4));
  return [];
}

/**
 * The hidden-stem forms of a verb (hiddenStemForms), reflexive ones with their -ся/-сь (отрёкся,
 * отреклись). A guess whose stem may be another word's (берёг, беречь's past, is берег shore): so
 * glossary.ts stems these only where no other lemma has the stem, as it does participles.
 */
export function hiddenForms(lemma: string): string[] {
  const reflexive = REFLEXIVE.test(lemma);
  const forms = hiddenStemForms(reflexive ? lemma.slice(0, -2) : lemma);
  return reflexive ? forms.map((f) => f + (VOWEL_END.test(f) ? 'сь' : 'ся')) : forms;
}

/** Forms Snowball may stem apart from the lemma: a verb's past, present and short participle (напечатан, -а, -ы, -о). */
export function verbForms(lemma: string): string[] {
  const reflexive = REFLEXIVE.test(lemma);
  const base = reflexive ? lemma.slice(0, -2) : lemma;
  const going = goingForms(base);
  if (going.length) return reflexive ? going.map((f) => f + (VOWEL_END.test(f) ? 'сь' : 'ся')) : going;
  // -ереть's past is its hidden forms (умер), not умерел.
  if (!base.endsWith('ть') || base.endsWith('ереть')) return [];
  const b = base.slice(0, -2);
  const out = [`${b}л`, `${b}ла`, `${b}ли`, `${b}ло`];
  if (/[ое]ва$/.test(b)) out.push(`${b.slice(0, -3)}ует`, `${b.slice(0, -3)}уют`, `${b}н`, `${b}на`, `${b}ны`, `${b}но`);
  else if (/[ая]$/.test(b)) out.push(`${b}ет`, `${b}ют`, `${b}н`, `${b}на`, `${b}ны`, `${b}но`);
  else if (b.endsWith('и')) out.push(`${b.slice(0, -1)}ит`, `${b.slice(0, -1)}ят`);
  // -нуть: its future or present in -нет, -нут (исчезнет, вернут).
  else if (b.endsWith('ну')) out.push(`${b.slice(0, -1)}ет`, `${b.slice(0, -1)}ут`);
  return reflexive ? out.map((f) => f + (VOWEL_END.test(f) ? 'сь' : 'ся')) : out;
}

/**
 * A verb's other present (or perfective future) forms, guessed from its infinitive: the first and
 * second persons (знаем, знаете, знаю; организуем; говорим, говорите) beside the third that
 * verbForms gives, and all persons of the -авать verbs that drop their ва (признаёт, преподаёт). Snowball stems these apart from the infinitive (знаем → зна, знать → знат), so
 * they are looked up only as forms (glossary.ts), never as stems another lemma could share. An
 * -еть verb may conjugate either way (имеем, видим): both are guessed; a wrong guess is no word.
 */
export function presentForms(lemma: string): string[] {
  const reflexive = REFLEXIVE.test(lemma);
  const base = reflexive ? lemma.slice(0, -2) : lemma;
  if (!base.endsWith('ть') || goingForms(base).length) return [];
  const b = base.slice(0, -2);
  let out: string[] = [];
  // -ереть drops its е's: умрёт, запру, сотрут (ё folded). Read as an -еть verb, its guess умерит
  // (умерить, moderate) was a form of умереть (die).
  if (b.endsWith('ере')) out = ['у', 'ешь', 'ет', 'ем', 'ете', 'ут'].map((e) => `${b.slice(0, -3)}р${e}`);
  // давать, признавать, вставать drop their ва: даёт, признаём, встают (ё folded).
  else if (/(?:да|зна|ста)ва$/.test(b)) out = ['ю', 'ешь', 'ет', 'ем', 'ете', 'ют'].map((e) => b.slice(0, -2) + e);
  else if (/[ое]ва$/.test(b)) out = ['ую', 'уешь', 'уем', 'уете'].map((e) => b.slice(0, -3) + e);
  else if (/[ая]$/.test(b)) out = ['ю', 'ешь', 'ем', 'ете'].map((e) => b + e);
  else if (b.endsWith('и')) out = ['ишь', 'им', 'ите'].map((e) => b.slice(0, -1) + e);
  else if (b.endsWith('е')) out = [...['ю', 'ешь', 'ет', 'ем', 'ете', 'ют'].map((e) => b + e), ...['ишь', 'ит', 'им', 'ите', 'ят'].map((e) => b.slice(0, -1) + e)];
  return reflexive ? out.map((f) => f + (VOWEL_END.test(f) ? 'сь' : 'ся')) : out;
}

/**
 * The consonant an -ить verb's past participle takes for its stem's last one (осудить → осуждён,
 * посадить → посажен, поставить → поставлен, выпустить → выпущен, бросить → брошен); both where
 * the verbs differ (д: осуждён, посажен; т: оплачен, освещён). Others stay (обвинить → обвинён).
 */
const PARTICIPLE_CONSONANT: [RegExp, string[]][] = [
  [/ст$/, ['щ']],
  [/([бвмпф])$/, ['$1л']],
  [/д$/, ['жд', 'ж']],
  [/з$/, ['ж']],
  [/с$/, ['ш']],
  [/т$/, ['ч', 'щ']],
];

/**
 * The stem an -сти or -зти verb's past participle is made on, which its infinitive hides as its past
 * does (hiddenStemForms): перевести → переведён, переведены; привести → приведён; изобрести →
 * изобретён; унести → унесён; ввезти → ввезён. Snowball stems переведены to переведен, no form of
 * the infinitive, so «переведены» (translated) was read by no lemma. Not расти (intransitive), nor
 * a root alone (вести, нести: ведён, несён are rare, and their stems other words').
 */
function stiParticipleStem(lemma: string): string | undefined {
  if (!/[сз]ти$/.test(lemma) || lemma.endsWith('расти')) return undefined;
  const b = lemma.slice(0, -3);
  if (b.length < 3) return undefined;
  const dt = STI_DT.find(([end]) => end.test(lemma))?.[1];
  return b + (dt ?? lemma.at(-3));
}

/**
 * An -ить verb's short past participle (осуждён, осуждена, осуждены; ё is folded), which Snowball
 * stems apart from the infinitive when its consonant changes: a Russian sentence of the courts
 * says "был осуждён", not the verb. A guess, so glossary.ts keeps a stem of these only where no
 * other lemma has it (рублен is рубить's, but рубл is рубль's). Not for a root without a vowel
 * (пить, бить: their participles end in -т).
 */
export function participleForms(lemma: string): string[] {
  if (REFLEXIVE.test(lemma)) return [];
  const sti = stiParticipleStem(lemma);
  if (sti) return ['ен', 'ена', 'ены', 'ено', 'енный'].map((e) => sti + e);
  if (!lemma.endsWith('ить')) return [];
  const stem = lemma.slice(0, -3);
  if (!/[аеёиоуыэюя]/.test(stem)) return [];
  const rule = PARTICIPLE_CONSONANT.find(([end]) => end.test(stem));
  const stems = rule ? rule[1].map((to) => stem.replace(rule[0], to)) : [stem];
  // The long form too (уволенный, уволенных), which Snowball stems to -ен where the short ones lose it.
  return stems.flatMap((s) => ['ен', 'ена', 'ены', 'ено', 'енный'].map((e) => s + e));
}

/**
 * Numbers decline on stems of their own (два → двух, три → трёх, сорок → сорока, сто → ста): their
 * oblique forms, which no ending rule guesses. (Five to thirty decline as soft nouns: пять → пяти.)
 */
export const NUMBER_FORMS: Record<string, string[]> = {
  два: ['двух', 'двум', 'двумя'],
  две: ['двух', 'двум', 'двумя'],
  три: ['трех', 'трем', 'тремя'],
  четыре: ['четырех', 'четырем', 'четырьмя'],
  сорок: ['сорока'],
  девяносто: ['девяноста'],
  сто: ['ста'],
  оба: ['обоих', 'обоим', 'обоими'],
};
/**
 * A plural-only noun in -ки/-ги whose genitive takes a fleeting vowel: деньги (ден, ь, г), сутки.
 * Not -ски/-цки, an adverb's (фактически, по-немецки); not -ни, whose genitive is -ней (козни: козней).
 */
const PLURAL_FLEETING = /^(?!.*[сц]ки$)(.*[бвгдзклмнпрстфхчшщ])(ь?)([кг])[иы]$/;
/**
 * A noun used only in the plural (выборы election, переговоры, похороны, часы clock, беспорядки):
 * a lemma in -ы after a consonant, or in -и after г, к, х; not an adverb's -ски/-цки, nor якобы.
 * Its oblique plural cases are also the plural of a noun of its stem, where there is one (выборов:
 * выбор choice and выборы election; часов: час hour and часы clock), and the glossary then gives
 * each reading (glossary.ts AMBIGUOUS) rather than the singular noun's alone.
 */
const PLURAL_ONLY = /^(?!.*(?:[сц]ки|бы)$).*(?:[бвдзлмнпрстфхцчшщ]ы|[гкх]и)$/;
/** A plural-only noun's genitive in -ов (выборов; the bare stem too where it is -ы: похорон), dative, instrumental and prepositional. */
const pluralCases = (lemma: string): string[] => ['ов', 'ам', 'ами', 'ах'].map((e) => lemma.slice(0, -1) + e);
const SOFT_NOUN_IN_T = /(?:[бвгджзклмнпрсфхцчшщ]ть|пять|девять|десять|дцать)$/;
/** A fleeting vowel: немец → немца, немцам; подросток → подростка; день → дня. */
const FLEETING = /(?<=[бвгджзклмнпрстфхцчшщ])[еоё](?=[цкн]ь?$)/;

/** A noun's or adjective's case forms, guessed from its ending (exact forms only: not stemmed). */
export function declinedForms(lemma: string): string[] {
  const numbers = NUMBER_FORMS[lemma];
  if (numbers) return numbers;
  const forms = ruleForms(lemma);
  // Without its fleeting vowel the stem takes the same endings (немц-а, подростк-ом, дн-я).
  if (FLEETING.test(lemma) && lemma.length >= 4) for (const f of ruleForms(lemma.replace(FLEETING, ''))) if (!forms.includes(f)) forms.push(f);
  return forms;
}

/**
 * The genitive plural of a noun in -а or -о is its bare stem (книг, дел, сил), with a vowel put
 * before a final к after a consonant (бутылок, поездок): "сколько дел", "нет денег" were read by no lemma.
 */
function bareGenitive(stem: string): string[] {
  if (!/[бвгджзклмнпрстфхцчшщ]$/.test(stem) || stem.length < 3) return [];
  if (/[бвгдзклмнпрстфхчшщ]к$/.test(stem)) return [`${stem.slice(0, -1)}${/[жчшщ]к$/.test(stem) ? 'е' : 'о'}к`];
  return [stem];
}

function ruleForms(lemma: string): string[] {
  const cut = (n: number) => lemma.slice(0, -n);
  const plural = (stem: string) => (HUSHING.test(stem) ? 'и' : 'ы');
  if (/[ыо]й$/.test(lemma) && lemma.length > 3) {
    const s = cut(2);
    // The short forms too (готов, готова, готовы: ready), which predicates use.
    return ['ого', 'ому', 'ым', 'ом', 'ая', 'ой', 'ую', 'ое', `${plural(s)}е`, `${plural(s)}х`, `${plural(s)}ми`, '', 'а', 'о', plural(s)].map((e) => s + e);
  }
  if (/ий$/.test(lemma) && lemma.length > 3) {
    const s = cut(2);
    const hard = HUSHING.test(s);
    return (hard ? ['ого', 'ому', 'им', 'ом', 'ая', 'ой', 'ую', 'ое', 'ие', 'их', 'ими'] : ['его', 'ему', 'им', 'ем', 'яя', 'ей', 'юю', 'ее', 'ие', 'их', 'ими']).map((e) => s + e);
  }
  if (lemma.endsWith('ия')) return ['ии', 'ию', 'ией', 'ий', 'иям', 'иями', 'иях'].map((e) => cut(2) + e);
  if (lemma.endsWith('ие')) return ['ия', 'ию', 'ием', 'ии', 'ий', 'иям', 'иями', 'иях'].map((e) => cut(2) + e);
  if (lemma.endsWith('а')) return [...[plural(cut(1)), 'е', 'у', 'ой', 'ою', 'ам', 'ами', 'ах'].map((e) => cut(1) + e), ...bareGenitive(cut(1))];
  // A soft noun's genitive plural ends in -ь, or puts е before a final н after a consonant (неделя: недель; сотня, песня: сотен, песен).
  if (lemma.endsWith('я')) return [...['и', 'е', 'ю', 'ей', 'ям', 'ями', 'ях'].map((e) => cut(1) + e), /[бвгдзклмпрстфхцчшщ]н$/.test(cut(1)) ? `${cut(2)}ен` : `${cut(1)}ь`];
  if (lemma.endsWith('о')) return [...['а', 'у', 'ом', 'е', 'ам', 'ами', 'ах'].map((e) => cut(1) + e), ...bareGenitive(cut(1))];
  if (lemma.endsWith('е')) return ['я', 'ю', 'ем', 'ям', 'ями', 'ях'].map((e) => cut(1) + e);
  // A noun used only in the plural (деньги, сутки) puts a fleeting vowel before its last consonant in
  // the genitive, е where a soft sign stood, о after a consonant (денег, суток): "нет денег" met no
  // lemma; its other cases Snowball stems as the lemma (деньгами, деньг).
  const pluralOnly = PLURAL_FLEETING.exec(lemma);
  if (pluralOnly) return [`${pluralOnly[1]}${pluralOnly[2] ? 'е' : 'о'}${pluralOnly[3]}`, ...pluralCases(lemma)];
  if (PLURAL_ONLY.test(lemma)) return [...pluralCases(lemma), ...(lemma.length >= 5 ? [cut(1)] : [])];
  // A noun in -ть ends as an infinitive does, but after a consonant (власть, часть, смерть), where
  // infinitives mostly have a vowel; the numbers five to thirty decline the same way (пяти, десяти).
  if (SOFT_NOUN_IN_T.test(lemma)) return ['и', 'ью', 'ей', 'ям', 'ями', 'ях'].map((e) => cut(1) + e);
  if (lemma.endsWith('ть')) return [];
  if (lemma.endsWith('ь')) return ['я', 'ю', 'ем', 'е', 'и', 'ью', 'ей', 'ям', 'ями', 'ях'].map((e) => cut(1) + e);
  if (lemma.endsWith('й')) return ['я', 'ю', 'ем', 'е', 'и', 'ев', 'ям', 'ями', 'ях'].map((e) => cut(1) + e);
  // After ц an unstressed genitive plural is -ев (немцев, ленинцев).
  if (/[бвгджзклмнпрстфхцчшщ]$/.test(lemma)) return ['а', 'у', 'ом', 'ем', 'е', plural(lemma), lemma.endsWith('ц') ? 'ев' : 'ов', 'ей', 'ам', 'ами', 'ах'].map((e) => lemma + e);
  return [];
}
