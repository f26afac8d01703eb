/** The bundled CSL file of each style (data/csl, see its README). */
import type { StyleId } from './ids.ts';

export const STYLE_FILES: Record<StyleId, string> = {
  chicago: 'chicago-author-date.csl',
  'chicago-note': 'chicago-fullnote-bibliography.csl',
  mla: 'modern-language-association.csl',
  apa: 'apa.csl',
};
