/**
 * What Lectern remembers of a thread, as zod schemas: the record validates the state file on load.
 * The notes log holds only what Lectern itself posted (ids, citations, translations shown), who
 * asked by display name, and when; never a person's own message.
 */
import { z } from 'zod';

export const LastCitation = z.object({ workId: z.string(), entryId: z.string().optional(), text: z.string() }).strict();
export type LastCitation = z.infer<typeof LastCitation>;

export const NoteEntry = z
  .object({
    at: z.number(),
    /** Display name of whoever asked; never an id or a mention. */
    by: z.string().max(100),
    command: z.string().max(40),
    passages: z.array(z.object({ id: z.string(), workId: z.string() }).strict()).max(25).default([]),
    citations: z.array(LastCitation).max(25).default([]),
    translations: z.array(z.object({ pairId: z.string(), workId: z.string(), original: z.array(z.string()), translation: z.array(z.string()) }).strict()).max(25).default([]),
  })
  .strict();
export type NoteEntry = z.infer<typeof NoteEntry>;

export const ThreadRecord = z
  .object({
    platform: z.string(),
    scope: z.string(),
    thread: z.string(),
    /** The passage a discussion was opened on, and the thread's title. */
    passage: z.string().optional(),
    title: z.string().optional(),
    /** The work under discussion: commands there default to it. */
    workId: z.string().optional(),
    /** What Ibid. refers to there. */
    lastCitation: LastCitation.optional(),
    updatedAt: z.number(),
    notes: z.array(NoteEntry).default([]),
  })
  .strict();
export type ThreadRecord = z.infer<typeof ThreadRecord>;

export const CONVERSATIONS_FORMAT = 'lectern.conversations';
export const ConversationsFile = z
  .object({
    format: z.literal(CONVERSATIONS_FORMAT),
    version: z.literal(1),
    threads: z.record(z.string(), ThreadRecord),
  })
  .strict();
export type ConversationsFile = z.infer<typeof ConversationsFile>;
