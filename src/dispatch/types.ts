/**
 * What a command is: its definition as plain data (validated with zod, so the slash-command deploy
 * script, the console and the tests all see the same thing), a zod schema for its arguments, and
 * `execute`, which returns a neutral Reply. Nothing here knows about any chat platform.
 */
import { z } from 'zod';
import type { Reply, Visibility } from '../reply/model.ts';
import type { StyleId } from '../cite/ids.ts';
import type { PlatformProfile } from './platform.ts';

export const OPTION_NAME = /^[a-z0-9_-]{1,32}$/;

export const CommandOption = z
  .object({
    name: z.string().regex(OPTION_NAME),
    description: z.string().min(1).max(100),
    type: z.enum(['string', 'integer', 'boolean']),
    required: z.boolean().default(false),
    choices: z
      .array(z.object({ name: z.string().min(1).max(100), value: z.union([z.string().max(100), z.number()]) }))
      .max(25)
      .optional(),
    /** What autocomplete offers for this option, when it offers anything. */
    autocomplete: z.enum(['work', 'passage', 'query', 'style']).optional(),
    minValue: z.number().optional(),
    maxValue: z.number().optional(),
    maxLength: z.number().int().positive().max(6000).optional(),
    /** Only on the operator's own doors, where files are local (a path to write to): chat platforms never offer it. */
    local: z.boolean().optional(),
  })
  .strict()
  .refine((o) => !(o.choices && o.autocomplete), 'an option cannot have both choices and autocomplete');
export type CommandOption = z.input<typeof CommandOption>;

/** A need applies always, or when one of these holds: the option is given (with one of `values`, when listed). */
const When = z.array(z.object({ option: z.string().regex(OPTION_NAME), values: z.array(z.string()).optional() }).strict()).min(1);

/**
 * What a command needs of where it is asked, as data; dispatch checks it before `execute` and
 * refuses in the platform's own words (`PlatformProfile`). Error identifiers are stable:
 * `<command>.not-allowed`, `<command>.no-file`, `<command>.no-collection` unless `error` names one.
 */
export const CommandNeeds = z
  .object({
    /** A permission of the asker: the group's organisers. `doing` completes "Only … may ___". */
    permission: z.object({ name: z.enum(['manage']), doing: z.string(), when: When.optional(), error: z.string().optional() }).strict().optional(),
    /** A file given with the command (`usage`: the command as typed with it, "library add"); `form` lists the options a platform may ask for in a form when the file comes alone. */
    attachment: z
      .object({ usage: z.string(), when: When.optional(), form: z.array(z.string().regex(OPTION_NAME)).max(5).optional(), error: z.string().optional() })
      .strict()
      .optional(),
    /** A group (a server, a room): the command works on the group's own collection. */
    collection: z.object({ when: When.optional(), message: z.string(), error: z.string().optional() }).strict().optional(),
    /** The discussion the command is asked in: its work and last citation (Ibid.). Without it, the scope's thread is not passed. */
    thread: z.boolean().optional(),
  })
  .strict();
export type CommandNeeds = z.input<typeof CommandNeeds>;

export const CommandDefinition = z
  .object({
    name: z.string().regex(OPTION_NAME),
    description: z.string().min(1).max(100),
    options: z.array(CommandOption).max(25).default([]),
    /** Who may use it where platforms can say so up front (some hide it from other members). */
    requires: z.enum(['manage']).optional(),
    needs: CommandNeeds.optional(),
  })
  .strict()
  .refine(
    (d) => {
      const opts = d.options;
      const firstOptional = opts.findIndex((o) => !o.required);
      return firstOptional === -1 || opts.slice(firstOptional).every((o) => !o.required);
    },
    { message: 'required options must come before optional ones (a slash-command rule)' },
  );
export type CommandDefinition = z.input<typeof CommandDefinition>;

export const LAYOUTS = ['side-by-side', 'stacked'] as const;
export type LayoutPreference = (typeof LAYOUTS)[number];
export type CitationStyleId = StyleId;

/** Where a command was asked, and the defaults that apply there. */
export interface Scope {
  /** The door the command came through: its limits, capabilities and wording. */
  platform: PlatformProfile;
  /** The group's collection (a server, a room or room group); undefined: the bundled corpus only. */
  collection?: string;
  userId?: string;
  /** How the asker is shown (a display name, never a mention): the thread's notes say who asked. */
  userName?: string;
  /** Holds the group's organiser permission, as the platform judges it; undefined: only an operator's door does. */
  canManage?: boolean;
  /** Set inside a discussion thread: commands default to its work, and Ibid. resolves against its last citation. */
  thread?: { key?: string; workId?: string; lastCitation?: { workId: string; entryId?: string; text: string } };
  defaults: { style: CitationStyleId; layout: LayoutPreference; visibility: Visibility };
}

export interface Command<Args = Record<string, unknown>, Ctx = unknown> {
  data: CommandDefinition;
  args: z.ZodType<Args>;
  /** Examples that work on the bundled corpus; /help shows them and the tests run them. */
  examples: string[];
  execute(args: Args, ctx: Ctx): Promise<Reply>;
}
