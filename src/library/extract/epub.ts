/**
 * EPUB (2 and 3): the zip read with fflate, the container, OPF package, EPUB 3 navigation
 * document or EPUB 2 NCX read with an XML parser, and the spine's XHTML documents walked in order.
 * Each chapter of the table of contents starts with a level-1 heading; headings inside a chapter
 * are sections. Metadata comes from the OPF's Dublin Core elements.
 */
import path from 'node:path/posix';
import { strFromU8, unzipSync } from 'fflate';
import { DOMParser, parseHTML } from 'linkedom';
import { walkDom, type DomNode } from './dom-text.ts';
import { cleanTitle, normaliseDate } from './metadata.ts';
import { TextBuilder } from './text-builder.ts';
import type { Extracted, ExtractedMetadata } from './types.ts';
import { libraryErrors } from '../errors.ts';
import { isUserError } from '../../errors.ts';
import { checkMarkup, MARKUP_LIMITS } from './markup-limits.ts';

/**
 * Uncompressed bytes of the text parts an EPUB may hold; more is a zip bomb or not a book (the
 * longest novels hold under 10 MB of XHTML). Checked against the sizes the archive declares before
 * anything is inflated; fflate inflates each part into a buffer of its declared size and never
 * grows it, so an archive that lies about its sizes cannot unpack to more either.
 */
export const MAX_TEXT_BYTES = 64 * 1024 * 1024;
const TEXT_PART = /\.(opf|ncx|xml|xhtml|html|htm|xht)$|^mimetype$/i;

type XmlDoc = ReturnType<DOMParser['parseFromString']>;
type XmlEl = NonNullable<ReturnType<XmlDoc['querySelector']>>;

// Element names keep their prefixes in linkedom's XML documents (`dc:title`); compare local names.
const byLocalName = (root: XmlDoc | XmlEl, name: string): XmlEl[] =>
  Array.from(root.querySelectorAll('*') as ArrayLike<XmlEl>).filter((e) => (e.localName ?? e.tagName).toLowerCase().replace(/^.*:/, '') === name);

function unzip(bytes: Uint8Array): Record<string, Uint8Array> {
  let total = 0;
  try {
    return unzipSync(bytes, {
      filter: (f) => {
        if (!TEXT_PART.test(f.name)) return false;
        total += f.originalSize;
        if (total > MAX_TEXT_BYTES) throw libraryErrors.tooComplex(`unpacks to more than ${MAX_TEXT_BYTES / 1024 / 1024} MB of text`);
        return true;
      },
    });
  } catch (err) {
    if (isUserError(err)) throw err;
    throw libraryErrors.malformed('EPUB', err instanceof Error ? err.message : 'not a zip archive');
  }
}

function xml(files: Record<string, Uint8Array>, name: string): XmlDoc {
  const data = files[name];
  if (!data) throw libraryErrors.malformed('EPUB', `${name} is missing`);
  return new DOMParser().parseFromString(strFromU8(data).replace(/^\uFEFF/, ''), 'text/xml');
}

const stripFragment = (href: string) => decodeURIComponent(href.split('#')[0] ?? '');
const resolve = (base: string, href: string) => path.normalize(path.join(path.dirname(base), stripFragment(href))).replace(/^\/+/, '');

/** Table-of-contents titles by document, from the EPUB 3 nav or the EPUB 2 NCX. */
function tocTitles(files: Record<string, Uint8Array>, opfPath: string, items: Map<string, { href: string; type: string; props: string }>, tocId: string | null): Map<string, string> {
  const titles = new Map<string, string>();
  const add = (file: string, title: string) => {
    const t = title.replace(/\s+/g, ' ').trim();
    if (t && !titles.has(file)) titles.set(file, t);
  };
  const nav = [...items.values()].find((i) => /\bnav\b/.test(i.props));
  if (nav) {
    const navPath = resolve(opfPath, nav.href);
    const data = files[navPath];
    if (data) {
      const { document } = parseHTML(strFromU8(data));
      const tocNav = Array.from(document.querySelectorAll('nav') as ArrayLike<XmlEl>).find((n) => /\btoc\b/.test(n.getAttribute('epub:type') ?? n.getAttribute('role') ?? '')) ?? document.querySelector('nav');
      for (const a of Array.from((tocNav?.querySelectorAll('a[href]') ?? []) as ArrayLike<XmlEl>)) add(resolve(navPath, a.getAttribute('href') ?? ''), a.textContent ?? '');
    }
  }
  const ncx = tocId ? items.get(tocId) : [...items.values()].find((i) => i.type === 'application/x-dtbncx+xml');
  if (!titles.size && ncx) {
    const ncxPath = resolve(opfPath, ncx.href);
    if (files[ncxPath]) {
      for (const point of byLocalName(xml(files, ncxPath), 'navpoint')) {
        const label = byLocalName(point, 'text')[0]?.textContent ?? '';
        const src = byLocalName(point, 'content')[0]?.getAttribute('src') ?? '';
        if (src) add(resolve(ncxPath, src), label);
      }
    }
  }
  return titles;
}

function opfMetadata(opf: XmlDoc): ExtractedMetadata {
  const dc = (name: string) => byLocalName(opf, name).map((e) => (e.textContent ?? '').replace(/\s+/g, ' ').trim()).filter(Boolean);
  const title = cleanTitle(dc('title')[0]);
  const authors = dc('creator');
  const date = normaliseDate(dc('date')[0]);
  const language = dc('language')[0]?.slice(0, 2).toLowerCase();
  const publisher = dc('publisher')[0];
  return {
    ...(title ? { title } : {}),
    ...(authors.length ? { authors } : {}),
    ...(date ? { date } : {}),
    ...(language ? { language } : {}),
    ...(publisher ? { publisher } : {}),
    basis: 'EPUB package metadata',
  };
}

export function extractEpub(bytes: Uint8Array): Extracted {
  const files = unzip(bytes);
  if (files['META-INF/encryption.xml'] && /EncryptedData/.test(strFromU8(files['META-INF/encryption.xml']!)) && !/obfuscation/i.test(strFromU8(files['META-INF/encryption.xml']!))) {
    throw libraryErrors.drm();
  }
  const container = xml(files, 'META-INF/container.xml');
  const opfPath = byLocalName(container, 'rootfile')[0]?.getAttribute('full-path');
  if (!opfPath) throw libraryErrors.malformed('EPUB', 'META-INF/container.xml names no package file');
  const opf = xml(files, decodeURIComponent(opfPath));
  const items = new Map<string, { href: string; type: string; props: string }>();
  for (const item of byLocalName(opf, 'item')) {
    const id = item.getAttribute('id');
    const href = item.getAttribute('href');
    if (id && href) items.set(id, { href, type: item.getAttribute('media-type') ?? '', props: item.getAttribute('properties') ?? '' });
  }
  const spineEl = byLocalName(opf, 'spine')[0];
  const spine = byLocalName(opf, 'itemref')
    .filter((r) => r.getAttribute('linear') !== 'no')
    .map((r) => items.get(r.getAttribute('idref') ?? ''))
    .filter((i): i is { href: string; type: string; props: string } => i !== undefined);
  if (!spine.length) throw libraryErrors.malformed('EPUB', 'the package has no reading order (spine)');
  const titles = tocTitles(files, opfPath, items, spineEl?.getAttribute('toc') ?? null);

  const out = new TextBuilder();
  let elements = 0;
  for (const item of spine) {
    const docPath = resolve(opfPath, item.href);
    const data = files[docPath];
    if (!data || /\bnav\b/.test(item.props)) continue;
    const source = strFromU8(data).replace(/^\uFEFF/, '');
    // One element budget for the whole book, and the nesting limit per document.
    elements += checkMarkup(source, { ...MARKUP_LIMITS, maxElements: MARKUP_LIMITS.maxElements - elements }).elements;
    const { document } = parseHTML(source);
    const body = document.body ?? document.documentElement;
    if (!body) continue;
    const firstHeading = body.querySelector('h1, h2')?.textContent?.replace(/\s+/g, ' ').trim();
    const chapter = titles.size ? titles.get(docPath) : firstHeading;
    if (chapter) out.heading(chapter, 1);
    const chapterKey = chapter?.toLowerCase();
    walkDom(body as unknown as DomNode, {
      heading: (text, rank) => {
        if (text.replace(/\s+/g, ' ').trim().toLowerCase() === chapterKey) return;
        if (rank <= 3) out.heading(text, 2);
        else out.paragraph(text);
      },
      paragraph: (text) => out.paragraph(text),
    });
  }
  if (out.isEmpty) throw libraryErrors.noText('The EPUB');
  const { text, hints } = out.result();
  return { format: 'epub', text, hints, metadata: opfMetadata(opf), encoding: 'utf-8' };
}
