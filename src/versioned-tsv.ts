/**
 * The project's hand-written data tables (data/glossary/ru-en.tsv, data/names/ru-en.tsv): a first
 * line `# <format> <version>`, then one entry per line, tab-separated, `#` lines and blank lines
 * skipped. Every error names the file, the line and the fix.
 */
export interface TsvRow {
  cells: string[];
  /** 1-based. */
  lineNo: number;
  /** An error for this row: the file, the line, why, the line's text and the fix. */
  bad(why: string): Error;
}

export function versionedTsvRows(
  text: string,
  table: { file: string; format: string; version: number; restore: string; error: new (message: string) => Error },
): TsvRow[] {
  const { file, format, version, restore, error } = table;
  const lines = text.split('\n');
  const head = /^# (\S+) (\d+)$/.exec((lines[0] ?? '').trimEnd());
  if (!head || head[1] !== format || Number(head[2]) !== version) {
    throw new error(`${file}: the first line must be "# ${format} ${version}" (the format this Lectern reads) but is "${(lines[0] ?? '').slice(0, 60)}": ${restore}`);
  }
  const rows: TsvRow[] = [];
  lines.forEach((raw, i) => {
    const line = raw.replace(/\r$/, '');
    if (line.trim() === '' || line.startsWith('#')) return;
    rows.push({ cells: line.split('\t'), lineNo: i + 1, bad: (why) => new error(`${file}:${i + 1}: ${why} in "${line.slice(0, 60)}": correct the line or ${restore}`) });
  });
  return rows;
}
