/** /quote: the passages that best answer a query, each with its exact citation and footnotes. */
import { z } from 'zod';
import type { CommandContext } from '../src/services.ts';
import type { Command } from '../src/dispatch/types.ts';
import { passageView } from '../src/present/passage.ts';
import { matchNotice } from '../src/present/match-notice.ts';
import { passagesReply } from '../src/reply/builders.ts';
import { hideOption, LANG_IDS, zBool, zEnum, zInt, zOptionalText, zText } from './options.ts';

export const QUOTE_QUERY_MAX = 10_000;

const args = z.object({
  query: zText(QUOTE_QUERY_MAX, 'The query'),
  work: zOptionalText(100, 'The work'),
  author: zOptionalText(100, 'The author'),
  lang: z.preprocess((v) => (v === '' ? undefined : v), zEnum(LANG_IDS).optional()),
  hide: zBool.optional(),
  limit: zInt(1, 10).optional(),
  page: zInt(1, 50).optional(),
});
type QuoteArgs = z.infer<typeof args>;

export const quote = {
  data: {
    name: 'quote',
    description: 'Find the passages that answer a query, with their exact citations',
    options: [
      { name: 'query', description: 'Words, a question, a "phrase in quotes", a name, or a line of Russian', type: 'string', required: true, autocomplete: 'query', maxLength: 6000 },
      { name: 'work', description: 'Only this work', type: 'string', autocomplete: 'work' },
      { name: 'lang', description: 'Only passages in this language', type: 'string', choices: LANG_IDS.map((l) => ({ name: l, value: l })) },
      { name: 'author', description: 'Only works by this author', type: 'string', maxLength: 100 },
      hideOption,
      { name: 'limit', description: 'How many passages (1–10)', type: 'integer', minValue: 1, maxValue: 10 },
      { name: 'page', description: 'Page of results', type: 'integer', minValue: 1, maxValue: 50 },
    ],
    // Inside a discussion, searches default to its work.
    needs: { thread: true },
  },
  args,
  examples: ['/quote peppery dishes', '/quote "I can make stuff up, and people will believe it"', '/quote Ежов', '/quote Zinovev capitulation lang:en'],
  async execute(a: QuoteArgs, ctx: CommandContext) {
    const limit = a.limit ?? 3;
    const page = a.page ?? 1;
    const work = a.work ?? ctx.scope.thread?.workId;
    const result = await ctx.search.search(a.query, {
      limit,
      offset: (page - 1) * limit,
      ...(work ? { work } : {}),
      ...(a.lang ? { lang: a.lang } : {}),
      ...(a.author ? { author: a.author } : {}),
    });
    const style = ctx.scope.defaults.style;
    const views = result.hits.map((h) => passageView(ctx.corpus, ctx.cite, h.block, h.work, style, { snippet: h.snippet, score: h.score, unit: true, ...(h.after ? { after: h.after } : {}), ...(h.heading ? { heading: h.heading } : {}) }));
    const reply = passagesReply(`Quote: ${a.query.length > 80 ? `${a.query.slice(0, 77)}…` : a.query}`, views, {
      ...(a.hide ? { hidden: true } : { visibility: ctx.scope.defaults.visibility }),
      paging: { target: 'quote', page, hasNext: result.total > page * limit },
    });
    const notices = [...result.notices, ...(page === 1 ? [matchNotice(result.match)].filter((n) => n !== undefined) : [])];
    if (notices.length) {
      reply.sections.unshift({ kind: 'text', text: notices.join(' ') });
      reply.facts = { notices };
    }
    if (!views.length) {
      reply.empty = true;
      reply.sections = [{ kind: 'text', text: `${result.notices.join(' ')} No passage matches “${a.query}”${work ? ` in ${work}` : ''}. Try fewer words, another spelling, or ${ctx.scope.platform.commandPrefix}works to see what is in the library.`.trim() }];
    }
    return reply;
  },
} satisfies Command<QuoteArgs, CommandContext>;
