/**
 * What makes English words a statement rather than a title: a finite verb (an auxiliary, a
 * copula, a modal) or a pronoun as its subject. A title or a heading ("Khrushchev's lies about
 * Stalin", "The Kirov Murder") has none. Read by the note classifier (does a note's sentence say
 * something, or only name a work) and by rerank (is a query phrased as a clause).
 */
export const FINITE_WORDS: readonly string[] = 'is are was were be been has have had do does did will would can could may might must shall should he she they we it I'.split(' ');

/** Words that phrase a query as a clause: the finite words, and relative, demonstrative and negating ones. */
export const CLAUSE_WORDS: ReadonlySet<string> = new Set([
  ...FINITE_WORDS.map((w) => w.toLowerCase()),
  ...'being you who which that there this these those not no nor'.split(' '),
]);
