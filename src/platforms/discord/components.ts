/**
 * A page's actions as message components: page and results navigation first, then one select for
 * citing (every cite action's styles in one menu, since a select takes a whole row), then the
 * other buttons, five to a row, within Discord's five rows. Pure: custom ids come from `idFor`.
 */
import { FORMAT_LABELS } from '../../cite/ids.ts';
import type { APIActionRowComponent, APIButtonComponentWithCustomId, APIComponentInMessageActionRow, APIStringSelectComponent } from 'discord-api-types/v10';
import type { Action } from '../../reply/model.ts';
import { isPagerAction } from '../../reply/paginate.ts';
import { truncate } from '../../reply/split.ts';
import { plainLabel } from './escape.ts';
import {
  DISCORD_ACTION_ROWS_LIMIT,
  DISCORD_BUTTON_LABEL_LIMIT,
  DISCORD_BUTTONS_PER_ROW_LIMIT,
  DISCORD_SELECT_OPTION_LABEL_LIMIT,
  DISCORD_SELECT_OPTION_VALUE_LIMIT,
  DISCORD_SELECT_OPTIONS_LIMIT,
} from './limits.ts';

export type ActionRow = APIActionRowComponent<APIComponentInMessageActionRow>;

export interface ComponentIds {
  /** The custom id of an action's button; undefined leaves the button out. */
  idFor(action: Action): string | undefined;
  /** The custom id of the cite select; undefined leaves it out. */
  citeSelectId(): string | undefined;
}

/** Wire values of discord-api-types' ComponentType / ButtonStyle, kept literal so this module stays pure data. */
const ACTION_ROW = 1;
const BUTTON = 2;
const STRING_SELECT = 3;
const PRIMARY = 1;
const SECONDARY = 2;

/** A cite select option's value: the passage and the style, which the handler validates before use. */
export const CITE_VALUE_SEPARATOR = '|';

const STYLE_NAMES: Record<string, string> = FORMAT_LABELS;

const label = (text: string) => truncate(plainLabel(text), DISCORD_BUTTON_LABEL_LIMIT) || '…';

const isNavigation = (a: Action) => a.kind === 'next' || a.kind === 'previous';

function button(action: Action, customId: string): APIButtonComponentWithCustomId {
  const nav = isNavigation(action);
  const text = isPagerAction(action) ? (action.kind === 'previous' ? `◀ ${action.label}` : `${action.label} ▶`) : action.label;
  return { type: BUTTON, style: nav ? PRIMARY : SECONDARY, label: label(text), custom_id: customId } as APIButtonComponentWithCustomId;
}

function citeSelect(actions: Action[], customId: string): APIStringSelectComponent | undefined {
  const many = actions.length > 1;
  const options = actions
    .flatMap((a) =>
      (a.options ?? []).map((style) => ({
        label: truncate(plainLabel(many ? `${a.label}: ${STYLE_NAMES[style] ?? style}` : (STYLE_NAMES[style] ?? style)), DISCORD_SELECT_OPTION_LABEL_LIMIT),
        value: `${a.target}${CITE_VALUE_SEPARATOR}${style}`,
      })),
    )
    .filter((o) => o.value.length <= DISCORD_SELECT_OPTION_VALUE_LIMIT && o.label)
    .slice(0, DISCORD_SELECT_OPTIONS_LIMIT);
  if (!options.length) return undefined;
  return { type: STRING_SELECT, custom_id: customId, placeholder: many ? 'Cite a passage in a style…' : 'Cite in a style…', min_values: 1, max_values: 1, options } as APIStringSelectComponent;
}

function rowsOf(items: APIComponentInMessageActionRow[], perRow: number): ActionRow[] {
  const rows: ActionRow[] = [];
  for (let i = 0; i < items.length; i += perRow) rows.push({ type: ACTION_ROW, components: items.slice(i, i + perRow) } as ActionRow);
  return rows;
}

export function actionRows(actions: readonly Action[], ids: ComponentIds, opts: { hidden: boolean }): ActionRow[] {
  const seen = new Set<string>();
  const buttonFor = (a: Action): APIButtonComponentWithCustomId[] => {
    const id = ids.idFor(a);
    // Discord refuses a message whose components share a custom id.
    if (id === undefined || seen.has(id)) return [];
    seen.add(id);
    return [button(a, id)];
  };
  const navigation = [...actions.filter((a) => isNavigation(a) && a.kind === 'previous'), ...actions.filter((a) => isNavigation(a) && a.kind === 'next')].flatMap(buttonFor);
  const cites = actions.filter((a) => a.kind === 'cite');
  const selectId = cites.length ? ids.citeSelectId() : undefined;
  const select = selectId ? citeSelect(cites, selectId) : undefined;
  // A thread cannot be opened on a message only one person sees.
  const others = actions
    .filter((a) => (a.kind === 'translation' || a.kind === 'context' || a.kind === 'discuss' || a.kind === 'bibliography' || a.kind === 'notes') && !(opts.hidden && a.kind === 'discuss'))
    .flatMap(buttonFor);

  const rows: ActionRow[] = [...rowsOf(navigation, DISCORD_BUTTONS_PER_ROW_LIMIT)];
  if (select) rows.push({ type: ACTION_ROW, components: [select] } as ActionRow);
  rows.push(...rowsOf(others, DISCORD_BUTTONS_PER_ROW_LIMIT));
  return rows.slice(0, DISCORD_ACTION_ROWS_LIMIT);
}
