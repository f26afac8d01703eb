/**
 * A doctrine and its followers are one subject to a reader: "Marxist" and "Marxism", "Trotskyist",
 * "Trotskyite" and "Trotskyism", "троцкист" and "троцкизм". Porter2 stems them apart (marxist,
 * marxism), and a capitalised word is read as a name, whose WordNet relations are not followed, so
 * no other expansion links them. The siblings are made from the word as typed (Porter2 cuts some
 * -isms to their root: Stalinism → stalin, socialism → social) and kept only where the index holds
 * them and their stem keeps the ending: Stalinist does not stand for every passage on Stalin.
 */
import { stemEnglish, stemRussian } from '../analyse/stem.ts';

const ENGLISH = /^(\p{Ll}{4,}?)(ism|ists?|ites?)$/u;
const ENGLISH_SIBLINGS = ['ism', 'ist', 'ite'];
const KEEPS_ENDING = /(?:ism|ist|it)$/;
// Russian stems keep the ending in every case: троцкистов → троцкист, троцкизма → троцкизм.
const RUSSIAN = /^(\p{Ll}{4,}?)(изм|ист)$/u;

/** The index terms of a doctrine word's siblings (folded word and its stems), for `has` to keep. */
export function doctrineSiblings(text: string, terms: readonly string[], has: (term: string) => boolean): string[] {
  const out = new Set<string>();
  const en = ENGLISH.exec(text);
  if (en) {
    const ending = en[2]!.replace(/s$/, '');
    for (const other of ENGLISH_SIBLINGS) {
      if (other === ending) continue;
      const stem = stemEnglish(en[1]! + other);
      if (KEEPS_ENDING.test(stem) && has(stem)) out.add(stem);
    }
  }
  for (const term of terms) {
    const ru = RUSSIAN.exec(term);
    if (!ru) continue;
    const stem = stemRussian(ru[1]! + (ru[2] === 'изм' ? 'ист' : 'изм'));
    if (has(stem)) out.add(stem);
  }
  for (const t of terms) out.delete(t);
  return [...out];
}
