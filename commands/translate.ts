/** /translate: an original and the translation the source gives, side by side, aligned segment by segment. */
import { z } from 'zod';
import type { CommandContext } from '../src/context.ts';
import type { Command } from '../src/commands/types.ts';
import type { TranslationPair } from '../src/corpus/model.ts';
import { UserError } from '../src/errors.ts';
import { columnsView, TRANSLATION_NOTE } from '../src/present/passage.ts';
import { columnsReply } from '../src/reply/builders.ts';
import type { Section } from '../src/reply/model.ts';
import { hideOption, PASSAGE_ID, zBool, zText } from './options.ts';

const args = z.object({ query: zText(2000, 'The query or passage id'), hide: zBool.optional() });
type TranslateArgs = z.infer<typeof args>;

/** The pairs for a query: by passage id or pair id, else by searching both sides of every pair. */
export function findPairs(ctx: CommandContext, query: string, limit: number): TranslationPair[] {
  const q = query.trim();
  if (PASSAGE_ID.test(q) || /\.t\d+$/.test(q)) {
    const pair = /\.t\d+$/.test(q) ? ctx.corpus.pair(q) : ctx.corpus.block(q)?.pair ? ctx.corpus.pair(ctx.corpus.block(q)!.pair!) : undefined;
    if (!pair) {
      if (!ctx.corpus.block(q) && !/\.t\d+$/.test(q)) throw new UserError('passage.unknown', `There is no passage "${q}". Passage ids look like trotskys-lies.p37; /quote shows them.`);
      throw new UserError('translate.no-pair', `The source gives no translation for ${q}. /quote with lang:ru finds passages that have one.`);
    }
    return [pair];
  }
  const result = ctx.search.search(q, { pairsOnly: true, limit: limit * 3 });
  const pairs: TranslationPair[] = [];
  for (const hit of result.hits) {
    const pair = hit.block.pair ? ctx.corpus.pair(hit.block.pair) : undefined;
    if (pair && !pairs.includes(pair)) pairs.push(pair);
    if (pairs.length >= limit) break;
  }
  return pairs;
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
    const [pair] = findPairs(ctx, a.query, 1);
    if (!pair) {
      throw new UserError('translate.none', `No passage with a translation in the source matches “${a.query}”. Try words from the Russian or from the English.`);
    }
    const work = ctx.corpus.workOf(pair.original[0]!)!;
    const segments = pair.segments.map((seg) => columnsView(ctx.corpus, work, pair, seg));
    const reply = columnsReply(segments[0]!, { ...(a.hide ? { hidden: true } : { visibility: ctx.scope.defaults.visibility }) });
    const sections: Section[] = segments.map((columns) => ({ kind: 'columns', columns }));
    if (pair.via.length) {
      sections.unshift({ kind: 'text', text: `The source gives this passage through an intermediate ${ctx.corpus.block(pair.via[0]!)!.lang === 'fr' ? 'French' : ''} version as well (${pair.via.join(', ')}).` });
    }
    reply.sections = sections;
    reply.lastCitation = { workId: work.meta.id, text: ctx.cite.passage(ctx.corpus.block(pair.original[0]!)!, work, ctx.scope.defaults.style) };
    reply.actions = reply.actions.map((x) => ({ ...x, target: x.kind === 'cite' || x.kind === 'discuss' ? pair.original[0]! : x.target }));
    reply.title = `${work.meta.shortTitle ?? work.meta.title}: ${pair.label.toLowerCase() === 'translated' ? 'original and translation' : pair.label}`;
    void TRANSLATION_NOTE;
    return reply;
  },
} satisfies Command<TranslateArgs, CommandContext>;
