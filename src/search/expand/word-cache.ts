/**
 * A word's expansions (expandWord) kept per engine for the words asked recently. They depend on the
 * word as the query gives it (text, terms, parts, whether the index knows it, capitalised, read as
 * French), its parts of speech in the query, and the engine's index and lexicons, which do not
 * change under an engine. Expanding was a tenth of a short query's time (its WordNet relations and
 * the index's look-ups of every related term: bench/README.md), and the names and topics of a
 * conversation recur from query to query.
 */
import type { QueryWord } from '../analyse/query.ts';
import { expandWord, type ExpansionIndex } from './index.ts';
import type { PartOfSpeech } from './wordnet.ts';

type Expansion = ReturnType<typeof expandWord>[number];

/** Words kept at most (then dropped whole): a few hundred bytes each. */
const WORDS_KEPT = 2_000;

/** What expandWord reads of a word, recursively through its parts. */
const wordKey = (w: QueryWord): unknown[] => [w.text, w.terms, w.unknown === true, w.capitalised === true, w.french ?? null, w.parts.map(wordKey)];

export class ExpansionCache {
  private readonly kept = new Map<string, readonly Expansion[]>();

  /** expandWord's answer, each expansion a fresh object: the query's later steps add to them in place (relations.ts). */
  expand(w: QueryWord, index: ExpansionIndex, pos?: ReadonlySet<PartOfSpeech>): Expansion[] {
    const key = JSON.stringify([wordKey(w), pos === undefined ? null : [...pos].sort()]);
    let kept = this.kept.get(key);
    if (kept === undefined) {
      kept = expandWord(w, index, pos);
      if (this.kept.size >= WORDS_KEPT) this.kept.clear();
      this.kept.set(key, kept);
    }
    return kept.map((e) => ({ ...e }));
  }
}
