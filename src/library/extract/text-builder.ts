/**
 * Writes extracted content in the layout the ingestion pipeline reads: one paragraph a line,
 * blank lines between, headings listed as hints, page breaks as `\f<label>` lines. Keeping every
 * paragraph on one line matters: the pipeline takes each line as a segment and would otherwise
 * apply its OCR rules (continuations, running heads) to the pieces.
 */
import type { StructureHints } from '../../corpus/ingest/structure.ts';
import type { PageStart } from './types.ts';

const fold = (s: string) => s.replace(/[\s\u00a0]+/gu, ' ').trim();

/** Headings that the pipeline itself turns into a bibliography section (outside books): not hinted. */
const REFERENCE_HEADING = /^(references|bibliography|works cited)$/i;

export class TextBuilder {
  private readonly lines: string[] = [];
  private readonly headings: NonNullable<StructureHints['headings']> = [];
  private readonly starts: PageStart[] = [];
  private readonly outside: string[] = [];

  private push(line: string): void {
    if (this.lines.length) this.lines.push('');
    this.lines.push(line);
  }

  heading(text: string, level: 1 | 2): void {
    const t = fold(text);
    if (!t) return;
    this.push(t);
    if (!REFERENCE_HEADING.test(t)) this.headings.push({ text: t, level });
  }

  paragraph(text: string): void {
    const t = fold(text);
    if (t) this.push(t);
  }

  /** Lines of the page's own text outside its article (page-text.ts), put before or after what is written so far. */
  pageText(lines: string[], where: 'before' | 'after'): void {
    const kept = [...new Set(lines.map(fold).filter(Boolean))];
    if (!kept.length) return;
    this.outside.push(...kept);
    if (where === 'after') for (const l of kept) this.push(l);
    else {
      this.lines.unshift(...kept.flatMap((l) => [l, '']));
      for (const s of this.starts) s.line += kept.length * 2;
    }
  }

  pageBreak(label: string): void {
    const safe = label.replace(/\s+/g, '').slice(0, 12) || '?';
    this.push(`\f${safe}`);
    this.starts.push({ line: this.lines.length, label: safe });
  }

  get isEmpty(): boolean {
    return !this.lines.some((l) => l.trim() && !l.startsWith('\f'));
  }

  /** Words of text written so far (page breaks aside). */
  get words(): number {
    return this.lines.filter((l) => !l.startsWith('\f')).join(' ').split(/\s+/).filter(Boolean).length;
  }

  result(): { text: string; hints: StructureHints; pageStarts: PageStart[] } {
    return { text: `${this.lines.join('\n')}\n`, hints: { headings: [...this.headings], ...(this.outside.length ? { pageText: [...this.outside] } : {}) }, pageStarts: [...this.starts] };
  }
}

const SUPERSCRIPTS = '⁰¹²³⁴⁵⁶⁷⁸⁹';
/** Footnote numbers as the pipeline reads them: superscript digits. */
export const toSuperscript = (digits: string) => [...digits].map((d) => SUPERSCRIPTS[Number(d)] ?? d).join('');
