/**
 * The matching rule of the evaluation sets (../shared/eval/README.md): NFKC, lower case, quotes and
 * dashes unified, soft hyphens and markdown emphasis removed, ё → е, white space folded. A snippet
 * matches a passage when the passage contains it after both are normalised.
 */
export function evalNormalize(s: string): string {
  return s
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[‘’`´]/g, "'")
    .replace(/[“”«»]/g, '"')
    .replace(/[‐‑‒–—―]/g, '-')
    .replace(/\u00ad/g, '')
    .replace(/ё/g, 'е')
    .replace(/[*_]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

export const snippetMatches = (passage: string, snippet: string) => evalNormalize(passage).includes(evalNormalize(snippet));
