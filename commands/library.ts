/**
 * /library: a group's own texts. `list` for everyone; `add` (with the file the platform hands
 * over, however its users give one), `edit` and `remove` for the group's organisers, as the
 * command's needs declare and dispatch enforces. The bundled texts are shared by every group and
 * cannot be changed here.
 */
import { z } from 'zod';
import type { CommandContext } from '../src/services.ts';
import type { Command } from '../src/dispatch/types.ts';
import { authorLine } from '../src/corpus/corpus.ts';
import { UserError } from '../src/errors.ts';
import { libraryErrors } from '../src/library/errors.ts';
import type { LibraryEntry, LibraryService, MetaOverrides } from '../src/library/index.ts';
import { actorOf } from '../src/library/permission.ts';
import { fieldsReply, textReply } from '../src/reply/builders.ts';
import { hideOption, zBool, zEnum, zOptionalText } from './options.ts';

/** The file a platform hands over: its bytes, or a way to download them once the checks have passed. */
export interface LibraryAttachment {
  name: string;
  size?: number;
  contentType?: string;
  bytes?: Uint8Array;
  fetch?: () => Promise<Uint8Array>;
}

const attachment = z.custom<LibraryAttachment>(
  (v) => {
    const a = v as LibraryAttachment | null;
    return typeof a === 'object' && a !== null && typeof a.name === 'string' && (a.bytes instanceof Uint8Array || typeof a.fetch === 'function');
  },
  { message: 'is not a file the platform attached' },
);

export const LIBRARY_ACTIONS = ['list', 'add', 'edit', 'remove', 'repair'] as const;

const args = z.object({
  action: z.preprocess((v) => (v === undefined || v === '' ? 'list' : v), zEnum(LIBRARY_ACTIONS)),
  work: zOptionalText(100, 'The work id'),
  title: zOptionalText(300, 'The title'),
  author: zOptionalText(600, 'The author'),
  year: zOptionalText(10, 'The year'),
  attachment: attachment.optional(),
  hide: zBool.optional(),
});
type LibraryArgs = z.infer<typeof args>;

export type LibraryContext = CommandContext & { library?: LibraryService };

function overridesOf(a: LibraryArgs): MetaOverrides {
  return {
    ...(a.title ? { title: a.title } : {}),
    // Several authors are separated by semicolons: "Ivanova, Vera; Petrov, Ivan".
    ...(a.author ? { authors: a.author.split(';').map((s) => s.trim()).filter(Boolean) } : {}),
    ...(a.year ? { year: a.year } : {}),
  };
}

function describe(e: LibraryEntry): string {
  const m = e.meta;
  const pages = e.source.pages ? `, ${e.source.pages} pages` : '';
  return [
    `${authorLine(m)}${m.date ? ` (${m.date.value})` : ''} — ${m.type.replace('-', ' ')}`,
    `id: ${m.id}; from ${e.source.format.toUpperCase()} "${e.source.name}"${pages}`,
    // Who added it is kept in the library's record; a reply names nobody (it would ping them).
    `added ${e.addedAt.slice(0, 10)}`,
  ].join('\n');
}

async function fileBytes(a: LibraryAttachment, maxMb: number): Promise<Uint8Array> {
  // The size the platform reports is checked before anything is downloaded.
  if (a.size !== undefined && a.size > maxMb * 1024 * 1024) throw libraryErrors.tooLarge(a.size, maxMb);
  const bytes = a.bytes ?? (await a.fetch!());
  if (bytes.length > maxMb * 1024 * 1024) throw libraryErrors.tooLarge(bytes.length, maxMb);
  return bytes;
}

export const library = {
  data: {
    name: 'library',
    description: "This group's own texts: list them, or (organisers) add, edit or remove one",
    options: [
      { name: 'action', description: 'What to do (list by default)', type: 'string', choices: LIBRARY_ACTIONS.map((a) => ({ name: a, value: a })) },
      { name: 'work', description: 'Id of the work to edit or remove', type: 'string', autocomplete: 'work' },
      { name: 'title', description: 'Title (when adding or editing); taken from the file otherwise', type: 'string', maxLength: 300 },
      { name: 'author', description: 'Author(s), separated by semicolons; taken from the file otherwise', type: 'string', maxLength: 600 },
      { name: 'year', description: 'Year of publication, e.g. 1931', type: 'string', maxLength: 10 },
      hideOption,
    ],
    needs: {
      collection: { message: 'Group libraries belong to a group (a server, a room); here only the bundled texts are available, and {cmd}works lists them.' },
      permission: { name: 'manage', doing: 'add, edit or remove texts', when: [{ option: 'action', values: ['add', 'edit', 'remove'] }] },
      attachment: { usage: 'library add', when: [{ option: 'action', values: ['add'] }], form: ['title', 'author', 'year'] },
    },
  },
  args,
  examples: ['/library', '/library action:list'],
  async execute(a: LibraryArgs, ctx: LibraryContext) {
    const lib = ctx.library;
    const collection = ctx.scope.collection;
    const p = ctx.scope.platform.commandPrefix;
    if (!lib) throw new UserError('library.unavailable', `Group libraries are not enabled on this Lectern; the bundled texts are listed by ${p}works.`);
    if (collection === undefined) throw new Error('dispatch lets /library run only in a collection');
    const visibility = a.hide ? { hidden: true } : { visibility: ctx.scope.defaults.visibility };
    const max = ctx.config.LIBRARY_MAX_WORKS;

    if (a.action === 'list') {
      const entries = lib.list(collection);
      if (!entries.length) {
        return textReply('Library of this group', `This group has not added any texts yet. Organisers add one with ${p}library action:add and a PDF, EPUB, HTML, Markdown or plain-text file. The bundled texts are listed by ${p}works.`, visibility);
      }
      return fieldsReply('Library of this group', entries.map((e) => ({ name: e.meta.title, value: describe(e) })), {
        ...visibility,
        intro: `${entries.length} of at most ${max} works, searched together with the bundled texts (${p}works lists everything).`,
      });
    }

    const actor = actorOf(ctx.scope);

    if (a.action === 'repair') {
      const r = await lib.repair(collection, actor);
      const lines = [
        `The library was rebuilt from the ${r.works} file${r.works === 1 ? '' : 's'} this group added; ${r.recovered} kept the title, authors and year they had, the others took them from their files (correct them with ${p}library action:edit).`,
        r.dropped.length ? `Dropped because their file is gone: ${r.dropped.join('; ')}. Add them again to have them back.` : 'No work was lost.',
      ];
      return textReply('Library repaired', lines.join('\n\n'), visibility);
    }

    if (a.action === 'add') {
      if (!a.attachment) throw new Error('dispatch lets /library add run only with a file');
      const bytes = await fileBytes(a.attachment, ctx.config.LIBRARY_MAX_FILE_MB);
      const { entry, notices } = await lib.add(
        collection,
        { bytes, name: a.attachment.name, ...(a.attachment.contentType ? { contentType: a.attachment.contentType } : {}) },
        overridesOf(a),
        actor,
      );
      return fieldsReply(`Added: ${entry.meta.title}`, [{ name: entry.meta.title, value: describe(entry) }], {
        ...visibility,
        workId: entry.meta.id,
        intro: [`"${entry.meta.title}" is now searched in this group (and only here). Try ${p}quote with words from it, or ${p}quote work:${entry.meta.id}.`, ...notices].join(' '),
      });
    }

    if (!a.work) {
      throw new UserError('library.work-missing', `Give the id of the work to ${a.action}, as in ${p}library action:${a.action} work:<id>; ${p}library lists the ids.`);
    }
    if (a.action === 'edit') {
      const overrides = overridesOf(a);
      if (!Object.keys(overrides).length) throw new UserError('library.nothing-to-edit', `Give a new title, author or year to change, as in ${p}library action:edit work:<id> year:1931.`);
      const entry = await lib.edit(collection, a.work, overrides, actor);
      return fieldsReply(`Updated: ${entry.meta.title}`, [{ name: entry.meta.title, value: describe(entry) }], { ...visibility, workId: entry.meta.id });
    }
    const removed = await lib.remove(collection, a.work, actor);
    return textReply('Removed from the library', `"${removed.meta.title}" (${removed.meta.id}) is no longer in this group's library; its passages are no longer searched or cited here.`, visibility);
  },
} satisfies Command<LibraryArgs, LibraryContext>;
