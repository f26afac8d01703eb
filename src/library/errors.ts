/**
 * The user errors of group libraries, one function each so that the identifiers stay stable and
 * every message names the fix. They cross the worker boundary as plain data (see pool.ts).
 */
import { UserError } from '../errors.ts';

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

const codeOf = (err: unknown) => {
  const code = (err as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' ? ` (${code})` : '';
};

export const libraryErrors = {
  databaseUnreachable: (err: unknown) =>
    new UserError(
      'library.database-unreachable',
      `This group's texts are kept in the shared database, which Lectern cannot reach right now${codeOf(err)}. Commands in this group need it: try again in a minute, or tell whoever runs Lectern.`,
    ),
  tooLarge: (size: number, maxMb: number) =>
    new UserError('library.file-too-large', `The file is ${mb(size)}; this library takes files up to ${maxMb} MB. Split it or compress its images, then add it again.`),
  tooManyPages: (pages: number, max: number) =>
    new UserError('library.too-many-pages', `The PDF has ${pages} pages; this library takes PDFs of up to ${max} pages. Add it in parts (one file per volume or chapter).`),
  tooManyWorks: (max: number) =>
    new UserError('library.full', `This group's library already holds ${max} works, the most it may. Remove one of them before adding another.`),
  empty: () => new UserError('library.file-empty', 'The file is empty. Upload the file again; it may not have finished uploading.'),
  noText: (what: string) => new UserError('library.no-text', `${what} contains no text Lectern can read. Check that it is the right file.`),
  malformed: (format: string, why: string) =>
    new UserError('library.file-malformed', `The file cannot be read as ${format} (${why}). Open it and save or export it again, then add the copy.`),
  encrypted: () =>
    new UserError('library.pdf-encrypted', 'The PDF is protected by a password. Save a copy without the password (Print → Save as PDF works) and add that.'),
  drm: () => new UserError('library.epub-drm', 'The EPUB is protected by DRM, so its text cannot be read. Add a DRM-free copy (many publishers and libraries offer one).'),
  imageOnly: () =>
    new UserError('library.pdf-no-text', 'This PDF has no text layer (its pages are images); run OCR first (e.g. ocrmypdf), then add the result.'),
  unsupported: (name: string) =>
    new UserError('library.format-unsupported', `"${name}" is not a format Lectern reads. Add a PDF, EPUB, HTML, Markdown or plain-text file.`),
  encoding: () =>
    new UserError('library.text-encoding', 'The text is neither UTF-8 nor Russian in Windows-1251 or KOI8-R. Save it as UTF-8 and add it again.'),
  duplicate: (id: string) => new UserError('library.duplicate', `This file is already in the library as "${id}". Remove that work first if you want to add it again.`),
  unknownWork: (id: string) => new UserError('library.unknown-work', `There is no work "${id.slice(0, 80)}" in this group's library. The library's list shows the ids.`),
  bundledWork: (id: string) => new UserError('library.bundled-work', `"${id}" is part of the bundled library that every group shares; only works a group added itself can be removed.`),
  badMetadata: (why: string) => new UserError('library.bad-metadata', `${why}`),
  tooSlow: (seconds: number) =>
    new UserError(
      'library.file-too-slow',
      `Reading the file took longer than ${seconds} s, the most one file may take, so it was not added. Split it into smaller files (one per volume or chapter), or save it as plain text or Markdown, and add those.`,
    ),
  tooMuchMemory: (mb: number) =>
    new UserError('library.file-too-complex', `Reading the file needed more than ${mb} MB of memory, so it was not added. Split it into smaller files, or save it as plain text, and add those.`),
  tooComplex: (what: string) =>
    new UserError('library.file-too-complex', `The file ${what}, more than any book needs, so it was not read. Save it again as plain HTML, Markdown or text (or split it), and add that.`),
  damaged: (why: string) =>
    new UserError(
      'library.damaged',
      `This group's library is damaged (${why}). The files the group added are kept: an organiser can rebuild the library from them with "library repair" (a work whose file is gone is dropped and named), or whoever runs Lectern with "npm run lectern -- doctor --repair".`,
    ),
  busy: () => new UserError('library.busy', 'Lectern is still adding another text; try again in a minute.'),
};
