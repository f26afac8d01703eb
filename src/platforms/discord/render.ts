/**
 * One page of a Reply as a Discord message: one embed per section (the pager keeps to 10), the
 * reply's title on the first. A passage's embed holds its text with the footnotes after it, its
 * place and citation in a field, and a footer naming the work (footers show no links). A pair of
 * columns is two fields: inline, side by side, or stacked full width, since Discord's mobile apps
 * ignore inline fields. Mentions never ping: `allowed_mentions` parses nothing, on every message.
 */
import type { APIEmbed, APIEmbedField } from 'discord-api-types/v10';
import type { LayoutPreference } from '../../dispatch/types.ts';
import { DISCORD_EMBED_FIELD_NAME_LIMIT } from './limits.ts';
import type { ColumnsView, PassageView, Reply, Section } from '../../reply/model.ts';
import { truncate } from '../../reply/split.ts';
import { actionRows, type ActionRow, type ComponentIds } from './components.ts';
import { codeBlock, discordMarkdown, plainLabel, ZWSP } from './escape.ts';
import { DISCORD_EMBED_FOOTER_LIMIT, EPHEMERAL } from './limits.ts';

export interface DiscordMessage {
  content?: string;
  embeds: APIEmbed[];
  components: ActionRow[];
  allowed_mentions: { parse: [] };
  flags?: number;
  /** Files sent with the message (multipart); `attachments` names them in the JSON part. */
  attachments?: { id: number; filename: string; description?: string }[];
  files?: { name: string; data: Buffer; contentType: string }[];
}

/** A reply's files as Discord attachments on the message that answers. */
export function withFiles(message: DiscordMessage, files: readonly { name: string; mediaType: string; data: string }[] | undefined): DiscordMessage {
  if (!files?.length) return message;
  return {
    ...message,
    attachments: files.map((f, id) => ({ id, filename: f.name })),
    files: files.map((f) => ({ name: f.name, data: Buffer.from(f.data, 'utf8'), contentType: f.mediaType })),
  };
}

export interface RenderOptions extends ComponentIds {
  layout: LayoutPreference;
}

export const NO_MENTIONS = (): { parse: [] } => ({ parse: [] });

const ACCENT = 0x8b5e3c;
const ERROR = 0xd83c3e;
/** Discord refuses empty field values and names. */
const nonEmpty = (s: string) => (s.trim() === '' ? ZWSP : s);
/** Room left in a field name for the escapes its text may need. */
const NAME_ESCAPE_ROOM = 16;

const fieldName = (plain: string) => nonEmpty(discordMarkdown(truncate(plain, DISCORD_EMBED_FIELD_NAME_LIMIT - NAME_ESCAPE_ROOM)));
const footer = (text: string) => ({ text: truncate(plainLabel(text), DISCORD_EMBED_FOOTER_LIMIT) });
const workFooter = (w: { title: string; author?: string }) => footer(w.author ? `${w.title} — ${w.author}` : w.title);

function passageEmbed(p: PassageView): APIEmbed {
  const notes = p.footnotes.map((f) => `**${discordMarkdown(f.marker)}** ${discordMarkdown(f.text)}`);
  const body = [discordMarkdown(p.text), notes.join('\n')].filter((s) => s.trim() !== '').join('\n\n');
  const where = [p.locatorLabel, p.id].filter(Boolean).join(' · ');
  const embed: APIEmbed = { fields: [{ name: fieldName(where || 'Citation'), value: nonEmpty(discordMarkdown(p.citation)) }], footer: workFooter(p.work) };
  if (body) embed.description = body;
  return embed;
}

function columnsEmbed(c: ColumnsView, layout: LayoutPreference): APIEmbed {
  const inline = layout === 'side-by-side';
  const side = (s: ColumnsView['original']): APIEmbedField => ({
    name: fieldName([s.label, s.locatorLabel].filter(Boolean).join(' · ')),
    value: nonEmpty(discordMarkdown(s.text)),
    inline,
  });
  const embed: APIEmbed = { fields: [side(c.original), side(c.translation)], footer: workFooter(c.work) };
  if (c.note.trim()) embed.description = discordMarkdown(c.note);
  return embed;
}

function sectionEmbed(section: Section, layout: LayoutPreference): APIEmbed {
  switch (section.kind) {
    case 'text':
      return { description: nonEmpty(discordMarkdown(section.text)) };
    case 'passage':
      return passageEmbed(section.passage);
    case 'columns':
      return columnsEmbed(section.columns, layout);
    case 'fields':
      return { fields: section.fields.map((f) => ({ name: nonEmpty(discordMarkdown(f.name)), value: nonEmpty(discordMarkdown(f.value)) })) };
    case 'code':
      return { description: codeBlock(section.lang === 'text' ? '' : section.lang, section.text) };
  }
}

/** A page (as `paginate` made it) as a message; visibility becomes the ephemeral flag. */
export function renderMessage(page: Reply, opts: RenderOptions): DiscordMessage {
  const embeds = page.sections.map((s) => sectionEmbed(s, opts.layout));
  const first = embeds[0] ?? {};
  if (!embeds.length) embeds.push(first);
  first.title = discordMarkdown(page.title);
  for (const e of embeds) e.color = page.error ? ERROR : ACCENT;
  const hidden = page.visibility === 'hidden';
  const message: DiscordMessage = {
    embeds,
    components: page.error ? [] : actionRows(page.actions, opts, { hidden }),
    allowed_mentions: NO_MENTIONS(),
  };
  if (hidden) message.flags = EPHEMERAL;
  return message;
}

/** A short notice (rate limit, stale button, settings) in the same shape as every other message. */
export function noticeMessage(title: string, text: string, opts: { hidden?: boolean; error?: boolean } = {}): DiscordMessage {
  const message: DiscordMessage = {
    embeds: [{ title: discordMarkdown(title), description: discordMarkdown(text), color: opts.error ? ERROR : ACCENT }],
    components: [],
    allowed_mentions: NO_MENTIONS(),
  };
  if (opts.hidden !== false) message.flags = EPHEMERAL;
  return message;
}
