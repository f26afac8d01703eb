/**
 * A bibliography entry read field by field, in the order a reader reads it: the siglum it ends with
 * and its web addresses come off first; then the authors (family-first names joined by commas, "and",
 * "&", "et al.", with aliases in parentheses dropped; an organisation is not split); then the title
 * (quoted: an article or chapter, followed by its container; italic or plain: a book) with its
 * bracketed translation; then the container's volume, issue and pages, the editors (`ed.`, `eds.`,
 * `In X, ed.`), and the imprint in every form the lists use (`Place: Publisher, Year`,
 * `Place, Publisher, Year`, `Place, Year`, `(Publisher; Year)`, `n.p.`). The year is the imprint's
 * or the issue's, never a date inside a title (life dates, periods). Whatever is ambiguous is left
 * empty: the entry's own words are always kept beside the fields.
 */
import { escapeRegExp } from '../../regexp.ts';

export interface EntryName {
  family?: string;
  given?: string;
  literal?: string;
}

export interface EntryFields {
  authors: EntryName[];
  editors: EntryName[];
  title?: string;
  /** A translation of the title the entry gives in brackets or parentheses. */
  titleTranslated?: string;
  containerTitle?: string;
  volume?: string;
  issue?: string;
  pages?: string;
  publisher?: string;
  place?: string;
  year?: string;
  url?: string;
  siglum?: string;
  edition?: string;
  kind: 'book' | 'article' | 'chapter' | 'webpage' | 'thesis' | 'archive';
}

const URL_RE = /(?:https?:\/\/|www\.)\S+(?:\s(?=\S*\.(?:pdf|html?|txt)\b)\S+)?/g;
const YEAR = /\b(1[6-9]\d\d|20\d\d)\b/;
const PUBLISHER_WORDS =
  /\b(Press|Publish\w*|Books|University|U\.\s?P\.|Verlag|[ÉE]ditions?|Izd\w*|Izdatel\w*|Fond|Library|Co\.|Inc\.?|LLC|Media|Partizdat|Eksmo|Vagrius|Algoritm|Terra|TERRA|OLMA-PRESS|ROSSPEN|Fayard|Payot|Mehring|Pathfinder|Harper|Norton|Crown|Slavica|Pantheon|Materik|MDF|IDF|Harcourt|Sociosf\w*|Monad|Vintage|Progress|One World|Tsentrpoligraf|Tentrpoligraf|Baconni\w*)\b/u;
/** A family name: one capitalised word (apostrophes, hyphens), or with a particle (Van Heijenoort). */
const FAMILY = "(?:(?:[Vv]an|[Vv]on|[Dd]e|[Dd]u|[Ll]e)\\s)?\\p{Lu}[\\p{L}'’-]*\\p{L}";
/** A given name: up to three capitalised words or initials (J. Arch, Oleg V., IU., N.V., M.P.). */
const WORDNAME = "\\p{Lu}[\\p{Ll}'’]+(?:-\\p{Lu}[\\p{Ll}'’]+)?";
const INITIALS = "\\p{Lu}{1,2}\\.(?:\\s?\\p{Lu}{1,2}\\.)*";
/** A given name: one or two names and initials (Feliks I., Stephen Jay, Jean-Jacques), or initials and a name that ends the author (J. Arch). */
const GIVEN = `(?:${WORDNAME}(?:\\s${WORDNAME})?(?:\\s${INITIALS})?|${INITIALS}(?:\\s${WORDNAME}(?=[,.]|\\s(?:and|&)\\s))?)`;
const ALIAS = '(?:\\s\\([^()]{1,30}\\))?';
const FAMILY_FIRST = new RegExp(`^(${FAMILY}),\\s(${GIVEN})${ALIAS}`, 'u');
const GIVEN_FIRST = new RegExp(`^(${GIVEN})\\s(${FAMILY})${ALIAS}`, 'u');

function takeSiglum(text: string): { rest: string; siglum?: string } {
  const m = /\s*\(([^()]{1,40})\)\.?\s*$/u.exec(text);
  if (!m) return { rest: text };
  const inner = m[1]!.trim();
  if (/^\d{4}(?:[-–]\d{2,4})?$/.test(inner) || /Press|;|:/.test(inner) || /^(Part|Russian|in Russian)/i.test(inner)) return { rest: text };
  return { rest: text.slice(0, m.index).trim(), siglum: inner };
}

function takeUrls(text: string): { rest: string; url?: string } {
  const urls = text.match(URL_RE) ?? [];
  if (!urls.length) return { rest: text };
  const first = text.search(URL_RE);
  // "… At http://…", "Online at …", "Also at …", "; English translation at …": everything from the first address on is access information.
  const cut = /(?:[.;,]?\s*(?:(?:Russian original|English translation|fully footnoted Russian version|Posted without pagination|Also|Online)\s)?at\s*)$/i.exec(text.slice(0, first));
  const rest = text.slice(0, cut ? cut.index : first).trim();
  return { rest, url: urls[0]!.replace(/[.,;)]+$/, '') };
}

/** Reads names from the head of an entry; returns the names and where the title starts, or null when the head is no author. */
function takeAuthors(text: string): { names: EntryName[]; rest: string } | null {
  const names: EntryName[] = [];
  let rest = text;
  const first = FAMILY_FIRST.exec(rest) ?? new RegExp(`^(${FAMILY})\\s(${INITIALS})(?=\\s*\\p{Lu})`, 'u').exec(rest);
  if (first) {
    names.push({ family: first[1]!, given: first[2]!.trim() });
    rest = rest.slice(first[0].length);
  } else {
    // "Furr Grover and Vladimir Bobrov," (sorted under the family name), "Léon Sedov, "La situation…"" (a quoted title follows).
    const swapped = new RegExp(`^(${FAMILY})\\s(${WORDNAME})(?=\\s(?:and|&)\\s)`, 'u').exec(rest);
    const plain = GIVEN_FIRST.exec(rest);
    if (swapped) {
      names.push({ family: swapped[1]!, given: swapped[2]! });
      rest = rest.slice(swapped[0].length);
    } else if (plain && /^,\s*["“]/.test(rest.slice(plain[0].length))) {
      names.push({ family: plain[2]!, given: plain[1]! });
      rest = rest.slice(plain[0].length);
    } else return null;
  }
  // Co-authors: ", and Given Family", " and Given Family", " & Given Family", ", Given Family, …, and Given Family".
  const listed: { name: EntryName; text: string }[] = [];
  for (;;) {
    const etAl = /^,?\s*et al\.?/u.exec(rest);
    if (etAl) {
      names.push(...listed.map((l) => l.name), { literal: 'et al.' });
      listed.length = 0;
      rest = rest.slice(etAl[0].length);
      break;
    }
    const joined = new RegExp(`^,?\\s(?:and|&)\\s(${GIVEN})\\s(${FAMILY})${ALIAS}`, 'u').exec(rest);
    if (joined) {
      names.push(...listed.map((l) => l.name), { family: joined[2]!, given: joined[1]! });
      listed.length = 0;
      rest = rest.slice(joined[0].length);
      continue;
    }
    const comma = new RegExp(`^,\\s(${GIVEN})\\s(${FAMILY})${ALIAS}(?=[,.]|\\s(?:and|&)\\s)`, 'u').exec(rest);
    if (comma) {
      listed.push({ name: { family: comma[2]!, given: comma[1]! }, text: comma[0] });
      rest = rest.slice(comma[0].length);
      continue;
    }
    break;
  }
  // Names listed with commas and no "and": the last one begins the title ("Lev Trotskii. Vrag No.1").
  if (listed.length) {
    const last = listed.pop()!;
    names.push(...listed.map((l) => l.name));
    rest = last.text.replace(/^,\s*/, '') + rest;
  }
  // "Sakharov, Valentin. A. "Podlog…"": a middle initial set off by a stray period still belongs to the name.
  const strayInitial = /^\.\s(\p{Lu}\.)(?=\s*["“])/u.exec(rest);
  if (strayInitial && names.length === 1 && names[0]!.given && !/\.$/.test(names[0]!.given)) {
    names[0]!.given = `${names[0]!.given} ${strayInitial[1]!}`;
    rest = `.${rest.slice(strayInitial[0].length)}`;
  }
  const lastGiven = names.at(-1)?.given ?? '';
  const afterInitial = /\.$/.test(lastGiven) && /^\s+\S/.test(rest);
  if (!afterInitial && !/^\s*[.,]/.test(rest) && !/^\s*["“*]/.test(rest) && !listed.length && !/^\p{Lu}/u.test(rest)) return null;
  rest = rest
    .replace(/^\s*[.,]?\s*/, '')
    .replace(/^\([^()]{1,30}\)\.?\s*/, '')
    .trim();
  return { names, rest };
}

/** A quoted title (an article, a chapter, a document): the text in quotes, a period inside it dropped. */
function takeQuotedTitle(text: string): { title: string; rest: string; closed: boolean } | null {
  const m = /^["“](.+?)([.,]?)["”](?=\s|$|[.,(])(\.?),?\s*/su.exec(text);
  if (!m) return null;
  // A quotation inside the title ("The Moscow Trials and the "Great Terror" of 1937-1938: …." or ""Poslednii Polkovnik
  // Imperii" Interv'iu "Elementov" s … Alksnisom."): the title runs on to the quote closed by its own period.
  if (!m[2] && !m[3] && !/[.,?!]$/.test(m[1]!)) {
    const outer = /^["“](.+?[.,?!])["”](?=\s|$)\s*/su.exec(text);
    if (outer && outer[0].length > m[0].length && !/\*|https?:/.test(outer[1]!)) {
      let title = outer[1]!.replace(/[.,]$/, '').trim();
      // The entry dropped the opening quote of a title that begins with a quotation: give it back so the quotes pair.
      if ((title.match(/["“”]/g) ?? []).length % 2 === 1) title = `"${title}`;
      return { title, rest: text.slice(outer[0].length), closed: true };
    }
  }
  return { title: m[1]!.replace(/[.,]$/, '').trim(), rest: text.slice(m[0].length), closed: Boolean(m[2] || m[3] || /[.,]$/.test(m[1]!)) };
}

/** The imprint: the last place/publisher/year group of the entry. */
interface Imprint {
  place?: string;
  publisher?: string;
  year?: string;
  edition?: string;
  index: number;
}

/** A place of publication: a city of one or two words (St. Petersburg), a state (OH, Mass.), a second city (London, New York), or Moscow abbreviated. */
const CITY = "(?:St\\.\\s)?\\p{Lu}[\\p{L}'’-]*(?:\\s\\p{Lu}[\\p{L}'’-]*)?";
const PLACE = `(?:${CITY}(?:,\\s(?:\\p{Lu}{2}|\\p{Lu}[\\p{Ll}]+\\.))?(?:(?:,|\\sand)\\s${CITY})?|M\\.|M|Sbp|M-Spb)`;
/** A publisher's words: a period only in an abbreviation (Izd., Co., U.P.), never one that ends a sentence. */
const PUBLISHER = "(?:[^:.]|\\.(?!\\s\\p{Lu}\\p{Ll}{3,})|(?<=(?:^|\\s|\\.)\\p{L}{1,4})\\.)+?";

export function findImprint(raw: string): Imprint | null {
  const text = raw.replace(/,\s*n\.p\.,?\s*/g, ', ');
  const candidates: Imprint[] = [];
  // "Place: Publisher, Year" (also "Place: Publisher Year", "Place: Publisher, Corrected Edition April, 2019", "Place: Publisher, ©1993").
  const colon = new RegExp(`(?:[.,;!?]["”]?\\s*)(${PLACE}):\\s*(${PUBLISHER})(?:,\\s*((?:\\d\\w*\\s)?[^,]*[Ee]dition[^,]*?))?,?\\s*\\(?©?(\\d{4})\\b`, 'gu');
  for (const m of text.matchAll(colon)) {
    const publisher = m[2]!.replace(/,\s*$/, '').replace(/^["“]([^"”]+?),?["”]$/u, '$1').replace(/,(["”])$/u, '$1').trim();
    candidates.push({ place: m[1]!.trim(), publisher, year: m[4]!, ...(m[3] ? { edition: m[3]!.trim() } : {}), index: m.index! + m[0].indexOf(m[1]!) });
  }
  if (candidates.length) return candidates.at(-1)!;
  // "… Soviet History New Haven: Yale U.P. 2010": a place with no period before it.
  const bare = new RegExp(`\\s(${CITY}):\\s*(${PUBLISHER}),?\\s*©?(\\d{4})\\b`, 'gu');
  const loose = [...text.matchAll(bare)].at(-1);
  if (loose && /\s/.test(loose[1]!) && (PUBLISHER_WORDS.test(loose[2]!) || /U\.\s?P\./.test(loose[2]!)) && !/\.\s/.test(loose[2]!)) return { place: loose[1]!, publisher: loose[2]!.replace(/,\s*$/, '').trim(), year: loose[3]!, index: loose.index! + 1 };
  // "(Yale University Press; 1998)".
  const paren = /\(([^();]+);\s*(\d{4})\)/u.exec(text);
  if (paren) return { publisher: paren[1]!.trim(), year: paren[2]!, index: paren.index };
  // "Place, Publisher, Year", "Place, n.p. Year", "Publisher, Year", "Place, Year" at the end of the entry.
  const tail = /(?:^|\.\s+|\)\s*,\s*)((?:[^.,:;()]|\.(?=\S)|\s\p{Lu}\.\s)+?(?:,\s(?:[^.,:;()]|\.(?=\S)|\s\p{Lu}\.\s)+?){0,2}),?\s+(?:n\.p\.,?\s*)?(\d{4})\)?\.?\s*$/u.exec(text);
  if (tail) {
    const parts = tail[1]!.split(/,\s*/).map((s) => s.trim()).filter(Boolean);
    const np = /n\.p\./.test(raw);
    const index = tail.index + tail[0].indexOf(tail[1]!);
    if (parts.length === 0) return null;
    if (parts.length === 1) {
      const only = parts[0]!;
      if (PUBLISHER_WORDS.test(only)) return { publisher: only, year: tail[2]!, index };
      if (/^\p{Lu}[\p{L}'’-]+(?:\s\p{Lu}[\p{L}'’-]+)?$/u.test(only) && !np) return { place: only, year: tail[2]!, index };
      if (np) return { place: only, year: tail[2]!, index };
      return null;
    }
    const last = parts.at(-1)!;
    if (PUBLISHER_WORDS.test(last) || /^["“]/.test(last) || parts.length >= 2) {
      const placeParts = parts.slice(0, -1);
      if (placeParts.every((p) => /^\p{Lu}[\p{L}'’.-]*(?:\s\p{Lu}[\p{L}'’.-]*)?$/u.test(p) && !PUBLISHER_WORDS.test(p)) && placeParts.length <= 2) {
        return { place: placeParts.join(', '), publisher: last, year: tail[2]!, index };
      }
    }
  }
  return null;
}

/** The container of an article after its quoted title: name, then volume, issue, date, pages. */
function readContainer(text: string): Partial<EntryFields> {
  const out: Partial<EntryFields> = {};
  let rest = text.replace(/^In\s+/, '').trim();
  const italic = /^\*([^*]+)\*\.?\s*/u.exec(rest);
  let name: string | undefined;
  if (italic) {
    name = italic[1]!.trim();
    rest = rest.slice(italic[0].length);
  } else {
    // The name runs to the first number, date, "No.", parenthesis or period.
    const m = /^((?:[^\d(.,:;]|\.(?=\S))+?)(?=\s*(?:\d|\(|No\.?\s|no\.?\s|[XVILC]{2,}\b|(?:January|February|March|April|May|June|July|August|September|October|November|December|Spring|Summer|Fall|Winter)\b|[.,:;]|$))/u.exec(rest);
    if (m && m[1]!.trim().length > 1) {
      name = m[1]!.trim();
      rest = rest.slice(m[0].length);
    }
  }
  if (!name || /^(At|Held|Typescript|Biographical)\b/i.test(name) || /^[a-z]/.test(name)) return out;
  // "Lubianka 1937-1938 No. 226": a run of years right after the name is part of the name (a volume's title), not its date.
  const run = /^\s*(\d{4}[-–]\d{4})\b(?=\s*(?:No\.?|no\.?|,|$))/u.exec(rest);
  if (run) {
    name = `${name} ${run[1]!}`;
    rest = rest.slice(run[0].length);
  }
  out.containerTitle = name.replace(/[,:]$/, '');
  // "50, 1 (Spring 1991)", "21, No. 3 (2003)", "XXXVIII, no. 1": an issue after the volume only with "No." or before a date in parentheses; "3 33-60" is volume and pages.
  const vol = /^\s*,?\s*(?:Vol\.\s*)?(\d{1,3}|[XVILC]{2,})\b(?!\d)(?:(?:,?\s*(?:No\.?|no\.?)\s*(\d{1,3}(?:-\d{1,3})?)\b)|(?:,\s*(\d{1,3})\b(?=\s*\()))?/u.exec(rest);
  const no = /^\s*,?\s*(?:No\.?|no\.?)\s*(\d{1,3}(?:-\d{1,3})?)/u.exec(rest);
  if (no) {
    out.issue = no[1]!;
    rest = rest.slice(no[0].length);
  } else if (vol && !/^\s*,?\s*\d{4}\b/.test(rest)) {
    out.volume = vol[1]!;
    if (vol[2] ?? vol[3]) out.issue = (vol[2] ?? vol[3])!;
    rest = rest.slice(vol[0].length);
  }
  const dated = /\(([^()]*?)(\d{4})[^()]*\)|(?:^|[\s,])(?:(?:January|February|March|April|May|June|July|August|September|October|November|December)\s(?:\d{1,2},\s)?)?(\d{4})\b/u.exec(rest);
  if (dated) out.year = dated[2] ?? dated[3];
  const pages = /(?:pp?\.\s*|page\s|:\s*|\)\s*,?\s*|,\s|\s(?=\d{1,4}[-–]\d))(\d{1,4}[-–]\d{1,4}|\d{1,4}(?=\.?\s*$))/u.exec(rest.slice(dated ? dated.index + dated[0].length - 1 : 0));
  const explicit = /(?:\bpp?\.\s*|\bpage\s)(\d{1,4}(?:[-–]\d{1,4})?)/u.exec(rest);
  if (explicit) out.pages = explicit[1]!.replace('–', '-');
  else if (pages) out.pages = pages[1]!.replace('–', '-');
  return out;
}

/** "Ed. Ivo Banac", "Intro. & ed. Ivo Banac", "In John W. Strong, ed." and "Ed. Paul R. Gregory and Norman Naimark". */
function takeEditors(text: string): { editors: EntryName[]; rest: string } {
  const editors: EntryName[] = [];
  const name = (s: string): EntryName => {
    const words = s.trim().split(/\s+/);
    return { family: words.at(-1)!, given: words.slice(0, -1).join(' ') };
  };
  let rest = text;
  const person = "(?:\\p{Lu}[\\p{Ll}'’-]+|\\p{Lu}\\.)(?:\\s(?:\\p{Lu}[\\p{Ll}'’-]+|\\p{Lu}\\.)){1,3}";
  const before = new RegExp(`(?:^|\\.\\s+|\\s)In\\s(${person}),\\s(?:ed|eds)\\.\\s*`, 'u').exec(rest);
  if (before) {
    editors.push(name(before[1]!));
    rest = `${rest.slice(0, before.index)}${before[0].startsWith('.') ? '. ' : ' '}In ${rest.slice(before.index + before[0].length)}`;
  }
  const after = new RegExp(`(?:^|[.,]["”]?\\s+)(?:Intro\\.\\s&\\s)?[Ee]ds?\\.\\s(${person}(?:\\sand\\s${person})?)\\.?`, 'u').exec(rest);
  if (after) {
    for (const n of after[1]!.split(/\s+and\s+/)) editors.push(name(n.replace(/\.$/, '')));
    const lead = /^[.,]["”]?/.exec(after[0])?.[0] ?? '';
    rest = `${rest.slice(0, after.index)}${lead}${rest.slice(after.index + after[0].length)}`;
  }
  return { editors, rest };
}

/** "Vospominaniia … Stalina ("Memoirs of Stalin's former secretary")": a translated title in parentheses or brackets. */
function takeTranslatedTitle(title: string): { title: string; translated?: string } {
  const m = /^(.*?)\s*(?:\(\s*["“]([^"”)]{4,})["”]\s*\)|\[([^\]]{4,})\])\s*$/u.exec(title);
  if (m && m[2] === undefined) m[2] = m[3]!;
  if (!m || !/\s/.test(m[2]!) || /^\d/.test(m[2]!) || /^(in Russian|two parts)$/i.test(m[2]!.trim())) return { title };
  return { title: m[1]!.replace(/[.,]$/, '').trim(), translated: m[2]!.replace(/[.,]$/, '').trim() };
}

/** After a quoted title: the translated title, then the container and its numbers, or the book a chapter is in and its imprint. */
function readArticle(quoted: { title: string; rest: string }, out: EntryFields): void {
  const tr = takeTranslatedTitle(quoted.title);
  out.title = tr.title;
  if (tr.translated) out.titleTranslated = tr.translated;
  let after = quoted.rest;
  const gloss = /^\(["“]([^"”]+)["”]\)[.,]?\s*/u.exec(after);
  if (gloss) {
    out.titleTranslated = gloss[1]!.replace(/[.,]$/, '');
    after = after.slice(gloss[0].length);
  }
  const imprint = findImprint(after);
  const containerText = /^In\s/.test(after) || !imprint ? after : after.slice(0, imprint.index);
  const container = readContainer(containerText);
  Object.assign(out, container);
  // A chapter in a book named without "In" ("… Breakthrough." The Lost Politburo Transcripts. … Stanford, CA: …): no volume or date, an imprint after it.
  const bookNamed = imprint && container.containerTitle && !container.volume && !container.issue && !container.pages && !container.year;
  if (bookNamed) {
    out.containerTitle = containerText.replace(/[.,\s]+$/, '').replace(/\*/g, '').trim();
    out.kind = 'chapter';
  }
  if (imprint && (/^In\s/.test(after) || !container.containerTitle || bookNamed)) {
    if (imprint.place) out.place = imprint.place;
    if (imprint.publisher) out.publisher = imprint.publisher;
    if (imprint.year) out.year = imprint.year;
  }
  if (bookNamed) {
    // kind set above
  } else if (/^In\s/.test(after) && out.publisher) {
    out.kind = 'chapter';
    const book = /^In\s+\*([^*]+)\*/.exec(after);
    if (book) out.containerTitle = book[1]!.trim();
  } else out.kind = out.containerTitle ? 'article' : out.url ? 'webpage' : 'article';
}

/** A book: the title up to the imprint, an edition or translator between them, then the imprint. */
function readBook(rest: string, raw: string, out: EntryFields): void {
  const imprint = findImprint(rest);
  const italic = /^\*([^*]+?)\*\.?/u.exec(rest);
  let title = italic ? italic[1]! : imprint ? rest.slice(0, imprint.index) : rest;
  title = title.replace(/[.,;:\s]+$/, '').replace(/\.(["”])$/u, '$1').trim();
  // What follows the title before the imprint: an edition, a translator, a volume number.
  const edition = /\.\s+((?:\d+\w*|Corrected|Revised|Second|Third)\s[^.]*?[Ee]dition)$/u.exec(title);
  if (edition) {
    out.edition = edition[1]!;
    title = title.slice(0, edition.index).trim();
  }
  title = title
    .replace(/\.\s+Translated from [^.]*$/u, '')
    .replace(/\.\s+Introduction by .*$/u, '')
    // The statement of responsibility ("By the Preliminary Commission of Inquiry: John Dewey, chairman [and others]", ", John Dewey, chairman") names no title words.
    .replace(/\.\s+By\s.*$/u, '')
    .replace(/,\s*[^,.]+,\s*(?:chairman|chair)$/u, '')
    .trim();
  const tr = takeTranslatedTitle(title);
  if (tr.title) out.title = tr.title.replace(/\.$/, '');
  if (tr.translated) out.titleTranslated = tr.translated;
  if (imprint) {
    if (imprint.place) out.place = imprint.place;
    if (imprint.publisher && !/^n\.p\.?$/.test(imprint.publisher)) out.publisher = imprint.publisher;
    if (imprint.year) out.year ??= imprint.year;
    if (imprint.edition) out.edition = imprint.edition;
  }
  if (/dissertation|thesis/i.test(raw)) {
    out.kind = 'thesis';
    // "Poole, Thomas Ray. "Counter-Trial." Leon Trotsky on the Soviet Purge Trials. Unpublished Ph.D. dissertation, …": the title is all before the degree.
    const head = /^(.*?)\.?\s+(?:Unpublished\s+)?(?:Ph\.\s?D\.|PhD|M\.\s?A\.|doctoral)?\s*(?:dissertation|thesis)\b/iu.exec(rest);
    if (head && head[1]!.trim()) {
      out.title = head[1]!.trim();
      delete out.place;
    }
    const school = /(?:dissertation|thesis),\s*([^,]+),\s*(\d{4})/i.exec(raw);
    if (school) {
      out.publisher = school[1]!.trim();
      out.year = school[2]!;
    }
  }
  else if (!out.publisher && !out.place && out.url) out.kind = 'webpage';
  else if (/\b(archive|papers)\b/i.test(out.title ?? '') && !out.publisher) out.kind = 'archive';
}

export function parseFields(raw: string): EntryFields {
  let text = raw.trim().replace(/^[-–]\s+/, '');
  const out: EntryFields = { authors: [], editors: [], kind: 'book' };
  const sig = takeSiglum(text);
  if (sig.siglum) out.siglum = sig.siglum;
  const urls = takeUrls(sig.rest);
  if (urls.url) out.url = urls.url;
  text = urls.rest.replace(/[,;]\s*$/, '').trim();
  // "…, 1938; 2nd edition New York, Monad Press, …, 1973": the entry's first imprint is the one cited; a later edition is a note.
  text = text.replace(/;\s*(?:\d+(?:st|nd|rd|th)|second|third|new|revised)\s+edition\b.*$/iu, '').trim();

  // APA: "Family, I. (2009). *Title*. Place: Publisher."
  const apa = /^((?:[\p{L}'’ -]+,\s*(?:\p{Lu}\.\s?)+(?:,?\s*(?:&|and)\s*)?)+)\s?\((\d{4}[a-z]?)\)\.\s*(.*)$/u.exec(text);
  let rest = text;
  if (apa) {
    out.authors = apa[1]!
      .split(/,\s*&\s*|\s&\s|,\s*and\s|\sand\s/)
      .map((s) => s.trim())
      .filter(Boolean)
      .map((s) => {
        const [family, given] = s.split(/,\s*/);
        return { family: family!, given: given?.trim() };
      });
    out.year = apa[2]!;
    rest = apa[3]!;
  } else {
    // "Commission of inquiry into … trials. Preliminary Commission Coyoacán, Mexico, 1937. The Case of …": an organisation heading
    // (with where and when it sat) is the author; it is not split into personal names.
    const org = /^((?:Commission|Committee|Council|Institute|Society)\s(?:of|for|on)\s[^.]+\.(?:\s[^.,]*?(?:Commission|Committee))?)(?:\s[^.]*?,\s*\d{4})?\.\s+(?=\p{Lu})/u.exec(text);
    const authors = org ? null : takeAuthors(text);
    if (org) {
      out.authors = [{ literal: org[1]!.replace(/\.$/, '') }];
      rest = text.slice(org[0].length);
    } else if (authors) {
      out.authors = authors.names;
      rest = authors.rest;
    }
  }

  const eds = takeEditors(rest);
  out.editors = eds.editors;
  rest = eds.rest;

  const quotedRaw = takeQuotedTitle(rest);
  // ""Politicheskoe zaveshchanie" V.I. Lenina: … Moscow: Izdatel'stvo MGU, 2003": a book title that begins with a quotation.
  const bookTitled = quotedRaw && !quotedRaw.closed && !/^(In\s|\*|\()/.test(quotedRaw.rest) && findImprint(quotedRaw.rest);
  // A dissertation whose title begins with a quotation is a thesis, not an article in a container.
  const quoted = bookTitled || /\b(?:dissertation|thesis)\b/i.test(rest) ? null : quotedRaw;
  // A periodical with its publisher in parentheses, ISBD style: "Cahiers Léon Trotsky. (Institut Léon Trotsky. - Saint Martin d'Hères: Inst., 1979-2003). ISSN 0181-0790".
  const serial = /^(.+?)\.\s*\(([^().]+)\.\s+-\s+([^:()]+):\s*[^,()]+,\s*(\d{4})[-–]\d{4}\)\.?(?:\s*ISSN\s[\dX-]+)?$/u.exec(rest);
  if (serial && !quoted) Object.assign(out, { title: serial[1]!.trim(), publisher: serial[2]!.trim(), place: serial[3]!.trim(), year: serial[4]! });
  else if (quoted) readArticle(quoted, out);
  else readBook(rest, raw, out);
  // APA puts the year first, so the imprint ends the entry: "… *The Red Army*. Scottsdale: Prism Key Press."
  if (apa && !out.publisher) {
    const imprint = new RegExp(`[.*]\\s+(${PLACE}):\\s*([^:]+?)\\.?\\s*$`, 'u').exec(text);
    if (imprint) {
      out.place = imprint[1]!.trim();
      out.publisher = imprint[2]!.trim();
      if (out.title && text.indexOf(out.title) >= 0) out.title = out.title.replace(new RegExp(`\\.?\\s*${escapeRegExp(imprint[1]!)}:.*$`), '');
    }
  }
  // A periodical or a series given with its run of years ("Izvestiia TsK KPSS. (1989-1991).", "Biulleten' Oppozitsii. 1929-1940.").
  if (!out.year && !out.authors.length) {
    const run = /(?:^|[.(]\s*)(\d{4})[-–]\d{4}\)?\.?\s*$/u.exec(text);
    if (run) out.year = run[1]!;
  }
  if (!out.year) {
    const end = /,\s(\d{4})\.?$/u.exec(text);
    if (end) out.year = end[1]!;
  }
  if (out.year && !YEAR.test(out.year)) delete out.year;
  return out;
}
