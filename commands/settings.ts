/**
 * /settings: a group's defaults — citation style, whether answers are public, how translations
 * are laid out. Anyone may look; only the group's organisers (as each platform judges them) may
 * change them, as the command's needs declare and dispatch enforces.
 */
import { z } from 'zod';
import type { CommandContext } from '../src/services.ts';
import type { Command } from '../src/dispatch/types.ts';
import { UserError } from '../src/errors.ts';
import { fieldsReply } from '../src/reply/builders.ts';
import type { GroupSettings } from '../src/settings/group-settings.ts';
import { STYLE_IDS, styleChoices, zEnum } from './options.ts';

import { LAYOUTS } from '../src/dispatch/types.ts';
import { VISIBILITIES } from '../src/reply/model.ts';

const optional = <T extends readonly [string, ...string[]]>(values: T) => z.preprocess((v) => (v === '' || v === null ? undefined : v), zEnum(values).optional());

/** Giving any of these changes a setting; with none, /settings shows them. */
const CHANGES = [{ option: 'style' }, { option: 'visibility' }, { option: 'layout' }];

const args = z.object({ style: optional(STYLE_IDS), visibility: optional(VISIBILITIES), layout: optional(LAYOUTS) });
type SettingsArgs = z.infer<typeof args>;

function describe(s: GroupSettings, ctx: CommandContext): { name: string; value: string }[] {
  const style = s.style ?? ctx.config.LECTERN_DEFAULT_STYLE;
  const layout = s.layout ?? ctx.config.LECTERN_DEFAULT_LAYOUT;
  const visibility = s.visibility ?? 'public';
  return [
    { name: 'Citation style', value: `${style}${s.style ? '' : ' (Lectern default)'}` },
    { name: 'Answers', value: visibility === 'hidden' ? 'hidden: only whoever asked sees them' : 'public: everyone in the channel sees them (hide:true hides one)' },
    {
      name: 'Translations',
      value: layout === 'side-by-side' ? 'side by side (narrow screens may show them stacked anyway)' : 'stacked: the original, then the translation, full width',
    },
  ];
}

export const settings = {
  data: {
    name: 'settings',
    description: "This group's defaults: citation style, who sees answers, translation layout",
    requires: 'manage',
    needs: {
      collection: {
        message: 'Settings belong to a server or a room: use {cmd}settings in a server channel or a room.',
        error: 'settings.guild-only',
        when: CHANGES,
      },
      permission: { name: 'manage', doing: 'change these settings ({cmd}settings with no options shows them)', error: 'settings.forbidden', when: CHANGES },
    },
    options: [
      { name: 'style', description: 'Default citation style', type: 'string', choices: styleChoices },
      {
        name: 'visibility',
        description: 'Whether answers are public or only seen by whoever asked',
        type: 'string',
        choices: [
          { name: 'Public', value: 'public' },
          { name: 'Hidden (only whoever asked)', value: 'hidden' },
        ],
      },
      {
        name: 'layout',
        description: 'Translations side by side (desktop) or stacked (mobile shows only this)',
        type: 'string',
        choices: [
          { name: 'Side by side', value: 'side-by-side' },
          { name: 'Stacked', value: 'stacked' },
        ],
      },
    ],
  },
  args,
  examples: ['/settings', '/settings style:mla'],
  async execute(a: SettingsArgs, ctx: CommandContext) {
    const store = ctx.settings;
    if (!store) throw new UserError('settings.unavailable', 'Settings are not available here.');
    const collection = ctx.scope.collection;
    const patch: GroupSettings = {
      ...(a.style ? { style: a.style } : {}),
      ...(a.visibility ? { visibility: a.visibility } : {}),
      ...(a.layout ? { layout: a.layout } : {}),
    };
    const current = store.get(collection);
    if (!Object.keys(patch).length) {
      const where = collection ? 'This group' : 'Here, outside any group, Lectern';
      return fieldsReply('Settings', describe(current, ctx), {
        hidden: true,
        intro: `${where} uses these defaults. Organisers change them with ${ctx.scope.platform.commandPrefix}settings style:… visibility:… layout:….`,
      });
    }
    if (!collection) throw new Error('dispatch lets /settings change something only in a collection');
    await store.set(collection, patch);
    return fieldsReply('Settings saved', describe({ ...current, ...patch }, ctx), { hidden: true });
  },
} satisfies Command<SettingsArgs, CommandContext>;
