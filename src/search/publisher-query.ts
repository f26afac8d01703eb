/**
 * "who published Khrushchev Lied", "where was Trotsky's Lies published": asked with who or where,
 * publishing asks for a publisher or a journal. A work of the library answers on its own title and
 * copyright pages (its front matter, read under its title: "Published by Erythros Press"), another
 * work by the bibliography entry that lists it. An entry holds the work's words but seldom
 * "published", so the passages saying "published" beside the title's words outranked it (the entry
 * for Khrushchev Lied came 9th). "when was it published" asks for a date, which the text gives.
 */
import { analyseTerm } from './analyse/index.ts';

const WHO_OR_WHERE = /\b(?:who|where)\b/u;
const PUBLISHING = /^publish(?:ed|es|ing)?$/u;
const PUBLISHING_IN = /\bpublish(?:ed|es|ing)?\b/u;

/** Does the folded query ask who published a work, or where? */
export const asksWhoPublished = (folded: string): boolean => WHO_OR_WHERE.test(folded) && PUBLISHING_IN.test(folded);

export const isPublishingWord = (folded: string): boolean => PUBLISHING.test(folded);

/**
 * What kind of work the reader names ("Furr's Tukhachevsky article", "Getty's book"): an entry is
 * that work and seldom says so, so the entry holding the other words answers without it. Read by
 * the analyser's stems, so every form a reader types counts (studies, volumes, pamphlets).
 */
const WORK_KINDS = new Set(['article', 'book', 'essay', 'paper', 'study', 'monograph', 'pamphlet', 'volume', 'piece'].flatMap((w) => analyseTerm(w)));
export const isWorkKind = (folded: string): boolean => analyseTerm(folded).some((t) => WORK_KINDS.has(t));

/**
 * Of the candidates holding every word of the query but the publishing one (`holds`), the answers:
 * the work's own front matter when a line of it holds them, else the entries that do.
 */
export function publisherAnswers<T extends { block: { kind: string } }>(candidates: readonly T[], holds: (c: T) => boolean): (c: T) => boolean {
  const own = new Set(candidates.filter((c) => c.block.kind === 'front-matter' && holds(c)));
  return own.size ? (c) => own.has(c) : (c) => c.block.kind === 'bibliography' && holds(c);
}
