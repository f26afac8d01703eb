/**
 * What the engine works out about a passage the first time a query meets it, made once for the
 * bundled corpus and kept in its index snapshot (index-snapshot.ts): the key `fold` groups it by
 * (a repeated quotation is one result) and, for a footnote, whether it only cites. A one-shot CLI
 * answer met a few hundred passages and folded every one (~15 ms of a long question's CPU), and
 * weighed its notes by reading their sentences (~4 ms), to throw it all away when it exited.
 *
 * The facts are the engine's own functions' answers, so they are only as current as the code that
 * gave them: the snapshot names `factsFingerprint()`, a digest of the source files those functions
 * are written in, and a snapshot made by other code is not used (the next load writes it again).
 * The corpus itself is the snapshot's `inputs`. An engine given no facts works them out as before.
 */
import { readFileSync } from 'node:fs';
import type { Corpus } from '../corpus/corpus.ts';
import { sha256 } from '../hash.ts';
import { foldKey } from './engine.ts';
import { isCitingNote } from './note-kind.ts';

export interface PassageFacts {
  /** Passage id → its `foldKey`. */
  foldKeys: Map<string, string>;
  /** Footnote id → whether it only cites (note-kind.ts). */
  citing: Map<string, boolean>;
}

/** The facts of the passages `ids` of `corpus`. */
export function passageFacts(corpus: Corpus, ids: Iterable<string>): PassageFacts {
  const facts: PassageFacts = { foldKeys: new Map(), citing: new Map() };
  for (const id of ids) {
    const block = corpus.block(id);
    if (!block) continue;
    facts.foldKeys.set(id, foldKey(corpus, block));
    if (block.kind === 'footnote') facts.citing.set(id, isCitingNote(block.plain));
  }
  return facts;
}

/** The sources of what the facts are made by: the fold key, the passage a note is shown with, a quotation's lead-in and the unit it heads (`Corpus.unitOf`), the note kinds, the folding of text. */
const SOURCES = ['./engine.ts', './shown.ts', './note-kind.ts', './analyse/fold.ts', '../corpus/lead-in.ts', '../corpus/corpus.ts'];
let fingerprint: string | undefined;

/** A digest of the code the facts come from; 'unreadable' (never a snapshot's) when its files cannot be read. */
export function factsFingerprint(): string {
  if (fingerprint === undefined) {
    try {
      fingerprint = sha256(SOURCES.map((file) => readFileSync(new URL(file, import.meta.url), 'utf8')).join('\u0000'));
    } catch {
      fingerprint = 'unreadable';
    }
  }
  return fingerprint;
}
