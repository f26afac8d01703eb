/**
 * /settings: a server's defaults (citation style, whether answers are public, how translations are
 * laid out). Anyone may look; only members with Manage Server may change them (Discord hides the
 * command from others by default, but servers can override that, so the payload's permissions are
 * checked too). Pure: the handler stores the patch and sends the reply.
 */
import type { CitationStyleId, LayoutPreference } from '../../commands/types.ts';
import type { Config } from '../../config.ts';
import { CITATION_STYLES, errorReply, fieldsReply } from '../../reply/builders.ts';
import type { Reply, Visibility } from '../../reply/model.ts';
import { LAYOUT_IDS, VISIBILITY_IDS } from './commands.ts';
import type { GuildSettings } from './store.ts';

export interface SettingsRequest {
  args: Record<string, unknown>;
  guildId: string | undefined;
  canManage: boolean;
  current: GuildSettings;
  config: Pick<Config, 'LECTERN_DEFAULT_STYLE' | 'LECTERN_DEFAULT_LAYOUT'>;
}

const oneOf = <T extends string>(values: readonly T[], v: unknown): T | undefined => (values as readonly unknown[]).includes(v) ? (v as T) : undefined;

function describe(s: GuildSettings, config: SettingsRequest['config']): { name: string; value: string }[] {
  const style = s.style ?? config.LECTERN_DEFAULT_STYLE;
  const layout = s.layout ?? config.LECTERN_DEFAULT_LAYOUT;
  const visibility = s.visibility ?? 'public';
  return [
    { name: 'Citation style', value: `${style}${s.style ? '' : ' (Lectern default)'}` },
    { name: 'Answers', value: visibility === 'hidden' ? 'hidden: only whoever asked sees them' : 'public: everyone in the channel sees them (hide:true hides one)' },
    {
      name: 'Translations',
      value: layout === 'side-by-side' ? 'side by side (Discord on phones shows them stacked anyway)' : 'stacked: the original, then the translation, full width',
    },
  ];
}

export function answerSettings(req: SettingsRequest): { reply: Reply; patch?: GuildSettings } {
  const wanted = Object.entries(req.args).filter(([k, v]) => ['style', 'visibility', 'layout'].includes(k) && v !== undefined && v !== null && v !== '');
  if (!wanted.length) {
    const where = req.guildId ? 'This server' : 'Direct messages';
    return { reply: fieldsReply('Settings', describe(req.current, req.config), { hidden: true, intro: `${where} uses these defaults. Members with Manage Server change them with /settings style:… visibility:… layout:….` }) };
  }
  if (!req.guildId) return { reply: errorReply('settings.guild-only', 'Settings belong to a server: use /settings in a server channel.') };
  if (!req.canManage) return { reply: errorReply('settings.forbidden', 'Only members with the Manage Server permission can change these settings. /settings with no options shows them.') };
  const patch: GuildSettings = {};
  const problems: string[] = [];
  if (req.args.style !== undefined) {
    const style = oneOf<CitationStyleId>(CITATION_STYLES, req.args.style);
    if (style) patch.style = style;
    else problems.push(`"style" must be one of: ${CITATION_STYLES.join(', ')}.`);
  }
  if (req.args.visibility !== undefined) {
    const visibility = oneOf<Visibility>(VISIBILITY_IDS, req.args.visibility);
    if (visibility) patch.visibility = visibility;
    else problems.push(`"visibility" must be one of: ${VISIBILITY_IDS.join(', ')}.`);
  }
  if (req.args.layout !== undefined) {
    const layout = oneOf<LayoutPreference>(LAYOUT_IDS, req.args.layout);
    if (layout) patch.layout = layout;
    else problems.push(`"layout" must be one of: ${LAYOUT_IDS.join(', ')}.`);
  }
  if (problems.length) return { reply: errorReply('settings.invalid', problems.join(' ')) };
  return { reply: fieldsReply('Settings saved', describe({ ...req.current, ...patch }, req.config), { hidden: true }), patch };
}
