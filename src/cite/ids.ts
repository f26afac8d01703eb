/**
 * The citation styles and export formats Lectern offers, as plain data: config, commands, settings
 * and platforms validate against these lists without loading citation-js.
 */
export const STYLE_IDS = ['chicago', 'chicago-note', 'mla', 'apa'] as const;
export type StyleId = (typeof STYLE_IDS)[number];

export const EXPORT_FORMATS = ['bibtex', 'ris', 'csl-json'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** How each style and format is named to people (choices, buttons, menus): one table for every door. */
export const FORMAT_LABELS: Record<(typeof STYLE_IDS)[number] | (typeof EXPORT_FORMATS)[number], string> = {
  chicago: 'Chicago (author-date)',
  'chicago-note': 'Chicago (notes)',
  mla: 'MLA',
  apa: 'APA',
  bibtex: 'BibTeX',
  ris: 'RIS',
  'csl-json': 'CSL-JSON',
};

/** What /source and /cite accept: a style or an export format. */
export const FORMAT_IDS = [...STYLE_IDS, ...EXPORT_FORMATS] as const;
