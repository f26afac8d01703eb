/**
 * What counts against a Budget, in one place, so the pager, the renderers and the tests agree.
 * Characters are UTF-16 code units, as chat platforms count them. The rule for renderers: show only
 * what is counted here (or less), each part within the limit named next to it, and the page fits.
 *
 * - title ≤ maxTitle
 * - text: text ≤ maxBody
 * - code: text + fence ≤ maxBody (the fence is what "```lang\n…\n```" adds)
 * - passage: text plus its footnotes ≤ maxBody (so footnotes may be shown as fields or appended
 *   to the body); snippet ≤ maxBody; citation and each footnote ("marker text") ≤ maxField;
 *   locatorLabel ≤ maxFieldName; each footnote counts as a field. `translation` is not counted:
 *   it is shown by the translation action, as a reply of its own.
 * - columns: each side's text, and the note, ≤ maxField; labels and locator labels ≤
 *   maxFieldName; counts as two fields (one per side).
 * - fields: name ≤ maxFieldName, value ≤ maxField, each counts as a field.
 * - all of the above together ≤ maxTotal; fields ≤ maxFields; sections ≤ maxSections.
 */
import type { Budget } from './budget.ts';
import type { FootnoteView, Reply, Section } from './model.ts';

export const codeFence = (lang: string) => `\`\`\`${lang}\n\n\`\`\``.length;
export const footnoteSize = (f: FootnoteView) => f.marker.length + 1 + f.text.length;

export function sectionSize(section: Section): number {
  switch (section.kind) {
    case 'text':
      return section.text.length;
    case 'code':
      return section.text.length + codeFence(section.lang);
    case 'passage': {
      const p = section.passage;
      const notes = p.footnotes.reduce((n, f) => n + footnoteSize(f), 0);
      return p.text.length + (p.snippet?.length ?? 0) + p.citation.length + p.locatorLabel.length + notes;
    }
    case 'columns': {
      const { original: o, translation: t, note } = section.columns;
      return o.label.length + o.text.length + o.locatorLabel.length + t.label.length + t.text.length + t.locatorLabel.length + note.length;
    }
    case 'fields':
      return section.fields.reduce((n, f) => n + f.name.length + f.value.length, 0);
  }
}

export function sectionFields(section: Section): number {
  switch (section.kind) {
    case 'passage':
      return section.passage.footnotes.length;
    case 'columns':
      return 2;
    case 'fields':
      return section.fields.length;
    default:
      return 0;
  }
}

export const replySize = (reply: Reply): number => reply.title.length + reply.sections.reduce((n, s) => n + sectionSize(s), 0);

/** Every way `reply` breaks `budget`, in words; empty when it fits. */
export function budgetViolations(reply: Reply, budget: Budget): string[] {
  const out: string[] = [];
  const check = (what: string, length: number, limit: number, unit = 'characters') => {
    if (length > limit) out.push(`${what} is ${length} ${unit}, over ${limit}`);
  };
  check('title', reply.title.length, budget.maxTitle);
  reply.sections.forEach((s, i) => {
    const at = `section ${i + 1} (${s.kind})`;
    if (s.kind === 'text') check(`${at} text`, s.text.length, budget.maxBody);
    if (s.kind === 'code') check(`${at} code`, s.text.length + codeFence(s.lang), budget.maxBody);
    if (s.kind === 'passage') {
      const p = s.passage;
      check(`${at} body`, p.text.length + p.footnotes.reduce((n, f) => n + footnoteSize(f), 0), budget.maxBody);
      check(`${at} snippet`, p.snippet?.length ?? 0, budget.maxBody);
      check(`${at} citation`, p.citation.length, budget.maxField);
      check(`${at} locator`, p.locatorLabel.length, budget.maxFieldName);
      p.footnotes.forEach((f, k) => check(`${at} footnote ${k + 1}`, footnoteSize(f), budget.maxField));
    }
    if (s.kind === 'columns') {
      const c = s.columns;
      for (const [name, side] of [['original', c.original], ['translation', c.translation]] as const) {
        check(`${at} ${name}`, side.text.length, budget.maxField);
        check(`${at} ${name} label`, side.label.length, budget.maxFieldName);
        check(`${at} ${name} locator`, side.locatorLabel.length, budget.maxFieldName);
      }
      check(`${at} note`, c.note.length, budget.maxField);
    }
    if (s.kind === 'fields') {
      s.fields.forEach((f, k) => {
        check(`${at} field ${k + 1} name`, f.name.length, budget.maxFieldName);
        check(`${at} field ${k + 1} value`, f.value.length, budget.maxField);
      });
    }
  });
  check('field count', reply.sections.reduce((n, s) => n + sectionFields(s), 0), budget.maxFields, 'fields');
  if (budget.maxSections !== undefined) check('section count', reply.sections.length, budget.maxSections, 'sections');
  check('page', replySize(reply), budget.maxTotal);
  return out;
}
