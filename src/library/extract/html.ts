/**
 * HTML pages: the article's content (Readability drops navigation, sidebars and footers), h1–h3
 * as headings, and the metadata the page states in its meta tags (Highwire `citation_*`, Open
 * Graph, Dublin Core, `author`).
 */
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { decodeUpload } from './decode.ts';
import { walkDom, type DomNode } from './dom-text.ts';
import { cleanTitle, normaliseDate, splitNames } from './metadata.ts';
import { TextBuilder } from './text-builder.ts';
import type { Extracted, ExtractedMetadata } from './types.ts';
import { libraryErrors } from '../errors.ts';
import { checkMarkup } from './markup-limits.ts';

type Doc = ReturnType<typeof parseHTML>['document'];
interface El {
  getAttribute(name: string): string | null;
  textContent: string | null;
}

function metaValues(doc: Doc, ...names: string[]): string[] {
  const out: string[] = [];
  for (const el of Array.from(doc.querySelectorAll('meta') as ArrayLike<El>)) {
    const key = (el.getAttribute('name') ?? el.getAttribute('property') ?? '').toLowerCase();
    const value = el.getAttribute('content')?.trim();
    if (value && names.includes(key)) out.push(value);
  }
  return out;
}

export function htmlMetadata(doc: Doc, fallbackTitle?: string | null): ExtractedMetadata {
  const title = cleanTitle(metaValues(doc, 'citation_title', 'dc.title', 'og:title')[0] ?? fallbackTitle ?? doc.querySelector('title')?.textContent);
  const citationAuthors = metaValues(doc, 'citation_author');
  const authors = citationAuthors.length ? citationAuthors : splitNames(metaValues(doc, 'author', 'dc.creator', 'article:author')[0]);
  const date = normaliseDate(metaValues(doc, 'citation_publication_date', 'citation_date', 'dc.date', 'article:published_time', 'date')[0]);
  const language = (metaValues(doc, 'citation_language', 'dc.language')[0] ?? doc.documentElement?.getAttribute('lang') ?? '').slice(0, 2).toLowerCase();
  const publisher = metaValues(doc, 'citation_publisher', 'dc.publisher', 'og:site_name')[0];
  return {
    ...(title ? { title } : {}),
    ...(authors.length ? { authors: authors.filter((a) => !/^https?:/.test(a)) } : {}),
    ...(date ? { date } : {}),
    ...(language ? { language } : {}),
    ...(publisher ? { publisher } : {}),
    basis: 'HTML meta tags',
  };
}

/** Pages with more elements than this skip Readability's boilerplate removal (see below). */
export const READABILITY_MAX_ELEMENTS = 20_000;

export function extractHtml(bytes: Uint8Array, name: string): Extracted {
  const { text: source, encoding } = decodeUpload(bytes, name);
  const shape = checkMarkup(source);
  const { document } = parseHTML(source);
  if (!document.body && !document.documentElement) throw libraryErrors.malformed('HTML', 'no document');
  const metadata = htmlMetadata(document);
  // Readability changes the document it reads: metadata is taken first.
  // Readability scores every element against its ancestors: past a few thousand elements its time
  // grows faster than the page, so large pages (books saved as one file) are read whole instead.
  const article = shape.elements <= READABILITY_MAX_ELEMENTS ? new Readability(document as unknown as ConstructorParameters<typeof Readability>[0], { charThreshold: 100 }).parse() : null;
  const content = article?.content ? parseHTML(`<!doctype html><html><body>${article.content}</body></html>`).document.body : parseHTML(source).document.body;
  if (!metadata.title && article?.title) metadata.title = cleanTitle(article.title);
  if (!metadata.authors?.length && article?.byline) {
    const names = splitNames(article.byline.replace(/^by\s+/i, ''));
    if (names.length) metadata.authors = names;
  }
  const out = new TextBuilder();
  const title = metadata.title?.toLowerCase();
  const isTitle = (text: string) => fold(text).toLowerCase() === title;
  const articleLines: string[] = [];
  walkDom(content as unknown as DomNode, {
    heading: (text, rank) => {
      if (rank <= 3 && isTitle(text)) return;
      articleLines.push(fold(text));
      if (rank <= 3) out.heading(text, rank === 1 ? 1 : 2);
      else out.paragraph(text);
    },
    paragraph: (text) => {
      articleLines.push(fold(text));
      out.paragraph(text);
    },
  });
  if (out.isEmpty) throw libraryErrors.noText('The page');
  if (article?.content) aroundArticle(source, new Set(articleLines), isTitle, out);
  const { text, hints } = out.result();
  return { format: 'html', text, hints, metadata, encoding };
}

const fold = (s: string) => s.replace(/[\s\u00a0]+/gu, ' ').trim();

/**
 * The page's own text around the article Readability chose (a shop's price and ordering notes, a
 * footer's credits): kept as page text (src/corpus/ingest/page-text.ts), never as the article's
 * passages, before the article when it comes first on the page and after it otherwise. Menus
 * (`nav`, lists of bare links) and the title are left out.
 */
function aroundArticle(source: string, inArticle: ReadonlySet<string>, isTitle: (text: string) => boolean, out: TextBuilder): void {
  const body = parseHTML(source).document.body;
  if (!body) return;
  for (const li of Array.from(body.querySelectorAll('li') as ArrayLike<El & { remove(): void; querySelectorAll(s: string): ArrayLike<El> }>)) {
    const links = Array.from(li.querySelectorAll('a'));
    if (links.length === 1 && fold(links[0]!.textContent ?? '') === fold(li.textContent ?? '')) li.remove();
  }
  const lines: string[] = [];
  const take = (text: string) => {
    const t = fold(text);
    if (t) lines.push(t);
  };
  walkDom(body as unknown as DomNode, { heading: take, paragraph: take });
  const first = lines.findIndex((l) => inArticle.has(l));
  const outside = (from: number, to: number) => lines.slice(from, to).filter((l) => !inArticle.has(l) && !isTitle(l));
  const before = first < 0 ? [] : outside(0, first);
  const after = outside(Math.max(0, first), lines.length);
  out.pageText(before, 'before');
  out.pageText([...new Set(after)].filter((l) => !before.includes(l)), 'after');
}
