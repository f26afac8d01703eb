/** Citation formatting: Lectern's bibliographic record, the bundled CSL styles, and exports. */
export { formatCitation, formatReference, renderCitation, locatorOf, OUTPUT_FORMATS, type FormatOptions, type OutputFormat, type Pinpoint } from './format.ts';
export { EXPORT_FORMATS, exportRecords, type ExportFormat } from './export.ts';
export { checkRecord, RECORD_TYPES, toCsl, type BibDate, type BibName, type BibRecord, type CslItem, type RecordType } from './record.ts';
export { isStyleId, parseStyleId, STYLE_IDS, type StyleId } from './styles.ts';
export { recordFromManifestWork } from './from-manifest.ts';
