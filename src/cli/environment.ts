/** Config and logger for CLI runs: the environment (and .env) parsed once, logs on stderr. */
import dotenv from 'dotenv';
import path from 'node:path';
import { configuredSecrets, parseConfig, PROJECT_ROOT, type Config } from '../config.ts';
import { createLogger } from '../logger.ts';

export function loadEnvironment(options: { quiet?: boolean } = {}) {
  // A .env file is read if present; real environment variables win over it.
  dotenv.config({ path: path.join(PROJECT_ROOT, '.env'), quiet: true });
  const config: Config = parseConfig(process.env);
  const log = createLogger({ level: options.quiet && config.LOG_LEVEL === 'info' ? 'warn' : config.LOG_LEVEL, secrets: configuredSecrets(config) });
  return { config, log };
}
