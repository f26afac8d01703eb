/**
 * A deterministic stand-in for the real commands, for the Discord tests while the real registry
 * helper (test/helpers/real-dispatch.ts) is being written. Commands answer like the Matrix fake
 * (the same inputs the real corpus answers: `quote peppery dishes`, `trotskys-lies.p37`,
 * `translate консул Латвии`), with definitions that carry Discord's autocomplete and choices.
 *
 * `withDiscordScenarios` adds, on top of any dispatch (fake or real), the replies a platform test
 * needs whatever the corpus holds: a slow answer (deferral), corpus text full of mentions, links
 * and markdown (escaping), a long passage (paging), and a dispatch that throws (error boundary).
 */
import type { Autocomplete, Dispatch, Invocation } from '../../src/dispatch/invocation.ts';
import type { CommandDefinition } from '../../src/dispatch/types.ts';
import { errorReply, passagesReply } from '../../src/reply/builders.ts';
import type { PassageView } from '../../src/reply/model.ts';
import { createFakeDispatch } from './fake-dispatch.ts';

const hide = { name: 'hide', description: 'Only you see the answer', type: 'boolean' } as const;
const styles = ['chicago', 'chicago-note', 'mla', 'apa', 'bibtex', 'ris'].map((s) => ({ name: s, value: s }));

export const FAKE_DISCORD_COMMANDS: CommandDefinition[] = [
  {
    name: 'quote',
    description: 'Find the passages that answer a query',
    options: [
      { name: 'query', description: 'Words, a question or a phrase', type: 'string', required: true, autocomplete: 'query', maxLength: 6000 },
      { name: 'work', description: 'Only this work', type: 'string', autocomplete: 'work' },
      { name: 'lang', description: 'Only passages in this language', type: 'string', choices: ['en', 'ru', 'fr'].map((l) => ({ name: l, value: l })) },
      hide,
      { name: 'limit', description: 'How many passages (1–10)', type: 'integer', minValue: 1, maxValue: 10 },
    ],
  },
  {
    name: 'source',
    description: 'The reference a citation points at',
    options: [
      { name: 'text', description: 'A title, author, short citation or Ibid.', type: 'string', required: true },
      { name: 'style', description: 'Citation style', type: 'string', choices: styles },
      { name: 'passage', description: 'The passage the citation appears in', type: 'string', autocomplete: 'passage' },
    ],
  },
  { name: 'translate', description: 'An original next to its translation', options: [{ name: 'query', description: 'Words or a passage id', type: 'string', required: true, autocomplete: 'passage' }, hide] },
  {
    name: 'context',
    description: 'Paragraphs around a passage',
    options: [
      { name: 'passage', description: 'A passage id', type: 'string', required: true, autocomplete: 'passage' },
      { name: 'before', description: 'Paragraphs before (0–5)', type: 'integer', minValue: 0, maxValue: 5 },
      { name: 'after', description: 'Paragraphs after (0–5)', type: 'integer', minValue: 0, maxValue: 5 },
      hide,
    ],
  },
  {
    name: 'cite',
    description: "A passage's citation",
    options: [{ name: 'passage', description: 'A passage id', type: 'string', required: true, autocomplete: 'passage' }, { name: 'style', description: 'Citation style', type: 'string', choices: styles }, hide],
  },
  { name: 'works', description: 'The works in the library', options: [hide] },
  { name: 'help', description: 'What each command does', options: [hide] },
];

/** Text a corpus could hold that must neither ping, nor link, nor break the layout. */
export const HOSTILE_TEXT = 'Posted in the chat: @everyone <@123> <@&456> <#789> see https://evil.example/login and [click](https://evil.example/x) **bold**\n# heading\n> quoted\n- item ||spoiler|| `code`';

/** Queries `withDiscordScenarios` answers itself. */
export const SCENARIO = {
  slow: 'slow-answer',
  hostile: 'hostile-text',
  long: 'long-answer',
  explode: 'explode-in-dispatch',
  /** Slow, and then an error: the public deferral must give way to a hidden message. */
  slowError: 'slow-error',
  /** Results with a "More results" action, like /quote's own paging. */
  results: 'paged-results',
} as const;
/** Longer than Discord's 3 s window minus the 2 s Lectern waits before deferring. */
export const SLOW_MS = 2_600;

const WORK = { id: 'trotskys-lies', title: "Trotsky's Lies", author: 'Grover Furr' };

function scenarioPassage(id: string, text: string): PassageView {
  return {
    id,
    work: WORK,
    text,
    lang: 'en',
    locator: { work: WORK.id, chapter: 2, paragraph: 37, page: 35 },
    locatorLabel: "Trotsky's Lies, ch. 2, ¶ 37, p. 35",
    citation: "Furr, *Trotsky's Lies*, p. 35",
    footnotes: [{ marker: '[1]', text: 'A note quoting <@123> and https://evil.example/note.' }],
  };
}

export function withDiscordScenarios(inner: Dispatch): Dispatch {
  return async (inv: Invocation) => {
    const query = inv.args.query;
    const hidden = inv.args.hide === true;
    if (query === SCENARIO.explode) throw new Error('boom from the test dispatch');
    if (query === SCENARIO.slow) {
      await new Promise((resolve) => setTimeout(resolve, SLOW_MS));
      return inner({ ...inv, args: { ...inv.args, query: 'peppery dishes' } });
    }
    if (query === SCENARIO.slowError) {
      await new Promise((resolve) => setTimeout(resolve, SLOW_MS));
      return errorReply('query.unusable', 'There is nothing to search for in that query.');
    }
    if (query === SCENARIO.results) {
      const page = Number(inv.args.page ?? 1);
      return passagesReply(`Quote: results page ${page}`, [scenarioPassage(`trotskys-lies.p${36 + page}`, `Result on page ${page}.`)], { hidden, paging: { target: 'quote', page, hasNext: page < 3 } });
    }
    if (query === SCENARIO.hostile) return passagesReply('Quote: hostile', [scenarioPassage('trotskys-lies.p37', HOSTILE_TEXT)], { hidden });
    if (query === SCENARIO.long) {
      const paragraph = 'The cook will prepare very peppery dishes, wrote the author of the letter, and the reader is asked to weigh every word of it. ';
      const text = Array.from({ length: 12 }, (_, i) => `${i + 1}. ${paragraph.repeat(9)}`).join('\n\n');
      return passagesReply('Quote: long', [scenarioPassage('trotskys-lies.p37', text)], { hidden });
    }
    return inner(inv);
  };
}

/** Many long choices (more than Discord takes), and a failure on "explode". */
export const fakeAutocomplete: Autocomplete = async (request) => {
  if (request.value === 'explode') throw new Error('autocomplete exploded');
  return Array.from({ length: 30 }, (_, i) => ({
    name: `${request.option} ${i + 1}: ${'Сочинения, том второй; «примечания» и указатель. '.repeat(4)}`,
    value: request.option === 'work' ? WORK.id : `trotskys-lies.p${i + 1}`,
  }));
};

export async function createFakeDiscordDispatch(): Promise<{ dispatch: Dispatch; autocomplete: Autocomplete; commands: CommandDefinition[] }> {
  const { dispatch: matrixFake } = await createFakeDispatch();
  // The real commands answer hidden when the server's default says so; the Matrix fake has no such default.
  const dispatch: Dispatch = async (inv) => {
    const reply = await matrixFake(inv);
    return inv.scope.defaults.visibility === 'hidden' ? { ...reply, visibility: 'hidden' } : reply;
  };
  return { dispatch, autocomplete: fakeAutocomplete, commands: FAKE_DISCORD_COMMANDS };
}
