/**
 * Limits on the shape of HTML/XHTML checked in one linear pass over the source, before any DOM is
 * built: a 33 KB file of 3,000 nested <div>s kept Readability busy for 140 s, and a 15 MB one never
 * finished. Books nest a few dozen elements deep and hold a few hundred thousand elements; past the
 * limits a file is refused with a message that says why.
 */
import { libraryErrors } from '../errors.ts';

export interface MarkupLimits {
  /** Deepest element nesting (elements that close themselves implicitly are not counted). */
  maxDepth: number;
  /** Elements in one document. */
  maxElements: number;
}

export const MARKUP_LIMITS: MarkupLimits = { maxDepth: 100, maxElements: 1_000_000 };

/** Elements with no content, or whose end tag HTML lets authors leave out: they do not deepen the tree. */
const NOT_NESTING = new Set([
  'area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'param', 'source', 'track', 'wbr',
  'p', 'li', 'dt', 'dd', 'option', 'optgroup', 'tr', 'td', 'th', 'tbody', 'thead', 'tfoot', 'rt', 'rp', 'colgroup', 'caption',
]);

export interface MarkupShape {
  depth: number;
  elements: number;
}

/** Measures nesting and element count, throwing the user error as soon as a limit is passed. */
export function checkMarkup(source: string, limits: MarkupLimits = MARKUP_LIMITS): MarkupShape {
  const tag = /<(\/?)([A-Za-z][A-Za-z0-9:_-]*)[^>]*?(\/?)>|<!--[\s\S]*?-->|<!\[CDATA\[[\s\S]*?\]\]>/g;
  let depth = 0;
  let deepest = 0;
  let elements = 0;
  let raw: string | undefined;
  for (let m = tag.exec(source); m; m = tag.exec(source)) {
    const name = m[2]?.toLowerCase();
    if (!name) continue;
    // Inside <script>/<style> nothing is markup until the matching end tag.
    if (raw) {
      if (m[1] && name === raw) raw = undefined;
      continue;
    }
    if (m[1]) {
      if (!NOT_NESTING.has(name) && depth > 0) depth--;
      continue;
    }
    elements++;
    if (elements > limits.maxElements) throw libraryErrors.tooComplex(`has more than ${limits.maxElements.toLocaleString('en')} elements`);
    if (name === 'script' || name === 'style') {
      if (!m[3]) raw = name;
      continue;
    }
    if (m[3] || NOT_NESTING.has(name)) continue;
    depth++;
    if (depth > deepest) deepest = depth;
    if (depth > limits.maxDepth) throw libraryErrors.tooComplex(`nests elements more than ${limits.maxDepth} deep`);
  }
  return { depth: deepest, elements };
}
