/**
 * Where platforms are registered: one line each. `npm start` runs every platform whose
 * configuration is present (or the one named with --platform); with none, the console.
 */
import { discordGatewayEnabled, discordHttpEnabled, matrixEnabled, type Config } from '../config.ts';
import type { Platform } from '../dispatch/platform.ts';

export interface PlatformEntry {
  name: string;
  /** Its configuration is present, so `npm start` runs it. */
  configured(config: Config): boolean;
  /** Loaded only when it runs, so an unused platform's libraries are never imported. */
  create(config: Config): Promise<Platform>;
}

export const PLATFORMS: PlatformEntry[] = [
  { name: 'discord', configured: (c) => discordGatewayEnabled(c) || discordHttpEnabled(c), create: async () => (await import('./discord/platform.ts')).discordPlatform() },
  { name: 'matrix', configured: matrixEnabled, create: async (c) => (await import('./matrix/platform.ts')).matrixPlatform(c.MATRIX_PREFIX) },
  { name: 'lines', configured: () => false, create: async () => (await import('./lines/index.ts')).linesPlatform() },
  { name: 'console', configured: () => false, create: async () => (await import('./console/platform.ts')).consolePlatform() },
];

/** The door when nothing else is configured. */
export const FALLBACK_PLATFORM = 'console';
