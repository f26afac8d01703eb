/**
 * The replies a Discord platform test needs whatever the corpus holds, added on top of the real
 * dispatch by `withDiscordScenarios`: a slow answer (deferral), corpus text full of mentions, links
 * and markdown (escaping), a long passage (paging), and a dispatch that throws (error boundary).
 */
import type { Dispatch, Invocation } from '../../src/dispatch/invocation.ts';
import { errorReply, passagesReply } from '../../src/reply/builders.ts';
import type { PassageView } from '../../src/reply/model.ts';

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
