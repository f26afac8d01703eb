/** Discord as the core sees it: slash commands, embeds' limits, threads, ephemeral replies, buttons. */
import type { PlatformProfile } from '../../dispatch/platform.ts';
import { DISCORD_BUDGET, DISCORD_CHOICE_NAME_LIMIT, DISCORD_CHOICES_LIMIT } from './limits.ts';

const DISCORD_HELP = [
  { name: '/settings', value: "This server's defaults: citation style, whether answers are public, and how translations are laid out (members with Manage Server)." },
  { name: 'Buttons', value: 'Under an answer: pages, the translation, the context, citing in a style, and Discuss, which opens a thread where Ibid. refers to the last citation.' },
];

export const discordProfile: PlatformProfile = {
  id: 'discord',
  commandPrefix: '/',
  capabilities: { threads: true, files: true, hiddenReplies: true, buttons: true },
  budget: DISCORD_BUDGET,
  choices: { max: DISCORD_CHOICES_LIMIT, nameLength: DISCORD_CHOICE_NAME_LIMIT },
  describePermission: (_permission, doing) => `Only members with the Manage Server permission may ${doing}. Ask a server manager.`,
  describeAttachment: (usage) => `Attach the file to "/${usage}" (the file option).`,
  helpFields: () => DISCORD_HELP,
};
