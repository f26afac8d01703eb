/**
 * The modal a command's file brings up: when a command declares a `form` for its attachment
 * (/library add: title, author, year) and the file comes without any of those options, Discord
 * asks for them first, one text input per option (left empty: taken from the file). The file and
 * the other options wait here until the form is submitted.
 */
import { InteractionResponseType } from 'discord-api-types/v10';
import type { CommandDefinition, Scope } from '../../dispatch/types.ts';
import { truncate } from '../../reply/split.ts';
import { RecentStore, type RecentShared } from '../../conversation/recent-answers.ts';

/** A command waiting for its form. */
export interface PendingForm {
  command: string;
  args: Record<string, unknown>;
  scope: Scope;
  ownerId: string;
}

const PENDING_FORMS = 200;
const PENDING_FORM_TTL_MS = 15 * 60 * 1000;
/** Discord's limits on a modal and its text inputs. */
const MODAL_TITLE_LIMIT = 45;
const TEXT_INPUT_LABEL_LIMIT = 45;
const TEXT_INPUT_VALUE_LIMIT = 4000;

export const pendingForms = (shared?: RecentShared<PendingForm>) => new RecentStore<PendingForm>(PENDING_FORMS, PENDING_FORM_TTL_MS, shared);

const given = (v: unknown) => v !== undefined && v !== null && v !== '';

/** The options the command's form asks for, when a file came and none of them did; empty otherwise. */
export function formFor(def: CommandDefinition | undefined, args: Record<string, unknown>): CommandDefinition['options'] & {} {
  const need = def?.needs?.attachment;
  if (!def || !need?.form?.length || !given(args.attachment)) return [];
  if (need.when && !need.when.some((w) => given(args[w.option]) && (!w.values || w.values.includes(String(args[w.option]))))) return [];
  if (need.form.some((name) => given(args[name]))) return [];
  return need.form.map((name) => def.options?.find((o) => o.name === name)).filter((o) => o !== undefined);
}

/** A file name as a title to start from: "the_grain-question.pdf" → "the grain question". */
const titleGuess = (name: string) => name.replace(/\.[A-Za-z0-9]{1,5}$/u, '').replace(/[_-]+/gu, ' ').trim();

/** The modal response: one text input per option, the first filled with a guess from the file's name. */
export function formModal(customId: string, command: string, options: ReturnType<typeof formFor>, fileName: string) {
  const guess = titleGuess(fileName);
  const input = (o: (typeof options)[number], i: number) => {
    const max = Math.min(o.maxLength ?? TEXT_INPUT_VALUE_LIMIT, TEXT_INPUT_VALUE_LIMIT);
    return {
      type: 1,
      components: [
        {
          type: 4,
          custom_id: o.name,
          label: truncate(o.description, TEXT_INPUT_LABEL_LIMIT),
          style: 1,
          required: false,
          max_length: max,
          placeholder: 'Empty: what the file gives',
          ...(i === 0 && guess ? { value: truncate(guess, max) } : {}),
        },
      ],
    };
  };
  return {
    type: InteractionResponseType.Modal,
    data: { custom_id: customId, title: truncate(`/${command}: “${guess || 'a file'}”`, MODAL_TITLE_LIMIT), components: options.map(input) },
  };
}

/** The non-empty values typed into a submitted modal, by option name. */
export function formValues(rows: readonly unknown[]): Record<string, string> {
  const values: Record<string, string> = {};
  for (const row of rows) {
    const components = typeof row === 'object' && row !== null && 'components' in row ? (row.components as { custom_id?: string; value?: string }[]) : [];
    for (const c of components) {
      if (c.custom_id && typeof c.value === 'string' && c.value.trim()) values[c.custom_id] = c.value.trim();
    }
  }
  return values;
}
