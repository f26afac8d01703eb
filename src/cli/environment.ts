/** Config and logger for CLI runs: the environment (and .env) parsed once, logs on stderr. */
import dotenv from 'dotenv';
import path from 'node:path';
import { configuredSecrets, parseConfig, PROJECT_ROOT, type Config } from '../config.ts';
import { createLogger, deferredLogger } from '../logger.ts';

export function loadEnvironment(options: { quiet?: boolean } = {}) {
  // A .env file is read if present; real environment variables win over it.
  dotenv.config({ path: path.join(PROJECT_ROOT, '.env'), quiet: true });
  const config: Config = parseConfig(process.env);
  const level = options.quiet && config.LOG_LEVEL === 'info' ? 'warn' : config.LOG_LEVEL;
  const make = () => createLogger({ level, secrets: configuredSecrets(config) });
  // A command that answers and exits seldom logs at its level: pino is loaded by its first line.
  const log = options.quiet ? deferredLogger(level, make) : make();
  return { config, log };
}
