/**
 * What a command is: its definition as plain data (validated with zod, so the Discord deploy
 * script, the console and the tests all see the same thing), a zod schema for its arguments, and
 * `execute`, which returns a neutral Reply. Nothing here knows about any chat platform.
 */
import { z } from 'zod';
import type { Reply, Visibility } from '../reply/model.ts';
import type { StyleId } from '../cite/ids.ts';

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
  })
  .strict()
  .refine((o) => !(o.choices && o.autocomplete), 'an option cannot have both choices and autocomplete');
export type CommandOption = z.input<typeof CommandOption>;

export const CommandDefinition = z
  .object({
    name: z.string().regex(OPTION_NAME),
    description: z.string().min(1).max(100),
    options: z.array(CommandOption).max(25).default([]),
    /** Who may use it where platforms can say so up front (Discord hides it from other members). */
    requires: z.enum(['manage']).optional(),
  })
  .strict()
  .refine(
    (d) => {
      const opts = d.options;
      const firstOptional = opts.findIndex((o) => !o.required);
      return firstOptional === -1 || opts.slice(firstOptional).every((o) => !o.required);
    },
    { message: 'required options must come before optional ones (a Discord rule)' },
  );
export type CommandDefinition = z.input<typeof CommandDefinition>;

export const LAYOUTS = ['side-by-side', 'stacked'] as const;
export type LayoutPreference = (typeof LAYOUTS)[number];
export type CitationStyleId = StyleId;

/** Where a command was asked, and the defaults that apply there. */
export interface Scope {
  platform: 'console' | 'cli' | 'discord' | 'matrix';
  /** The group's collection (a Discord guild, a Matrix room or room group); undefined: the bundled corpus only. */
  collection?: string;
  userId?: string;
  /** May change the collection's library: Discord Manage Server, Matrix power ≥ MATRIX_LIBRARY_POWER_LEVEL (set by the platform). */
  canManage?: boolean;
  /** Set inside a discussion thread: commands default to its work, and Ibid. resolves against its last citation. */
  thread?: { workId?: string; lastCitation?: { workId: string; entryId?: string; text: string } };
  defaults: { style: CitationStyleId; layout: LayoutPreference; visibility: Visibility };
}

export interface Command<Args = Record<string, unknown>, Ctx = unknown> {
  data: CommandDefinition;
  args: z.ZodType<Args>;
  /** Examples that work on the bundled corpus; /help shows them and the tests run them. */
  examples: string[];
  execute(args: Args, ctx: Ctx): Promise<Reply>;
}
