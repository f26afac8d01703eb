/**
 * `npm run deploy-commands [-- --guild ID] [-- --dry-run]`: registers exactly the registry's
 * commands (/settings among them) with one bulk PUT, which also removes commands no longer in the
 * registry. Guild commands update at once (for testing); global ones can take a while to show.
 */
import type { REST } from '@discordjs/rest';
import { Routes, type RESTPostAPIChatInputApplicationCommandsJSONBody } from 'discord-api-types/v10';
import { parseArgs } from 'node:util';
import type { CommandDefinition } from '../../dispatch/types.ts';
import { applicationCommands } from './commands.ts';
import { createRest } from './rest.ts';

const SNOWFLAKE = /^\d{15,25}$/u;

export interface DeployOptions {
  rest: REST;
  applicationId: string;
  guildId?: string;
  definitions: readonly CommandDefinition[];
}

export async function deployCommands(opts: DeployOptions): Promise<RESTPostAPIChatInputApplicationCommandsJSONBody[]> {
  const body = applicationCommands(opts.definitions);
  const route = opts.guildId ? Routes.applicationGuildCommands(opts.applicationId, opts.guildId) : Routes.applicationCommands(opts.applicationId);
  await opts.rest.put(route, { body });
  return body;
}

async function registryDefinitions(): Promise<CommandDefinition[]> {
  const registry = (await import('../../../commands/index.ts')) as { commands: { data: CommandDefinition }[] };
  return registry.commands.map((c) => c.data);
}

async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { guild: { type: 'string' }, 'dry-run': { type: 'boolean', default: false } } });
  if (values.guild !== undefined && !SNOWFLAKE.test(values.guild)) {
    process.stderr.write(`--guild takes a server id (digits, from "Copy Server ID"); got "${values.guild}".\n`);
    return 2;
  }
  const definitions = await registryDefinitions();
  if (values['dry-run']) {
    process.stdout.write(`${JSON.stringify(applicationCommands(definitions), null, 2)}\n`);
    return 0;
  }
  const { loadEnvironment } = await import('../../cli/environment.ts');
  const { config, log } = loadEnvironment({ quiet: true });
  if (!config.DISCORD_TOKEN) {
    process.stderr.write('DISCORD_TOKEN is not set: registering commands needs the bot token (Developer Portal → Bot → Reset Token).\n');
    return 2;
  }
  const rest = createRest(config);
  const applicationId = config.DISCORD_APPLICATION_ID ?? ((await rest.get(Routes.currentApplication())) as { id: string }).id;
  const body = await deployCommands({ rest, applicationId, ...(values.guild ? { guildId: values.guild } : {}), definitions });
  const where = values.guild ? `server ${values.guild} (available at once)` : 'every server (global commands can take up to an hour to appear)';
  process.stderr.write(`Registered ${body.length} commands for ${where}: ${body.map((c) => `/${c.name}`).join(', ')}.\n`);
  log.debug({ applicationId, guild: values.guild }, 'commands deployed');
  return 0;
}

if (import.meta.main) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      process.stderr.write(`Could not register the commands: ${err instanceof Error ? err.message : String(err)}\n`);
      process.exitCode = 1;
    },
  );
}
