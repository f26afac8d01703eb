/**
 * Length budgets: the same builders serve every platform, which passes in its own limits.
 * Numbers come from the platforms' documentation; the names say which limit each one is.
 */
export interface Budget {
  /** Longest text of one section body (Discord embed description: 4,096). */
  maxBody: number;
  /** Longest single field/column value (Discord embed field: 1,024). */
  maxField: number;
  /** Longest field name / column label (Discord: 256). */
  maxFieldName: number;
  /** Longest title (Discord embed title: 256). */
  maxTitle: number;
  /** Most fields in one page (Discord: 25). */
  maxFields: number;
  /** Most characters in one page all told (Discord: 6,000 across embeds). */
  maxTotal: number;
  /** Most sections in one page (Discord: 10 embeds per message); undefined: no limit. */
  maxSections?: number;
  /** Terminal width for side-by-side columns; undefined on chat platforms. */
  width?: number;
}

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
/** Matrix's hard limit is 65,536 bytes for the whole event; leave room for the envelope. */
export const MATRIX_EVENT_BYTES_LIMIT = 60_000;

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

/** Matrix counts bytes of the whole event (plain body + HTML); text is budgeted at a third of it. */
export const MATRIX_BUDGET: Budget = {
  maxBody: 16_000,
  maxField: 8_000,
  maxFieldName: 200,
  maxTitle: 300,
  maxFields: 50,
  maxTotal: 18_000,
};

export const consoleBudget = (width: number): Budget => ({
  maxBody: 4_000,
  maxField: 2_000,
  maxFieldName: 200,
  maxTitle: 300,
  maxFields: 50,
  maxTotal: 6_000,
  width,
});
