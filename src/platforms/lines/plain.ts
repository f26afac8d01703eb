/** A reply's page as plain text: the line protocol's only rendering. */
import type { Reply } from '../../reply/model.ts';

export function plainText(page: Reply): string {
  const parts: string[] = [page.title];
  for (const s of page.sections) {
    if (s.kind === 'text') parts.push(s.text);
    else if (s.kind === 'code') parts.push(s.text);
    else if (s.kind === 'fields') parts.push(s.fields.map((f) => `${f.name}: ${f.value}`).join('\n'));
    else if (s.kind === 'passage') parts.push([`[${s.passage.id}] ${s.passage.text}`, s.passage.citation].filter(Boolean).join('\n'));
    else parts.push([s.columns.original.text, s.columns.translation.text].join('\n\n'));
  }
  return parts.join('\n\n');
}
