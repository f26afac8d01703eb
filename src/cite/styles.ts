/**
 * The bundled CSL styles (data/csl, see its README), registered with citation-js when it is first
 * needed so formatting never fetches anything. plugin-csl already bundles the en-US locale.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { plugins as CitationPlugins } from '@citation-js/core';
import { UserError } from '../errors.ts';

import { STYLE_IDS, type StyleId } from './ids.ts';
import { STYLE_FILES } from './style-files.ts';

export { STYLE_IDS, type StyleId };

export { STYLE_FILES };

/** Note styles cite with a full note (and so show the title gloss); the others cite in the text. */
export const NOTE_STYLES: ReadonlySet<StyleId> = new Set<StyleId>(['chicago-note']);

export const LOCALE = 'en-US';

const CSL_DIR = new URL('../../data/csl/', import.meta.url);

/** The name the style is registered under; prefixed so it never shadows plugin-csl's own "apa". */
export const templateName = (style: StyleId) => `lectern-${style}`;

const require = createRequire(import.meta.url);
let loaded: typeof CitationPlugins | undefined;

/**
 * citation-js with plugin-csl and the bundled styles, loaded on the first render: importing it costs
 * a one-shot CLI answer ~0.1 s of CPU, and an answer whose citations are kept (render-store.ts)
 * needs none of it. (Both packages are CommonJS, so this is synchronous.)
 */
export function citeproc(): typeof CitationPlugins {
  if (loaded) return loaded;
  const { plugins } = require('@citation-js/core') as { plugins: typeof CitationPlugins };
  require('@citation-js/plugin-csl');
  const cslConfig = plugins.config.get('@csl');
  for (const style of STYLE_IDS) {
    cslConfig.styles.add(templateName(style), readFileSync(new URL(STYLE_FILES[style], CSL_DIR), 'utf8'));
  }
  if (!cslConfig.locales.has(LOCALE)) {
    throw new Error(`@citation-js/plugin-csl no longer bundles the ${LOCALE} locale; add it to data/csl`);
  }
  return (loaded = plugins);
}

export const isStyleId = (value: unknown): value is StyleId =>
  typeof value === 'string' && (STYLE_IDS as readonly string[]).includes(value);

/** Accepts any case and surrounding space ("APA "), as a person might type it. */
export function parseStyleId(value: unknown): StyleId {
  const normalized = typeof value === 'string' ? value.trim().toLowerCase() : value;
  if (isStyleId(normalized)) return normalized;
  throw new UserError(
    'cite.unknown-style',
    `Unknown citation style "${String(value)}". Valid styles: ${STYLE_IDS.join(', ')}.`,
    { value, valid: [...STYLE_IDS] },
  );
}
