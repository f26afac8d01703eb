/**
 * Discord's limits: messages and embeds (and the reply budget built on them), components, custom
 * ids, footers, thread names, autocomplete. Numbers from the Discord API documentation.
 */
import type { Budget } from '../../reply/budget.ts';

export const DISCORD_EMBED_TITLE_LIMIT = 256;
export const DISCORD_EMBED_DESCRIPTION_LIMIT = 4096;
export const DISCORD_EMBED_FIELD_VALUE_LIMIT = 1024;
export const DISCORD_EMBED_FIELD_NAME_LIMIT = 256;
export const DISCORD_EMBED_FIELDS_LIMIT = 25;
export const DISCORD_EMBED_TOTAL_LIMIT = 6000;
export const DISCORD_EMBEDS_LIMIT = 10;
export const DISCORD_CONTENT_LIMIT = 2000;
export const DISCORD_CHOICES_LIMIT = 25;
export const DISCORD_CHOICE_NAME_LIMIT = 100;
export const DISCORD_BUDGET: Budget = {
  maxBody: DISCORD_EMBED_DESCRIPTION_LIMIT,
  maxField: DISCORD_EMBED_FIELD_VALUE_LIMIT,
  maxFieldName: DISCORD_EMBED_FIELD_NAME_LIMIT,
  maxTitle: DISCORD_EMBED_TITLE_LIMIT,
  maxFields: DISCORD_EMBED_FIELDS_LIMIT,
  maxSections: DISCORD_EMBEDS_LIMIT,
  // Leave room for footers and "part i of n" the renderer adds.
  maxTotal: DISCORD_EMBED_TOTAL_LIMIT - 200,
};

export const DISCORD_ACTION_ROWS_LIMIT = 5;
export const DISCORD_BUTTONS_PER_ROW_LIMIT = 5;
export const DISCORD_BUTTON_LABEL_LIMIT = 80;
export const DISCORD_SELECT_OPTIONS_LIMIT = 25;
export const DISCORD_SELECT_OPTION_LABEL_LIMIT = 100;
export const DISCORD_SELECT_OPTION_VALUE_LIMIT = 100;
export const DISCORD_CUSTOM_ID_LIMIT = 100;
export const DISCORD_EMBED_FOOTER_LIMIT = 2048;
export const DISCORD_THREAD_NAME_LIMIT = 100;
/** A choice's value, like its name, is at most 100 characters. */
export const DISCORD_CHOICE_VALUE_LIMIT = 100;

/** Interactions must be answered within 3 s; answers not ready after this are deferred. */
export const DEFER_AFTER_MS = 2_000;
/** Autocomplete cannot be deferred: past this, the answer is an empty list. */
export const AUTOCOMPLETE_TIMEOUT_MS = 2_500;
/** Discord's advice: reject requests whose timestamp is further than this from now (replays). */
export const SIGNATURE_MAX_AGE_SECONDS = 5 * 60;

/** Message flags and permission bits used here (discord-api-types names them too; these are the wire values). */
export const EPHEMERAL = 1 << 6;
export const PERMISSION_ADMINISTRATOR = 1n << 3n;
export const PERMISSION_MANAGE_GUILD = 1n << 5n;
export const PERMISSION_SEND_MESSAGES_IN_THREADS = 1n << 38n;
export const PERMISSION_CREATE_PUBLIC_THREADS = 1n << 35n;
