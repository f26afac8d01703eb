/**
 * Discord's limits that the reply budget (src/reply/budget.ts) does not already name: components,
 * custom ids, footers, thread names. Numbers from the Discord API documentation.
 */
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
