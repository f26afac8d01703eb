/** /translate: an original and the translation the source gives, side by side, aligned segment by segment. */
import { z } from 'zod';
import type { CommandContext } from '../src/services.ts';
import type { Command } from '../src/dispatch/types.ts';
import type { TranslationPair } from '../src/corpus/model.ts';
import { CONFIDENT, isVerified, matchSides, pairContainsQuery, sentenceMatch, type PairMatch, type SentenceRef } from '../src/corpus/pair-lookup.ts';
import { UserError } from '../src/errors.ts';
import { columnsView } from '../src/present/passage.ts';
import { pairFacts } from '../src/present/pair-facts.ts';
import { columnsReply } from '../src/reply/builders.ts';
import type { ColumnsView, Section } from '../src/reply/model.ts';
import { hideOption, PASSAGE_ID, zBool, zText } from './options.ts';

const args = z.object({ query: zText(2000, 'The query or passage id'), hide: zBool.optional() });
type TranslateArgs = z.infer<typeof args>;

/**
 * The pairs for a query: by passage id or pair id; else the pair one of whose sentences the query
 * is, first; else by searching both sides of every pair, keeping only pairs that contain the
 * query's words (an unrelated pair is never offered as the answer).
 */
export async function findPairMatches(ctx: CommandContext, query: string, limit: number): Promise<PairMatch[]> {
  const q = query.trim();
  if (PASSAGE_ID.test(q) || /\.t\d+$/.test(q)) {
    const pair = /\.t\d+$/.test(q) ? ctx.corpus.pair(q) : ctx.corpus.block(q)?.pair ? ctx.corpus.pair(ctx.corpus.block(q)!.pair!) : undefined;
    if (!pair) {
      if (!ctx.corpus.block(q) && !/\.t\d+$/.test(q)) throw new UserError('passage.unknown', `There is no passage "${q}". Passage ids look like trotskys-lies.p37; ${ctx.scope.platform.commandPrefix}quote shows them.`);
      throw new UserError('translate.no-pair', `The source gives no translation for ${q}. ${ctx.scope.platform.commandPrefix}quote with lang:ru finds passages that have one.`);
    }
    return [{ pair }];
  }
  const out: PairMatch[] = [];
  const exact = sentenceMatch(ctx.corpus, q);
  if (exact) out.push(exact);
  const result = await ctx.search.search(q, { pairsOnly: true, limit: limit * 3 });
  for (const hit of result.hits) {
    if (out.length >= limit) break;
    const pair = hit.block.pair ? ctx.corpus.pair(hit.block.pair) : undefined;
    if (!pair || out.some((m) => m.pair === pair)) continue;
    if (pairContainsQuery(ctx.corpus, pair, q)) out.push({ pair });
  }
  return out;
}


/** Marks sentences of a side with strong emphasis (underline when the sentence has emphasis of its own), through the reply's inline markup. */
export function markSentences(ctx: CommandContext, ids: string[], refs: SentenceRef[]): string {
  return ids
    .map((id) => {
      const text = ctx.corpus.block(id)?.text ?? '';
      const spans = refs.filter((r) => r.block === id).sort((a, b) => b.start - a.start);
      let out = text;
      for (const r of spans) {
        const inner = out.slice(r.start, r.end);
        const [open, close] = inner.includes('**') ? ['<u>', '</u>'] : ['**', '**'];
        out = `${out.slice(0, r.start)}${open}${inner}${close}${out.slice(r.end)}`;
      }
      return out;
    })
    .join('\n\n');
}

function segmentView(ctx: CommandContext, pair: TranslationPair, k: number, match: PairMatch['match']): ColumnsView {
  const work = ctx.corpus.workOf(pair.original[0]!)!;
  const seg = pair.segments[k]!;
  const view = columnsView(ctx.corpus, work, pair, seg, pair.segmentConfidence?.[k]);
  if (match) {
    const { original: originalRefs, translation: translationRefs } = matchSides(match);
    if (originalRefs.some((r) => seg[0].includes(r.block))) view.original.text = markSentences(ctx, seg[0], originalRefs);
    if (translationRefs.some((r) => seg[1].includes(r.block))) view.translation.text = markSentences(ctx, seg[1], translationRefs);
  }
  return view;
}

export const translate = {
  data: {
    name: 'translate',
    description: 'Show an original next to the translation the source gives',
    options: [
      { name: 'query', description: 'Words from either side, or a passage id such as trotskys-lies.p37', type: 'string', required: true, autocomplete: 'passage' },
      hideOption,
    ],
  },
  args,
  examples: ['/translate консул Латвии', '/translate the consul of Latvia was an agent of Hitler', '/translate trotskys-lies.p37'],
  async execute(a: TranslateArgs, ctx: CommandContext) {
    const [found] = await findPairMatches(ctx, a.query, 1);
    if (!found) {
      throw new UserError(
        'translate.none',
        `None of the translations the sources give contains “${a.query}”. Try other words from the Russian or the English, or ${ctx.scope.platform.commandPrefix}quote to search every passage.`,
      );
    }
    const { pair, match } = found;
    const work = ctx.corpus.workOf(pair.original[0]!)!;
    let order = pair.segments.map((_, k) => k);
    const matchedAt = match ? pair.segments.findIndex(([o, t]) => [...match.query, ...match.counterpart].some((r) => o.includes(r.block) || t.includes(r.block))) : -1;
    if (matchedAt > 0) order = [matchedAt, ...order.filter((k) => k !== matchedAt)];
    const segments = order.map((k) => segmentView(ctx, pair, k, k === matchedAt || (matchedAt < 0 && k === 0) ? match : undefined));
    const reply = columnsReply(segments[0]!, { ...(a.hide ? { hidden: true } : { visibility: ctx.scope.defaults.visibility }) });
    const sections: Section[] = segments.map((columns) => ({ kind: 'columns', columns }));
    if (matchedAt > 0) {
      sections.unshift({ kind: 'text', text: `Your sentence is in part ${matchedAt + 1} of ${pair.segments.length} of this passage; the other parts follow in order.` });
    }
    if (pair.via.length) {
      const intermediate = match?.side === 'intermediate' ? match.query : [];
      const language = ctx.corpus.block(pair.via[0]!)!.lang === 'fr' ? 'French' : '';
      // A sentence of the intermediate version: show it, marked, with the English and the original marked below.
      const viaBlocks = pair.via.filter((id) => intermediate.some((r) => r.block === id));
      sections.unshift({
        kind: 'text',
        text: viaBlocks.length
          ? `Your sentence is in the source's intermediate ${language} version (${viaBlocks.join(', ')}); the English and the original opposite it are marked below:\n\n${markSentences(ctx, viaBlocks, intermediate)}`
          : `The source gives this passage through an intermediate ${language} version as well (${pair.via.join(', ')}).`,
      });
    }
    if (match && match.confidence < CONFIDENT && isVerified(pair)) {
      sections.unshift({
        kind: 'text',
        text: `Uncertain: the marked sentence opposite yours is the nearest candidate in the source's translation; Lectern could not confirm that it translates your sentence (confidence ${match.confidence.toFixed(2)}). Read the whole part around it.`,
      });
    }
    if (!isVerified(pair)) {
      sections.unshift({
        kind: 'text',
        text: `Uncertain: Lectern could not confirm that the English below is the source's translation of this passage (confidence ${(pair.confidence ?? 0).toFixed(2)}); it is the nearest candidate. Check it against the source.`,
      });
    }
    reply.sections = sections;
    reply.lastCitation = { workId: work.meta.id, text: ctx.cite.passage(ctx.corpus.block(pair.original[0]!)!, work, ctx.scope.defaults.style) };
    reply.actions = reply.actions.map((x) => ({ ...x, target: x.kind === 'cite' || x.kind === 'discuss' ? pair.original[0]! : x.target }));
    const what = !isVerified(pair) ? 'original and nearest candidate (uncertain)' : pair.label.toLowerCase() === 'translated' ? 'original and translation' : pair.label;
    reply.title = `${work.meta.shortTitle ?? work.meta.title}: ${what}`;
    reply.facts = { pairs: [pairFacts(ctx.corpus, found)] };
    return reply;
  },
} satisfies Command<TranslateArgs, CommandContext>;
