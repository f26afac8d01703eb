/**
 * The loaded corpus: the built works with the lookups every command needs. Read-only once built.
 */
import type { BibEntry, Block, Citation, TranslationPair } from './model.ts';
import type { CorpusBuild, WorkBuild } from './work.ts';
import { leadIns, type LeadInUnit } from './lead-in.ts';

export const PASSAGE_KINDS = new Set<Block['kind']>(['paragraph', 'quotation', 'list-item', 'footnote']);
/** Lines beside the text, each read among its own kind: the front matter, a web page's own lines. */
const ASIDE_KINDS = new Set<Block['kind']>(['front-matter', 'page-text']);
/** What a passage may read beside it in its section (`passageBefore`, `passageAfter`): the text's own prose. */
const BESIDE_KINDS = new Set<Block['kind']>(['paragraph', 'quotation', 'list-item']);
/**
 * What search finds: the passages, the lines of the front matter (an ISBN, a publisher, catalogue
 * data), a web page's own lines (a price, how to order) and the bibliography's entries ("Getty
 * Origins of the Great Purges": the full reference is only there).
 */
export const SEARCHABLE_KINDS = new Set<Block['kind']>([...PASSAGE_KINDS, 'front-matter', 'page-text', 'bibliography']);

export interface WorkSummary {
  id: string;
  title: string;
  author: string;
}

export function authorLine(work: WorkBuild['meta']): string {
  return work.authors.map((a) => a.literal ?? [a.given, a.family].filter(Boolean).join(' ')).join(', ');
}

export class Corpus {
  readonly works: WorkBuild[];
  readonly collection: string | undefined;
  private readonly blocks = new Map<string, Block>();
  private readonly workOfBlock = new Map<string, WorkBuild>();
  private readonly order = new Map<string, number>();
  private readonly entries = new Map<string, BibEntry>();
  private readonly citations = new Map<string, Citation>();
  private readonly pairs = new Map<string, TranslationPair>();
  private readonly citedIn = new Map<string, string[]>();

  /** The bundled corpus under a group's texts: looked up, never copied (every group shares it). */
  private readonly base: Corpus | undefined;
  /** This corpus's own works (the base corpus's are read through `base`). */
  private readonly own: readonly WorkBuild[];
  /** Quotation id → its lead-in's id, and the reverse (lead-in.ts); made on first use. */
  private leads: { lead: Map<string, string>; quotation: Map<string, string> } | undefined;

  /**
   * `base`: the corpus this one's works are added on top of (a group's library on the bundled
   * corpus); its works come first, and its lookups are shared rather than copied per group.
   */
  constructor(build: Pick<CorpusBuild, 'works'>, collection?: string, base?: Corpus) {
    this.works = base ? [...base.works, ...build.works] : build.works;
    this.collection = collection;
    this.base = base;
    this.own = build.works;
    for (const w of build.works) {
      w.blocks.forEach((b, i) => {
        this.blocks.set(b.id, b);
        this.workOfBlock.set(b.id, w);
        this.order.set(b.id, i);
      });
      for (const e of w.bibliography) this.entries.set(e.id, e);
      for (const p of w.pairs) this.pairs.set(p.id, p);
      for (const c of w.citations) {
        this.citations.set(c.id, c);
        if (c.entry) {
          const list = this.citedIn.get(c.entry) ?? [];
          list.push(c.block);
          this.citedIn.set(c.entry, list);
        }
      }
    }
  }

  work(id: string): WorkBuild | undefined {
    return this.works.find((w) => w.meta.id === id);
  }

  summary(w: WorkBuild): WorkSummary {
    return { id: w.meta.id, title: w.meta.title, author: authorLine(w.meta) };
  }

  block(id: string): Block | undefined {
    return this.blocks.get(id) ?? this.base?.block(id);
  }

  private russianOnlyIds: Set<string> | undefined;
  /**
   * The passages in Russian that carry no translation (with the base corpus's), made once: what an
   * English query is asked of in Russian (engine.ts). A set of these few ids is what that pass tests
   * each matching passage against; looking every one up among hundreds of thousands of passages
   * was most of its cost on a large library.
   */
  russianOnly(): ReadonlySet<string> {
    if (!this.russianOnlyIds) {
      const ids = new Set<string>();
      for (const [id, b] of this.blocks) if (b.lang === 'ru' && !b.pair) ids.add(id);
      // A passage of this corpus hides the base corpus's passage of the same id (see `block`).
      if (this.base) for (const id of this.base.russianOnly()) if (!this.blocks.has(id)) ids.add(id);
      this.russianOnlyIds = ids;
    }
    return this.russianOnlyIds;
  }

  private leadLinks(): { lead: Map<string, string>; quotation: Map<string, string> } {
    if (!this.leads) {
      const lead = new Map<string, string>();
      for (const w of this.own) for (const [q, l] of leadIns(w.blocks)) lead.set(q, l);
      this.leads = { lead, quotation: new Map([...lead].map(([q, l]) => [l, q])) };
    }
    return this.leads;
  }

  /** The paragraph ending in a colon that leads into this quotation (lead-in.ts), if any. */
  leadIn(block: Block): Block | undefined {
    if (this.base && !this.blocks.has(block.id)) return this.base.leadIn(block);
    const id = this.leadLinks().lead.get(block.id);
    return id === undefined ? undefined : this.blocks.get(id);
  }

  /** The quotation this lead-in paragraph leads into (lead-in.ts), if any. */
  quotationAfter(block: Block): Block | undefined {
    if (this.base && !this.blocks.has(block.id)) return this.base.quotationAfter(block);
    const id = this.leadLinks().quotation.get(block.id);
    return id === undefined ? undefined : this.blocks.get(id);
  }

  /**
   * The passage a footnote annotates, where a reply shows the footnote (under it); undefined for
   * any other block, or a note on a note, which has no passage to stand under.
   */
  annotatedBy(block: Block): Block | undefined {
    const annotated = block.kind === 'footnote' && block.refBlock ? this.block(block.refBlock) : undefined;
    return annotated && annotated.kind !== 'footnote' ? annotated : undefined;
  }

  /**
   * The lead-in unit this block belongs to (lead-in.ts): a quotation and its lead-in, under the
   * lead-in, or the block alone. A quotation never ends in a colon, so it is never itself a lead-in.
   */
  unitOf(block: Block): LeadInUnit {
    const lead = this.leadIn(block);
    if (lead) return { lead, quotation: block, head: lead, blocks: [lead, block] };
    const quotation = this.quotationAfter(block);
    if (quotation) return { lead: block, quotation, head: block, blocks: [block, quotation] };
    return { head: block, blocks: [block] };
  }

  /**
   * The passage a reader has just read before this one in the same section: the nearest earlier
   * paragraph, quotation or list item of its work (footnotes and garbled duplicates skipped, and
   * the other side of its own translation pair, which says the same); undefined across a heading,
   * a chapter or section change, or any other block (front matter, a bibliography entry). What a
   * passage may take its topic from (search/context-cover.ts).
   */
  passageBefore(block: Block): Block | undefined {
    return this.passageBeside(block, -1);
  }

  /**
   * The passage read just after this one in its section, as `passageBefore` reads the one before:
   * footnotes and the block's own translation skipped, none across a heading or past another kind
   * of block. Where a question's answer may follow its topic (search/answer-after.ts).
   */
  passageAfter(block: Block): Block | undefined {
    return this.passageBeside(block, 1);
  }

  /** The passage read next to this one in its section, one way (`step` -1 before, 1 after): see passageBefore. */
  private passageBeside(block: Block, step: -1 | 1): Block | undefined {
    if (this.base && !this.blocks.has(block.id)) return this.base.passageBeside(block, step);
    const w = this.workOfBlock.get(block.id);
    const at = this.order.get(block.id);
    if (!w || at === undefined || w.blocks[at] !== block) return undefined;
    for (let i = at + step; i >= 0 && i < w.blocks.length; i += step) {
      const b = w.blocks[i]!;
      if (b.kind === 'footnote' || b.suppressed || (block.pair !== undefined && b.pair === block.pair)) continue;
      if (!BESIDE_KINDS.has(b.kind) || b.locator.chapter !== block.locator.chapter || b.locator.section !== block.locator.section) return undefined;
      return b;
    }
    return undefined;
  }

  workOf(blockId: string): WorkBuild | undefined {
    return this.workOfBlock.get(blockId) ?? this.base?.workOf(blockId);
  }

  entry(id: string): BibEntry | undefined {
    return this.entries.get(id) ?? this.base?.entry(id);
  }

  citation(id: string): Citation | undefined {
    return this.citations.get(id) ?? this.base?.citation(id);
  }

  pair(id: string): TranslationPair | undefined {
    return this.pairs.get(id) ?? this.base?.pair(id);
  }

  /** Passages citing a bibliography entry (duplicates of the entry included). */
  citingBlocks(entryId: string): string[] {
    if (this.base?.entry(entryId)) return this.base.citingBlocks(entryId);
    const ids = [entryId, ...[...this.entries.values()].filter((e) => e.duplicateOf === entryId).map((e) => e.id)];
    return [...new Set(ids.flatMap((id) => this.citedIn.get(id) ?? []))];
  }

  /**
   * Searchable passages (of `works`, by default all): paragraphs, quotations, list items, footnotes,
   * front-matter and page lines and bibliography entries, minus garbled duplicates and an entry the
   * bibliography lists twice (its first listing is found).
   */
  *passages(works: readonly WorkBuild[] = this.works): Generator<{ block: Block; work: WorkBuild }> {
    for (const w of works) {
      const twice = new Set(w.bibliography.filter((e) => e.duplicateOf).map((e) => e.id));
      for (const b of w.blocks) {
        if (SEARCHABLE_KINDS.has(b.kind) && !b.suppressed && b.plain.length > 0 && !twice.has(b.id)) yield { block: b, work: w };
      }
    }
  }

  footnotesOf(block: Block): Block[] {
    return block.markers
      .map((m) => (m.footnoteId ? this.block(m.footnoteId) : undefined))
      .filter((b): b is Block => b !== undefined);
  }

  /**
   * The main-text blocks around a passage (footnotes, headings, front matter and a page's own lines
   * skipped), in reading order; around a front-matter line, the front matter's lines (the rest of
   * its page), around a web page's own line, the page's other such lines, and around a
   * bibliography entry, the entries beside it.
   */
  neighbours(id: string, before: number, after: number): Block[] {
    if (this.base && !this.blocks.has(id)) return this.base.neighbours(id, before, after);
    const w = this.workOfBlock.get(id);
    const at = this.order.get(id);
    if (!w || at === undefined) return [];
    const aside = w.blocks[at]!.kind;
    // Around a bibliography entry, the entries listed beside it.
    const main = (b: Block) => (ASIDE_KINDS.has(aside) || aside === 'bibliography' ? b.kind === aside : b.kind !== 'footnote' && b.kind !== 'bibliography' && !ASIDE_KINDS.has(b.kind) && !b.suppressed);
    const out: Block[] = [];
    for (let i = at - 1, n = 0; i >= 0 && n < before; i--) {
      const b = w.blocks[i]!;
      if (main(b) && b.kind !== 'heading') {
        out.unshift(b);
        n++;
      }
    }
    out.push(w.blocks[at]!);
    for (let i = at + 1, n = 0; i < w.blocks.length && n < after; i++) {
      const b = w.blocks[i]!;
      if (main(b) && b.kind !== 'heading') {
        out.push(b);
        n++;
      }
    }
    return out;
  }
}
