/**
 * A reply cut into Discord messages that each keep every limit, through the conversation module's
 * one shrink-and-retry pager: each page is checked as it will be sent (escapes, footers, markers
 * count), and the last resort shortens whatever is still over, so nothing Discord would refuse is
 * ever sent.
 */
import type { APIEmbed } from 'discord-api-types/v10';
import {
  DISCORD_BUDGET,
  DISCORD_CONTENT_LIMIT,
  DISCORD_EMBED_DESCRIPTION_LIMIT,
  DISCORD_EMBED_FIELD_NAME_LIMIT,
  DISCORD_EMBED_FIELD_VALUE_LIMIT,
  DISCORD_EMBED_FIELDS_LIMIT,
  DISCORD_EMBED_TITLE_LIMIT,
  DISCORD_EMBED_TOTAL_LIMIT,
  DISCORD_EMBEDS_LIMIT,
} from './limits.ts';
import type { Budget } from '../../reply/budget.ts';
import type { Reply } from '../../reply/model.ts';
import { fitPages } from '../../conversation/pager.ts';
import { ELLIPSIS } from '../../reply/split.ts';
import {
  DISCORD_ACTION_ROWS_LIMIT,
  DISCORD_BUTTON_LABEL_LIMIT,
  DISCORD_BUTTONS_PER_ROW_LIMIT,
  DISCORD_CUSTOM_ID_LIMIT,
  DISCORD_EMBED_FOOTER_LIMIT,
  DISCORD_SELECT_OPTIONS_LIMIT,
} from './limits.ts';
import { renderMessage, type DiscordMessage, type RenderOptions } from './render.ts';

/** What counts against the 6,000 characters of a message's embeds. */
export function embedSize(e: APIEmbed): number {
  return (
    (e.title?.length ?? 0) +
    (e.description?.length ?? 0) +
    (e.footer?.text.length ?? 0) +
    (e.author?.name.length ?? 0) +
    (e.fields ?? []).reduce((n, f) => n + f.name.length + f.value.length, 0)
  );
}

/** Every way a message breaks Discord's limits, in words; empty when Discord would take it. */
export function messageViolations(m: DiscordMessage): string[] {
  const out: string[] = [];
  const check = (what: string, length: number, limit: number) => {
    if (length > limit) out.push(`${what} is ${length}, over ${limit}`);
  };
  check('content', m.content?.length ?? 0, DISCORD_CONTENT_LIMIT);
  check('embeds', m.embeds.length, DISCORD_EMBEDS_LIMIT);
  m.embeds.forEach((e, i) => {
    check(`embed ${i + 1} title`, e.title?.length ?? 0, DISCORD_EMBED_TITLE_LIMIT);
    check(`embed ${i + 1} description`, e.description?.length ?? 0, DISCORD_EMBED_DESCRIPTION_LIMIT);
    check(`embed ${i + 1} footer`, e.footer?.text.length ?? 0, DISCORD_EMBED_FOOTER_LIMIT);
    check(`embed ${i + 1} fields`, e.fields?.length ?? 0, DISCORD_EMBED_FIELDS_LIMIT);
    e.fields?.forEach((f, k) => {
      check(`embed ${i + 1} field ${k + 1} name`, f.name.length, DISCORD_EMBED_FIELD_NAME_LIMIT);
      check(`embed ${i + 1} field ${k + 1} value`, f.value.length, DISCORD_EMBED_FIELD_VALUE_LIMIT);
      if (!f.name || !f.value) out.push(`embed ${i + 1} field ${k + 1} is empty`);
    });
  });
  check('embeds total', m.embeds.reduce((n, e) => n + embedSize(e), 0), DISCORD_EMBED_TOTAL_LIMIT);
  check('action rows', m.components.length, DISCORD_ACTION_ROWS_LIMIT);
  m.components.forEach((row, r) => {
    check(`row ${r + 1} components`, row.components.length, DISCORD_BUTTONS_PER_ROW_LIMIT);
    for (const c of row.components) {
      if ('custom_id' in c) check(`row ${r + 1} custom id`, c.custom_id.length, DISCORD_CUSTOM_ID_LIMIT);
      if ('label' in c && c.label !== undefined) check(`row ${r + 1} label`, c.label.length, DISCORD_BUTTON_LABEL_LIMIT);
      if ('options' in c) check(`row ${r + 1} select options`, c.options.length, DISCORD_SELECT_OPTIONS_LIMIT);
    }
  });
  return out;
}

/** Discord says only that a message is over, not by how much: each retry pages on 85 % of the last budget. */
const SHRINK = 0.85;
const MIN_TEXT = 300;

/** Cuts markdown to a limit without leaving a dangling escape or an open code fence. */
export function clampMarkdown(text: string, limit: number): string {
  if (text.length <= limit) return text;
  const fenced = text.startsWith('```');
  const close = fenced ? '\n```' : '';
  let cut = text.slice(0, Math.max(0, limit - ELLIPSIS.length - close.length));
  if (/(?:^|[^\\])(?:\\\\)*\\$/u.test(cut)) cut = cut.slice(0, -1);
  return `${cut}${ELLIPSIS}${close}`;
}

function clampEmbed(e: APIEmbed, room: number): APIEmbed {
  const out: APIEmbed = { ...e };
  if (out.title) out.title = clampMarkdown(out.title, DISCORD_EMBED_TITLE_LIMIT);
  if (out.fields) {
    out.fields = out.fields.slice(0, DISCORD_EMBED_FIELDS_LIMIT).map((f) => ({
      ...f,
      name: clampMarkdown(f.name, DISCORD_EMBED_FIELD_NAME_LIMIT),
      value: clampMarkdown(f.value, DISCORD_EMBED_FIELD_VALUE_LIMIT),
    }));
  }
  if (out.description) {
    const others = embedSize({ ...out, description: '' });
    out.description = clampMarkdown(out.description, Math.max(ELLIPSIS.length, Math.min(DISCORD_EMBED_DESCRIPTION_LIMIT, room - others)));
  }
  return out;
}

/** The last resort: each part within its limit, the descriptions within what is left of the total. */
export function clampMessage(m: DiscordMessage): DiscordMessage {
  const embeds = m.embeds.slice(0, DISCORD_EMBEDS_LIMIT);
  let room = DISCORD_EMBED_TOTAL_LIMIT;
  const clamped = embeds.map((e) => {
    const c = clampEmbed(e, room);
    room -= embedSize(c);
    return c;
  });
  // Still over: drop trailing embeds (only ever reached with absurd titles and labels).
  while (clamped.length > 1 && clamped.reduce((n, e) => n + embedSize(e), 0) > DISCORD_EMBED_TOTAL_LIMIT) clamped.pop();
  return { ...m, embeds: clamped };
}

export function discordPages(reply: Reply, opts: RenderOptions, budget: Budget = DISCORD_BUDGET): DiscordMessage[] {
  return fitPages(reply, budget, {
    render: (page) => renderMessage(page, opts),
    excess: (m) => (messageViolations(m).length ? 1 / SHRINK : 1),
    fallback: clampMessage,
    minText: MIN_TEXT,
    factor: () => SHRINK,
  });
}
