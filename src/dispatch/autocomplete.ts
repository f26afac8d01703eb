/**
 * Autocomplete for options that offer it (work names, passage ids, queries): fast, within the
 * asking platform's limits (how many choices, how long a name), never an exception (an empty list instead).
 */
import { definitions } from '../../commands/index.ts';
import type { LecternContext } from '../services.ts';
import { truncate } from '../reply/split.ts';
import type { Autocomplete, Choice } from './invocation.ts';
import { STYLE_IDS } from '../cite/ids.ts';

const fold = (s: string) => s.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();

export function createAutocomplete(app: LecternContext): Autocomplete {
  return async (request) => {
    try {
      const limits = request.scope.platform.choices;
      if (!limits) return [];
      const clip = (s: string) => truncate(s.replace(/\s+/g, ' ').trim(), limits.nameLength);
      const def = definitions().find((d) => d.name === request.command);
      const option = def?.options?.find((o) => o.name === request.option);
      const { corpus, search } = app.open ? await app.open(request.scope) : app.view(request.scope);
      const value = String(request.value ?? '').slice(0, 200);
      let choices: Choice[] = [];
      if (option?.autocomplete === 'work') {
        const v = fold(value);
        choices = corpus.works
          .filter((w) => !v || fold(`${w.meta.id} ${w.meta.title} ${w.meta.shortTitle ?? ''}`).includes(v))
          .map((w) => ({ name: clip(`${w.meta.shortTitle ?? w.meta.title} (${w.meta.type})`), value: w.meta.id }));
      } else if (option?.autocomplete === 'passage') {
        if (corpus.block(value.trim())) choices = [{ name: clip(`${value.trim()}: ${corpus.block(value.trim())!.plain}`), value: value.trim() }];
        else if (value.trim().length >= 2) {
          choices = (await search.search(value, { limit: limits.max })).hits.map((h) => ({ name: clip(`${h.block.id}: ${h.block.plain}`), value: h.block.id }));
        }
      } else if (option?.autocomplete === 'query') {
        choices = (await search.suggest(value, limits.max)).map((s) => ({ name: clip(s), value: clip(s) }));
      } else if (option?.autocomplete === 'style') {
        choices = STYLE_IDS.filter((s) => s.startsWith(value.toLowerCase())).map((s) => ({ name: s, value: s }));
      }
      return choices.slice(0, limits.max);
    } catch (err) {
      app.log.warn({ err, request: { command: request.command, option: request.option } }, 'autocomplete failed');
      return [];
    }
  };
}
