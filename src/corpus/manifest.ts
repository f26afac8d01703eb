/**
 * The manifest describes each work as the text itself states it. A value the text does not state
 * but that we infer (a year worked out from a weekday, say) is recorded with `inferred: true` and a
 * note saying how, so no display can pass it off as stated.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { DataError } from '../errors.ts';
import { Lang } from './model.ts';

export const WorkType = z.enum(['book', 'essay', 'article', 'speech', 'web-page']);
export type WorkType = z.infer<typeof WorkType>;

const Stated = <T extends z.ZodType>(value: T) =>
  z.object({
    value,
    inferred: z.boolean().default(false),
    /** Where the value comes from, or how it was inferred. */
    basis: z.string().optional(),
  });

export const Person = z
  .object({
    family: z.string().min(1).optional(),
    given: z.string().optional(),
    /** An organisation, or a name that must not be split into family and given. */
    literal: z.string().min(1).optional(),
    /** Affiliation or description as the text gives it. */
    affiliation: z.string().optional(),
  })
  .strict()
  .refine((p) => Boolean(p.family) !== Boolean(p.literal), 'give either "family" (with "given") or "literal"');
export type Person = z.infer<typeof Person>;

export const ManifestWork = z
  .object({
    id: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'a lower-case slug such as "trotskys-lies"'),
    file: z.string().regex(/^[^/\\]+$/, 'a file name inside data/corpus, without folders'),
    type: WorkType,
    title: z.string().min(1),
    subtitle: z.string().optional(),
    /** A short title for in-text citations such as "(Furr, Trotsky's Lies 12)". */
    shortTitle: z.string().optional(),
    authors: z.array(Person).min(1),
    date: Stated(z.string().regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, 'YYYY, YYYY-MM or YYYY-MM-DD')).optional(),
    /** The date as the text prints it, e.g. "September 6, 2017" or "Corrected Edition August 2019". */
    dateAsStated: z.string().optional(),
    publisher: z.string().optional(),
    place: z.string().optional(),
    edition: z.string().optional(),
    identifiers: z.object({ isbn: z.array(z.string()).default([]) }).default({ isbn: [] }),
    containerTitle: z.string().optional(),
    event: z.string().optional(),
    pages: z.number().int().optional(),
    languages: z.array(Lang).min(1),
    notes: z.array(z.string()).default([]),
    /** Material in the text that is about another work (a review of a different book, say). */
    about: z
      .array(
        z
          .object({
            kind: z.string(),
            note: z.string(),
            title: z.string().optional(),
            authors: z.array(z.string()).optional(),
            isbn: z.string().optional(),
          })
          .strict(),
      )
      .default([]),
  })
  .strict();
export type ManifestWork = z.infer<typeof ManifestWork>;

export const Manifest = z
  .object({
    format: z.literal('lectern.manifest'),
    version: z.literal(1),
    works: z.array(ManifestWork).min(1),
  })
  .strict()
  .superRefine((m, ctx) => {
    const seen = new Map<string, number>();
    m.works.forEach((w, i) => {
      for (const key of [`id:${w.id}`, `file:${w.file}`]) {
        const before = seen.get(key);
        if (before !== undefined) {
          ctx.addIssue({
            code: 'custom',
            path: ['works', i, key.split(':')[0]!],
            message: `duplicate ${key.replace(':', ' "')}" (also works[${before}])`,
          });
        }
        seen.set(key, i);
      }
    });
  });
export type Manifest = z.infer<typeof Manifest>;

export function formatZodIssues(error: z.ZodError): string[] {
  return error.issues.map((issue) => `${issue.path.length ? issue.path.join('.') : '(root)'}: ${issue.message}`);
}

/** Reads and validates a manifest; every problem is listed, and unknown files are reported. */
export async function loadManifest(file: string, options: { checkFiles?: boolean } = {}): Promise<Manifest> {
  let raw: string;
  try {
    raw = await readFile(file, 'utf8');
  } catch (err) {
    throw new DataError(`cannot read the manifest (${(err as NodeJS.ErrnoException).code ?? String(err)})`, file);
  }
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch (err) {
    throw new DataError(`the manifest is not valid JSON: ${(err as Error).message}`, file);
  }
  const parsed = Manifest.safeParse(json);
  if (!parsed.success) {
    throw new DataError(`the manifest is invalid:\n  - ${formatZodIssues(parsed.error).join('\n  - ')}`, file);
  }
  if (options.checkFiles !== false) {
    const dir = path.dirname(file);
    const missing: string[] = [];
    for (const work of parsed.data.works) {
      try {
        await readFile(path.join(dir, work.file), { flag: 'r' }).then(() => undefined);
      } catch {
        missing.push(`works "${work.id}": file "${work.file}" does not exist in ${dir}`);
      }
    }
    if (missing.length) throw new DataError(`the manifest names unknown files:\n  - ${missing.join('\n  - ')}`, file);
  }
  return parsed.data;
}
