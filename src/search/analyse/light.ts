/**
 * Light words: what a question or a chat request is made of besides its subject. They are not stop
 * words (the index keeps them, and "what does X stand for" may be searched for as a phrase), but in
 * a query they weigh little and a passage need not contain them: `who is Estrina`, `what does POUM
 * stand for`, `according to Serge, …` are about Estrina, POUM and Serge. Question words proper
 * (what, who, how, does, is) are already stop words; these are the light verbs and fillers around them.
 */
import { stopwords as frenchStopwords } from '@orama/stopwords/french';
import { fold } from './fold.ts';
import { EN_STOPWORDS } from './stopwords.ts';

// never, none, nothing, nobody: the text negates with not, no and nor (stop words), so as words of
// substance they favoured passages that happen to say them; the negation itself is read by rerank (negation.ts).
const EN = [
  'stand', 'stands', 'stood', 'mean', 'means', 'meant', 'meaning', 'say', 'says', 'said', 'tell', 'tells', 'told',
  'call', 'calls', 'called', 'according', 'ever', 'many', 'much', 'whose', 'happen', 'happens', 'happened',
  'get', 'got', 'know', 'known', 'find', 'found', 'give', 'gave', 'think', 'thought', 'really', 'actually', 'exactly',
  'kind', 'sort', 'please', 'show', 'quote', 'passage', 'anything', 'something', 'somebody', 'someone', 'also', 'one',
  'nothing', 'nobody', 'never', 'none', 'anybody', 'anyone', 'besides', 'moreover', 'furthermore', 'additionally', 'likewise', 'like',
];
const RU = ['сколько', 'почему', 'какое', 'каков', 'какова', 'каковы', 'значит', 'означает', 'расшифровывается', 'говорит', 'сказано', 'пишет', 'найди', 'покажи'];

/**
 * A Russian question word declines: «в каком году», «какого числа», «у скольких», «которого из них»,
 * «чьи письма», «кого арестовали». The stop list (NLTK's) has a few of its forms (какой, кто, что),
 * so the others counted as words of substance a passage had to contain. All the case forms of
 * какой, который, сколько, чей and кто, and the question adverbs the list lacks. (ком, also a noun, is left out.)
 */
const declined = (stem: string, endings: string[]) => endings.map((e) => stem + e);
const RU_QUESTION_FORMS = [
  ...declined('как', ['ой', 'ая', 'ое', 'ие', 'ого', 'ому', 'им', 'ом', 'ую', 'их', 'ими', 'ою']),
  ...declined('котор', ['ый', 'ая', 'ое', 'ые', 'ого', 'ому', 'ым', 'ом', 'ую', 'ой', 'ых', 'ыми', 'ою']),
  ...declined('скольк', ['о', 'их', 'им', 'ими']),
  'чей', ...declined('чь', ['я', 'е', 'и', 'его', 'ей', 'ему', 'им', 'их', 'ими', 'ею']),
  'каково', 'кого', 'кому', 'кем', 'чему', 'откуда', 'насколько', 'отчего',
];

/**
 * The modal мочь, смочь (can, could, be able): English says it with can and could, which are stop
 * words, so an English passage never has it; as a word of substance «мог ли Троцкий знать…» ranked
 * passages saying "able" first. (может, можно are already stop words.)
 */
const RU_MODAL = ['мог', 'могла', 'могло', 'могли', 'могу', 'можешь', 'можем', 'можете', 'могут', 'смог', 'смогла', 'смогло', 'смогли', 'смогу', 'сможешь', 'сможет', 'сможем', 'сможете', 'смогут'];

export const LIGHT_WORDS: ReadonlySet<string> = new Set([...EN, ...RU, ...RU_QUESTION_FORMS, ...RU_MODAL].map(fold));

/** How much a light word counts against a word of substance. */
export const LIGHT_WEIGHT = 0.25;

export const isLightWord = (folded: string) => LIGHT_WORDS.has(folded);

/**
 * Words that ask for a person's years ("Ciliga's birth year", "when did Iakir die"): light once the
 * query has one of the first group, so the query is about the person, and the passage that gives
 * the years after the name (rerank.ts) ranks first. Alone or in "the year 1937" they are words.
 */
const LIFE = new Set(['born', 'birth', 'birthday', 'died', 'die', 'death', 'lived', 'lifespan'].map(fold));
const LIFE_LIGHT = new Set([...LIFE, 'year', 'years', 'date', 'dates', 'when'].map(fold));
export const asksForYears = (folded: string[]) => folded.some((w) => LIFE.has(w));
export const isYearsWord = (folded: string) => LIFE_LIGHT.has(folded);

/**
 * Words that ask what something is called ("the NKVD's full name", "Sonny's real name", "proper
 * name of the Ryutin platform"): light once the query has one of the first group, so the query is
 * about the thing named, and the passage that introduces it ("the initials NKVD indicate…", "X was
 * the code name for…", "known as X") ranks first (rerank.ts). Alone they are words.
 */
const NAME = new Set(['name', 'names', 'title']);
const NAME_LIGHT = new Set([...NAME, 'full', 'proper', 'real', 'official', 'actual', 'complete', 'exact', 'original']);
export const asksForName = (folded: string[]) => folded.some((w) => NAME.has(w));
export const isNameWord = (folded: string) => NAME_LIGHT.has(folded);

/**
 * Words that ask what someone or something was ("what was Iagoda's job", "Zborowski's role", "what
 * was Kirov's position"): light when such a word ends the query, so the query is about the one
 * named, and the passage that introduces them by a role ("Genrikh Iagoda was head of the OGPU",
 * role-introduction.ts) ranks first, though it says neither job nor role. Elsewhere they are words:
 * "Stalin's position on the bloc" asks for a stance.
 */
const ROLE = new Set(['role', 'roles', 'job', 'jobs', 'position', 'post', 'occupation', 'profession', 'function', 'office']);
export const asksForRole = (folded: string[]) => folded.length >= 2 && ROLE.has(folded[folded.length - 1]!);
export const isRoleWord = (folded: string) => ROLE.has(folded);

/**
 * Words that ask for a work's reference ("Deutscher The Prophet Outcast full reference", "Blood Lies
 * publisher"): light once the query has one of the first group, so the query is the work, which
 * its bibliography entry lists. Alone they are words.
 */
const REFERENCE = new Set(['reference', 'references', 'bibliography', 'citation', 'publisher', 'imprint']);
const REFERENCE_LIGHT = new Set([...REFERENCE, 'full', 'complete', 'exact', 'details', 'entry', 'bibliographic', 'bibliographical']);
export const asksForReference = (folded: string[]) => folded.some((w) => REFERENCE.has(w));
export const isReferenceWord = (folded: string) => REFERENCE_LIGHT.has(folded);

/**
 * Words that ask where a text is ("where can I read Trotsky's letter to his wife online", "where
 * is the Zborowski archive kept"): light in a question with "where" (a stop word), so the query is
 * the text and the place ("online": a web address, index-build.ts). Without "where" they are words.
 */
const WHERE_LIGHT = new Set(['read', 'see', 'view', 'access', 'consult', 'available', 'kept', 'held', 'located', 'stored', 'housed', 'look']);
export const asksWhere = (folded: string[]) => folded.includes('where');
export const isWhereWord = (folded: string) => WHERE_LIGHT.has(folded);

/**
 * French function words: the French stop list the lexicon learns with (expand/lexicon.ts) and what
 * it lacks — question words (comment, combien, quand: «quand Furr a-t-il commencé»), tout and its
 * forms (WordNet read «toute la journée» as toute → blow), prepositions, conjunctions, adverbs of
 * degree. The index has no French stop list (French is stemmed as English), so in a query typed in
 * French («les procès de Moscou étaient-ils truqués») les, des, qui weighed as much as its words of
 * substance and found French passages by their grammar alone. In a query that reads as French
 * (`readsAsFrench`) they are light; those English lacks too (not son, sur, car, plus) are its signs.
 */
const FRENCH_MORE = [
  'comment', 'combien', 'quand', 'pourquoi', 'où', 'quoi', 'dont', 'lequel', 'laquelle', 'lesquels', 'lesquelles',
  'tout', 'toute', 'tous', 'toutes', 'chaque', 'quelque', 'quelques', 'aucun', 'aucune', 'celui', 'celle', 'ceux', 'celles',
  'chez', 'vers', 'sous', 'entre', 'depuis', 'pendant', 'après', 'avant', 'selon', 'parmi', 'malgré', 'hors', 'contre',
  'donc', 'car', 'puis', 'ni', 'si', 'comme', 'très', 'plus', 'moins', 'aussi', 'trop',
];
const FRENCH_FUNCTION = new Set([...frenchStopwords, ...FRENCH_MORE].map(fold));
const ALSO_ENGLISH = new Set(['son', 'ton', 'sur', 'sa', 'ma', 'ta', 'te', 'tu', 'se', 'ai', 'as', 'es', 'eu', 'eus', 'eut', 'ou', 'mon', 'lui', 'vous', 'nous', 'ici', 'comment', 'car', 'plus', 'pendant', 'avant']);
const FRENCH_ONLY = new Set([...FRENCH_FUNCTION].filter((w) => w.length > 1 && !EN_STOPWORDS.has(w) && !ALSO_ENGLISH.has(w)));
/** A letter French writes and English, but for a borrowed word, does not. */
const FRENCH_LETTER = /[éèêàùâîôûçëïœ]/u;
/**
 * Does a query read as French? Its words folded, and as typed (case kept): two signs, each a French
 * function word English lacks, or (one at most) a lower-case word with a French letter, so that
 * «qui a tué Kirov» (qui, tué) is French but "Broué on la Vérité" (names, capitalised) is not.
 */
export const readsAsFrench = (folded: string[], typed: string[] = []) =>
  new Set(folded.filter((w) => FRENCH_ONLY.has(w))).size + (typed.some((w) => FRENCH_LETTER.test(w) && w === w.toLowerCase()) ? 1 : 0) >= 2;
export const isFrenchFunctionWord = (folded: string) => FRENCH_FUNCTION.has(folded);
/** The verb and pronoun of a French question's inversion (étaient-ils, sont-ils, a-t-il): its parts, folded, all function words. */
export const isFrenchInversion = (parts: string[]) => parts.length >= 2 && parts.every((p) => FRENCH_FUNCTION.has(p) || p === 'a' || p === 't');
