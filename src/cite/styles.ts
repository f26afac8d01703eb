/**
 * The bundled CSL styles (data/csl, see its README), registered with citation-js when this module
 * loads so formatting never fetches anything. plugin-csl already bundles the en-US locale.
 */
import { readFileSync } from 'node:fs';
import { plugins } from '@citation-js/core';
import '@citation-js/plugin-csl';
import { UserError } from '../errors.ts';

import { STYLE_IDS, type StyleId } from './ids.ts';

export { STYLE_IDS, type StyleId };

export const STYLE_FILES: Record<StyleId, string> = {
  chicago: 'chicago-author-date.csl',
  'chicago-note': 'chicago-fullnote-bibliography.csl',
  mla: 'modern-language-association.csl',
  apa: 'apa.csl',
};

/** Note styles cite with a full note (and so show the title gloss); the others cite in the text. */
export const NOTE_STYLES: ReadonlySet<StyleId> = new Set<StyleId>(['chicago-note']);

export const LOCALE = 'en-US';

const CSL_DIR = new URL('../../data/csl/', import.meta.url);

/** The name the style is registered under; prefixed so it never shadows plugin-csl's own "apa". */
export const templateName = (style: StyleId) => `lectern-${style}`;

const cslConfig = plugins.config.get('@csl');
for (const style of STYLE_IDS) {
  cslConfig.styles.add(templateName(style), readFileSync(new URL(STYLE_FILES[style], CSL_DIR), 'utf8'));
}
if (!cslConfig.locales.has(LOCALE)) {
  throw new Error(`@citation-js/plugin-csl no longer bundles the ${LOCALE} locale; add it to data/csl`);
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
