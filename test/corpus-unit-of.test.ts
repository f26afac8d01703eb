/**
 * `Corpus.unitOf`: the one answer to which block stands for a lead-in and its quotation and which
 * blocks they span (src/corpus/lead-in.ts), which the reply, the fold, the citation and the index
 * all read. Checked on every block of the bundled corpus against the lead-ins found in each work's
 * blocks by `leadIns`, the rule itself, and against `leadIn` and `quotationAfter`.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { Corpus } from '../src/corpus/corpus.ts';
import { leadIns } from '../src/corpus/lead-in.ts';
import type { Block } from '../src/corpus/model.ts';
import { realCorpus } from './helpers/corpus.ts';

let corpus: Corpus;
beforeAll(async () => {
  ({ corpus } = await realCorpus());
});

describe('GIVEN every block of the bundled corpus', () => {
  it('THEN a quotation and its lead-in are one unit headed by the lead-in, in reading order, and any other block is a unit alone', () => {
    let units = 0;
    for (const work of corpus.works) {
      const quotationToLead = leadIns(work.blocks);
      const leadToQuotation = new Map([...quotationToLead].map(([q, l]) => [l, q]));
      const position = new Map(work.blocks.map((b, i) => [b.id, i]));
      for (const block of work.blocks) {
        const unit = corpus.unitOf(block);
        const leadId = quotationToLead.get(block.id);
        const quotationId = leadToQuotation.get(block.id);
        if (leadId !== undefined) {
          const lead = corpus.block(leadId)!;
          expect(unit).toEqual({ lead, quotation: block, head: lead, blocks: [lead, block] });
          expect(unit.lead).toBe(corpus.leadIn(block));
          expect(corpus.quotationAfter(lead)).toBe(block);
        } else if (quotationId !== undefined) {
          const quotation = corpus.block(quotationId)!;
          expect(unit).toEqual({ lead: block, quotation, head: block, blocks: [block, quotation] });
          expect(unit.quotation).toBe(corpus.quotationAfter(block));
          expect(corpus.leadIn(quotation)).toBe(block);
          units++;
        } else {
          expect(unit).toEqual({ head: block, blocks: [block] });
          expect(corpus.leadIn(block)).toBeUndefined();
          expect(corpus.quotationAfter(block)).toBeUndefined();
        }
        // The head is the unit's first block, and the blocks run as the reader meets them.
        expect(unit.blocks[0]).toBe(unit.head);
        const at = unit.blocks.map((b) => position.get(b.id)!);
        expect(at).toEqual([...at].sort((a, b) => a - b));
      }
    }
    // The bundled corpus has lead-ins (Serge's, Piatakov's testimony …): the loop above met them.
    expect(units).toBeGreaterThan(10);
  });

  it("THEN Serge's quotation is read with the paragraph that names him, under that paragraph", () => {
    const serge = [...corpus.passages()].find((p) => p.block.plain.includes('Everything has changed. The aims: from international social revolution'))!.block;
    const unit = corpus.unitOf(serge);
    expect(unit.head.plain).toMatch(/summarized by Victor Serge in his book From Lenin to Stalin:$/);
    expect(unit.blocks.map((b) => b.id)).toEqual([unit.head.id, serge.id]);
    expect(corpus.unitOf(unit.head)).toEqual(unit);
  });
});

describe('GIVEN a group library on top of the bundled corpus', () => {
  it("THEN a bundled block's unit is the bundled corpus's, and the library's own lead-in heads its own quotation", () => {
    const lead: Block = { ...corpus.works[0]!.blocks.find((b) => b.kind === 'paragraph')!, id: 'mine.p1', plain: 'Serge wrote:', text: 'Serge wrote:', pair: undefined, suppressed: undefined };
    const quotation: Block = { ...lead, id: 'mine.p2', plain: 'Everything has changed.', text: 'Everything has changed.' };
    const work = { ...corpus.works[0]!, meta: { ...corpus.works[0]!.meta, id: 'mine' }, blocks: [lead, quotation] };
    const library = new Corpus({ works: [work] }, 'group', corpus);
    expect(library.unitOf(quotation)).toEqual({ lead, quotation, head: lead, blocks: [lead, quotation] });
    const serge = [...corpus.passages()].find((p) => p.block.plain.includes('Everything has changed. The aims: from international social revolution'))!.block;
    expect(library.unitOf(serge)).toEqual(corpus.unitOf(serge));
    expect(library.unitOf(serge).head).toBe(corpus.leadIn(serge));
  });
});

describe('GIVEN every footnote of the bundled corpus', () => {
  it('THEN annotatedBy gives the passage its marker stands in, where the reply shows it, and nothing for any other block', () => {
    let notes = 0;
    for (const work of corpus.works) {
      for (const block of work.blocks) {
        const annotated = corpus.annotatedBy(block);
        if (block.kind !== 'footnote') {
          expect(annotated, block.id).toBeUndefined();
          continue;
        }
        const ref = block.refBlock ? corpus.block(block.refBlock) : undefined;
        if (!ref || ref.kind === 'footnote') {
          expect(annotated, block.id).toBeUndefined();
          continue;
        }
        notes++;
        expect(annotated, block.id).toBe(ref);
        expect(ref.markers.some((m) => m.footnoteId === block.id), block.id).toBe(true);
      }
    }
    expect(notes).toBeGreaterThan(80);
  });
});
