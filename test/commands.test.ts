import { beforeAll, describe, expect, it } from 'vitest';
import { openingOf } from '../src/conversation/discuss.ts';
import { parseCommandLine } from '../src/dispatch/parse-line.ts';
import { DISCORD_BUDGET } from '../src/platforms/discord/limits.ts';
import { discordProfile } from '../src/platforms/discord/profile.ts';
import { MATRIX_BUDGET } from '../src/platforms/matrix/limits.ts';
import { consoleBudget } from '../src/platforms/console/profile.ts';
import { budgetViolations } from '../src/reply/measure.ts';
import type { Reply } from '../src/reply/model.ts';
import { paginate } from '../src/reply/paginate.ts';
import { createRealDispatch, testScope, type RealDispatch } from './helpers/real-dispatch.ts';

let real: RealDispatch;
beforeAll(async () => {
  real = await createRealDispatch();
});

const run = (command: string, args: Record<string, unknown>, scope = testScope()) => real.dispatch({ command, args, scope });
const text = (r: Reply) =>
  JSON.stringify(r.sections);
const idOf = (start: string) => {
  for (const { block } of real.app.base.corpus.passages()) if (block.text.startsWith(start)) return block.id;
  throw new Error(`no passage starts with ${start}`);
};

function expectFits(reply: Reply) {
  for (const budget of [DISCORD_BUDGET, MATRIX_BUDGET, consoleBudget(80)]) {
    for (const page of paginate(reply, budget)) expect(budgetViolations(page, budget)).toEqual([]);
  }
}

describe('GIVEN /quote on the real corpus', () => {
  it('THEN the best passages come with their exact citation, locator and footnotes', async () => {
    const r = await run('quote', { query: 'peppery dishes', limit: 3 });
    expect(r.error).toBeUndefined();
    const passages = r.sections.filter((s) => s.kind === 'passage').map((s) => (s.kind === 'passage' ? s.passage : null)!);
    expect(passages).toHaveLength(3);
    for (const p of passages) {
      expect(p.work.id).toBe('trotskys-lies');
      expect(p.citation).toMatch(/Furr, Grover\. 2019\. \*Trotsky’s Lies\*/);
      expect(p.locatorLabel).toMatch(/ch\. 1/);
      // Lenin's remark in the book's words, or in another translation's ("spicy dishes": rerank's paraphrased pairs).
      expect(p.text.toLowerCase()).toMatch(/peppery|spicy dishes/);
    }
    expect(r.actions.map((a) => a.kind)).toContain('cite');
    expectFits(r);
  });

  it('THEN a Russian query finds the Russian passage and shows the translation the book gives', async () => {
    const r = await run('quote', { query: 'потребность в амальгамах у бюрократии', limit: 1 });
    const p = r.sections.find((s) => s.kind === 'passage');
    expect(p?.kind === 'passage' && p.passage.text).toMatch(/^Потребность в амальгамах возникает/);
    expect(p?.kind === 'passage' && p.passage.translation?.text).toMatch(/^The need for amalgams emerges/);
  });

  it('THEN work and language filters hold, and hide makes the reply hidden', async () => {
    const r = await run('quote', { query: 'Trotsky', work: 'continuing-revolution-speech', lang: 'en', hide: true, limit: 5 });
    expect(r.visibility).toBe('hidden');
    for (const s of r.sections) if (s.kind === 'passage') expect(s.passage.work.id).toBe('continuing-revolution-speech');
  });

  it('THEN inside a discussion thread /quote defaults to the thread\'s work', async () => {
    const r = await run('quote', { query: 'Trotsky', limit: 5 }, testScope({ thread: { workId: 'violence-trotskyism-article' } }));
    const works = r.sections.flatMap((s) => (s.kind === 'passage' ? [s.passage.work.id] : []));
    expect(works.length).toBeGreaterThan(0);
    expect(new Set(works)).toEqual(new Set(['violence-trotskyism-article']));
  });

  it('THEN bad queries get a clear message, never an exception', async () => {
    expect((await run('quote', { query: '' })).error?.identifier).toBe('query.empty');
    expect((await run('quote', { query: '   ' })).error?.identifier).toBe('query.empty');
    expect((await run('quote', { query: '🙂🙂 …!!' })).error?.identifier).toBe('query.unusable');
    expect((await run('quote', { query: 'Trotsky', work: 'no-such-work' })).error?.identifier).toBe('work.unknown');
    const lang = await run('quote', { query: 'Trotsky', lang: 'de' });
    expect(lang.error).toMatchObject({ identifier: 'args.invalid' });
    expect(lang.error?.message).toContain('en, ru, fr');
    for (const q of ['(.*+?[', '"unbalanced quote', 'Trotsky Троцкий 托洛茨基', 'x'.repeat(10_000), 'Kirov '.repeat(1500)]) {
      const r = await run('quote', { query: q });
      expect(r.error?.identifier ?? 'ok').toMatch(/^(ok|query\.unusable)$/);
      expectFits(r);
    }
    const long = await run('quote', { query: 'Kirov '.repeat(1500) });
    expect(text(long)).toContain('first 500 characters');
  });
});

describe('GIVEN /translate', () => {
  it('THEN the original and the translation the source gives stand side by side, with the note', async () => {
    const r = await run('translate', { query: 'консул Латвии агент Гитлера' });
    expect(r.error).toBeUndefined();
    const cols = r.sections.filter((s) => s.kind === 'columns');
    expect(cols.length).toBeGreaterThan(0);
    const c = cols[0]!.kind === 'columns' ? cols[0]!.columns : undefined;
    expect(c?.original.lang).toBe('ru');
    expect(c?.translation.lang).toBe('en');
    expect(c?.note).toMatch(/the one the source itself gives/);
    expect(c?.original.locatorLabel).toMatch(/Trotsky's Lies, ch\. 5/);
  });

  it('THEN a long pair pages within every platform budget, segment by segment', async () => {
    const id = idOf('[Блок] организован');
    const r = await run('translate', { query: id });
    expect(r.sections.filter((s) => s.kind === 'columns').length).toBeGreaterThan(5);
    expectFits(r);
    expect(paginate(r, DISCORD_BUDGET).length).toBeGreaterThan(1);
  });

  it('THEN a passage without a translation, or an unknown id, says so', async () => {
    expect((await run('translate', { query: 'trotskys-lies.p1' })).error?.identifier).toBe('translate.no-pair');
    expect((await run('translate', { query: 'trotskys-lies.p99999' })).error?.identifier).toBe('passage.unknown');
  });
});

describe('GIVEN /context, /cite, /source, /works and /help', () => {
  it('THEN /context shows the paragraphs around a passage', async () => {
    const id = idOf('Mark Zborowski was an NKVD agent');
    const r = await run('context', { passage: id, before: 1, after: 2 });
    const ids = r.sections.flatMap((s) => (s.kind === 'passage' ? [s.passage.id] : []));
    expect(ids).toHaveLength(4);
    expect(ids[1]).toBe(id);
    expect(r.workId).toBe('trotskys-lies');
  });

  it('THEN /cite gives the passage citation in the asked style with BibTeX and RIS', async () => {
    const id = idOf('Mark Zborowski was an NKVD agent');
    const r = await run('cite', { passage: id, style: 'mla' });
    expect(text(r)).toContain('Furr, Grover. *Trotsky’s Lies*. Corrected Edition, Erythrós Press and Media, LLC, 2019.');
    expect(r.sections.map((s) => (s.kind === 'code' ? s.lang : s.kind))).toEqual(['text', 'bibtex', 'ris']);
    const bad = await run('cite', { passage: id, style: 'harvard' });
    expect(bad.error?.identifier).toBe('args.invalid');
    expect(bad.error?.message).toContain('chicago, chicago-note, mla, apa, bibtex, ris, csl-json');
  });

  it('THEN /source resolves a siglum to its entry, where it is cited, and the page asked for', async () => {
    const r = await run('source', { text: '(Vozhdy 250)' });
    const t = text(r);
    expect(t).toContain("Fel'shtinsky, Iurii. Vozhdy v zakone. Moscow, Terra, 1999.");
    expect(t).toContain('Page asked for');
    expect(t).toContain('250');
    expect(t).toMatch(/Cited in \d+ passage/);
    expect(r.lastCitation?.entryId).toBeDefined();
  });

  it('THEN a citation the bibliography does not list is reported as such, with no entry named as the answer', async () => {
    const r = await run('source', { text: 'Trotsky, "Zinoviev And Kamenev" (1937)' });
    expect(text(r)).toMatch(/does not list|No bibliography/);
    expect(r.lastCitation).toBeUndefined();
  });

  it('THEN bad /source input gets a message listing what is valid', async () => {
    expect((await run('source', { text: '' })).error?.identifier).toBe('source.empty');
    expect((await run('source', { text: '?!…' })).error?.identifier).toBe('source.unusable');
    expect((await run('source', { text: 'x'.repeat(600) })).error?.identifier).toBe('source.too-long');
    const style = await run('source', { text: 'Main 185', style: 'vancouver' });
    expect(style.error?.message).toContain('chicago, chicago-note, mla, apa, bibtex, ris, csl-json');
  });

  it('THEN /works lists every work with its metadata', async () => {
    const r = await run('works', {});
    const t = text(r);
    for (const title of ["Trotsky's Lies", 'Violence in the Political Construction of Trotskyism', 'The Continuing Revolution in Stalin-Era Soviet History']) expect(t).toContain(title);
    expect(t).toContain('ISBN 978-0-578-52104-6');
    expect(t).toContain('year inferred: 2014');
    expectFits(r);
  });

  /** A console discussion opened on a passage, as the notes examples need one. */
  async function discussionForNotes() {
    const place = { platform: 'console', scope: 'local', thread: 'help-examples' };
    const shown = await run('context', { passage: 'trotskys-lies.p37', before: 0, after: 0 }, testScope({ collection: 'local' }));
    await real.app.conversations.open(openingOf(place, 'trotskys-lies.p37', shown, 'Help examples'), { name: 'Tester', at: Date.now() });
    return real.app.conversations.scopeOf(place);
  }

  it('THEN every example /help shows works on the bundled corpus', async () => {
    const help = await run('help', {});
    const examples = [...text(help).matchAll(/\/[a-z]+ [^·"\\]*?(?=(?: · |\\n|"))/g)].map((m) => m[0].trim());
    expect(examples.length).toBeGreaterThan(10);
    for (const line of examples) {
      const parsed = parseCommandLine(line, { prefixes: ['/'], commands: real.commands });
      expect(parsed && !('error' in parsed), line).toBe(true);
      if (!parsed || 'error' in parsed) continue;
      // As the console runs them: in the console's own collection; /notes inside a discussion that has quoted a passage.
      const reply = await run(parsed.command, parsed.args, testScope({ collection: 'local', ...(parsed.command === 'notes' ? { thread: await discussionForNotes() } : {}) }));
      expect(reply.error, `${line}: ${reply.error?.message}`).toBeUndefined();
    }
  });

  it('THEN an unknown command gets the list of commands', async () => {
    const r = await run('qoute', { query: 'x' });
    expect(r.error?.identifier).toBe('command.unknown');
    expect(r.error?.message).toContain('Did you mean "quote"?');
  });
});

describe('GIVEN /settings through the shared dispatcher', () => {
  const group = (over: Partial<Parameters<typeof testScope>[0]> = {}) => testScope({ platform: discordProfile, collection: 'guild-settings-test', ...over });

  it('THEN with no options anyone sees the defaults, hidden', async () => {
    const r = await run('settings', {}, group({ canManage: false }));
    expect(r.error).toBeUndefined();
    expect(r.visibility).toBe('hidden');
    expect(text(r)).toContain('Citation style');
    expect(text(r)).toContain('(Lectern default)');
  });

  it('THEN a member without the organiser permission cannot change them', async () => {
    const r = await run('settings', { style: 'mla' }, group({ canManage: false }));
    expect(r.error?.identifier).toBe('settings.forbidden');
    expect(real.app.settings.get('guild-settings-test').style).toBeUndefined();
  });

  it('THEN outside a server or room a change is refused with a clear message', async () => {
    const r = await run('settings', { style: 'mla' }, testScope({ platform: discordProfile, canManage: true }));
    expect(r.error?.identifier).toBe('settings.guild-only');
  });

  it('THEN an unknown style is refused naming the valid ones', async () => {
    const r = await run('settings', { style: 'harvard' }, group({ canManage: true }));
    expect(r.error?.identifier).toBe('args.invalid');
    expect(r.error?.message).toMatch(/chicago/);
    expect(r.error?.message).toMatch(/mla/);
  });

  it('THEN an organiser’s change is saved and later commands in that group use it, and other groups do not', async () => {
    const saved = await run('settings', { style: 'MLA', visibility: 'hidden' }, group({ canManage: true }));
    expect(saved.error).toBeUndefined();
    expect(saved.title).toBe('Settings saved');
    expect(real.app.settings.get('guild-settings-test')).toEqual({ style: 'mla', visibility: 'hidden' });

    const here = await run('source', { text: 'Trotsky’s Lies' }, group());
    expect(here.error).toBeUndefined();
    expect(here.visibility).toBe('hidden');
    const elsewhere = await run('source', { text: 'Trotsky’s Lies' }, group({ collection: 'another-guild' }));
    expect(elsewhere.visibility).toBe('public');
    // MLA puts the title in quotes/italics after "Last, First." with no year right after the name; Chicago author-date puts the year second.
    expect(text(here)).toMatch(/Furr, Grover\. \*Trotsky’s Lies/);
    expect(text(elsewhere)).toMatch(/Furr, Grover\. 2019\./);
  });
});

describe('GIVEN the registry of commands', () => {
  it('THEN every definition a platform asks for passes the definition schema, which refuses a bad one', async () => {
    const { commands, definitions } = await import('../commands/index.ts');
    const { CommandDefinition } = await import('../src/dispatch/types.ts');
    for (const def of definitions()) expect(CommandDefinition.safeParse(def).success, def.name).toBe(true);
    expect(definitions().map((d) => d.name)).toEqual(commands.map((c) => c.data.name));
    expect(() => CommandDefinition.parse({ ...commands[0]!.data, name: 'Not A Name!' })).toThrow();
  });
});
