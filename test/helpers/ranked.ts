/** Ranked passages with given scores, and plain scores by passage id, for the plain net's rules (plain-net.ts). */
import type { Block } from '../../src/corpus/model.ts';

export const block = (id: string) => ({ id }) as Block;
/** Passages p1, p2 … with these Lectern scores, best first. */
export const list = (...scores: number[]) => scores.map((score, i) => ({ block: block(`p${i + 1}`), score }));
/** The plain score of each passage by id; a passage not named scores 0. */
export const plainOf = (plain: Record<string, number>) => (c: { block: Block }) => ({ score: plain[c.block.id] ?? 0 });
