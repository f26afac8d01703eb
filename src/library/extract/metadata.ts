/** Metadata values as files state them, tidied: dates to YYYY[-MM[-DD]], names split off lists. */

/** A date as a PDF, an OPF or a meta tag writes it, reduced to what the manifest stores. */
export function normaliseDate(raw: string | undefined | null): string | undefined {
  if (!raw) return undefined;
  const s = raw.trim().replace(/^D:/, '');
  const iso = /^(\d{4})(?:-?(\d{2})(?:-?(\d{2}))?)?/.exec(s);
  if (!iso) {
    const year = /\b(1[4-9]\d\d|20\d\d)\b/.exec(s);
    return year?.[1];
  }
  const [, y, m, d] = iso;
  if (Number(y) < 1000) return undefined;
  if (m && Number(m) >= 1 && Number(m) <= 12) {
    if (d && Number(d) >= 1 && Number(d) <= 31) return `${y}-${m}-${d}`;
    return `${y}-${m}`;
  }
  return y;
}

/** "Ann Roe; Bob Poe", "Ann Roe and Bob Poe", "Ann Roe, Bob Poe" (but not "Roe, Ann") to names. */
export function splitNames(raw: string | undefined | null): string[] {
  if (!raw) return [];
  const s = raw.replace(/\s+/g, ' ').trim();
  if (!s) return [];
  let parts = s.split(/\s*(?:;|\band\b|&|\bи\b)\s*/u).filter(Boolean);
  if (parts.length === 1 && s.includes(',')) {
    const commas = s.split(/\s*,\s*/).filter(Boolean);
    // "Roe, Ann" is one inverted name; "Ann Roe, Bob Poe" is two.
    if (!(commas.length === 2 && !commas[0]!.includes(' ') && commas[1]!.split(' ').length <= 2)) parts = commas;
  }
  return parts.map((p) => p.trim()).filter((p) => p.length > 0 && p.length <= 200);
}

export const cleanTitle = (raw: string | undefined | null): string | undefined => {
  const t = raw?.replace(/\s+/g, ' ').trim();
  return t && t.length <= 300 && !/^(untitled|microsoft word - .*|document\d*)$/i.test(t) ? t : undefined;
};
