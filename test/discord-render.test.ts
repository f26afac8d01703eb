/**
 * The pure parts of the Discord platform: escaping corpus text, rendering replies as messages
 * within Discord's limits, components, custom ids, command conversion, autocomplete choices and
 * settings. Inputs are real replies built with the reply builders.
 */
import { describe, expect, it } from 'vitest';
import { definitions } from '../commands/index.ts';
import type { Action, PassageView, Reply } from '../src/reply/model.ts';
import { columnsReply, codeReply, errorReply, passagesReply, textReply } from '../src/reply/builders.ts';
import { applicationCommands, toDiscordCommand } from '../src/platforms/discord/commands.ts';
import { actionRows } from '../src/platforms/discord/components.ts';
import { CustomIdSigner } from '../src/platforms/discord/custom-id.ts';
import { codeBlock, discordMarkdown, ZWSP } from '../src/platforms/discord/escape.ts';
import { toDiscordChoices } from '../src/platforms/discord/handler.ts';
import { clampMarkdown, discordPages, embedSize, messageViolations } from '../src/platforms/discord/pages.ts';
import { RecentStore } from '../src/conversation/recent-answers.ts';
import { renderMessage, type RenderOptions } from '../src/platforms/discord/render.ts';

const WORK = { id: 'trotskys-lies', title: "Trotsky's Lies", author: 'Grover Furr' };

function passage(n: number, text = `Paragraph ${n}: the cook will prepare *very* **peppery** dishes.`): PassageView {
  return {
    id: `trotskys-lies.p${n}`,
    work: WORK,
    text,
    lang: 'en',
    locator: { work: WORK.id, chapter: 2, paragraph: n, page: 35 },
    locatorLabel: `Trotsky's Lies, ch. 2, ¶ ${n}, p. 35`,
    citation: `Furr, *Trotsky's Lies*, p. 35`,
    footnotes: [{ marker: '[1]', text: 'A note.' }],
    translation: { ids: [`trotskys-lies.p${n + 100}`], text: 'Перевод.', lang: 'ru', locator: { work: WORK.id, paragraph: n + 100 }, locatorLabel: '¶ 100' },
  };
}

const columns = () =>
  columnsReply({
    pairId: 'trotskys-lies.t3',
    work: { id: WORK.id, title: WORK.title },
    original: { label: 'Original (Russian)', text: 'Консул Латвии был агентом Гитлера.', lang: 'ru', locator: { work: WORK.id, paragraph: 40 }, locatorLabel: '¶ 40' },
    translation: { label: 'Translated (English)', text: 'The consul of Latvia was an agent of Hitler.', lang: 'en', locator: { work: WORK.id, paragraph: 41 }, locatorLabel: '¶ 41' },
    note: 'The translation is the one the source itself gives; Lectern does not translate.',
  });

/** Ids that say what they stand for, so the tests can read them back. */
const ids = (layout: RenderOptions['layout'] = 'stacked'): RenderOptions => ({
  layout,
  idFor: (a: Action) => `l1:${a.kind}:${a.target}.${a.options?.[0] ?? ''}`.slice(0, 100),
  citeSelectId: () => 'l1:ci::mac',
});

describe('Discord escaping', () => {
  it('GIVEN corpus text with mentions, links and markdown THEN nothing pings or links in disguise, and line-start markdown is literal', () => {
    const out = discordMarkdown('@everyone @here <@123> <@!5> <@&456> <#789> <t:1700000000> </cmd:1> see https://evil.example/a_b, [x](https://evil.example)\n# h\n-# s\n> q\n- l\n1. n');
    for (const raw of ['@everyone', '@here', '<@123>', '<@!5>', '<@&456>', '<#789>', '<t:', '</cmd', '[x](']) expect(out).not.toContain(raw);
    expect(out).toContain(`@${ZWSP}everyone`);
    expect(out).toContain('<https://evil.example/a_b>,');
    expect(out).toContain('\\[x\\](<https://evil.example>)');
    expect(out.split('\n').slice(1)).toEqual(['\\# h', '\\-# s', '\\> q', '\\- l', '1\\. n']);
  });

  it('GIVEN the source markup THEN it becomes Discord markdown, and literal markdown characters are escaped', () => {
    expect(discordMarkdown('*em* **strong** <u>under</u> a_b ~~s~~ ||sp|| `c` \\ 2 * 3')).toBe('*em* **strong** __under__ a\\_b \\~\\~s\\~\\~ \\|\\|sp\\|\\| \\`c\\` \\\\ 2 \\* 3');
    // A heading marker is only markdown at the start of a line.
    expect(discordMarkdown('Item # 3')).toBe('Item # 3');
  });

  it('GIVEN code holding ``` THEN the fence cannot be closed early', () => {
    const block = codeBlock('bibtex', '@book{a,\n  note = {```}\n}');
    expect(block.startsWith('```bibtex\n')).toBe(true);
    expect(block.endsWith('\n```')).toBe(true);
    expect(block.slice(3, -3)).not.toContain('```');
  });

  it('GIVEN markdown cut to a limit THEN no dangling escape or open fence is left', () => {
    expect(clampMarkdown('abc\\*def', 5)).toBe('abc…');
    const cut = clampMarkdown(codeBlock('', 'x'.repeat(100)), 50);
    expect(cut.length).toBeLessThanOrEqual(50);
    expect(cut.endsWith('\n```')).toBe(true);
  });
});

describe('Discord rendering', () => {
  it('GIVEN passages THEN one embed each: text and footnotes in the description, place and citation in a field, the work in a link-free footer, mentions parsed from nothing', () => {
    const message = renderMessage(passagesReply('Quote: dishes', [passage(37)]), ids());
    expect(message.allowed_mentions).toEqual({ parse: [] });
    const [embed] = message.embeds;
    expect(embed?.title).toBe('Quote: dishes');
    expect(embed?.description).toBe('Paragraph 37: the cook will prepare *very* **peppery** dishes.\n\n**\\[1\\]** A note.');
    expect(embed?.fields).toEqual([{ name: "Trotsky's Lies, ch. 2, ¶ 37, p. 35 · trotskys-lies.p37", value: "Furr, *Trotsky's Lies*, p. 35" }]);
    expect(embed?.footer).toEqual({ text: "Trotsky's Lies — Grover Furr" });
    expect(message.flags).toBeUndefined();
  });

  it('GIVEN columns THEN two inline fields side by side, or two full-width fields stacked (original first)', () => {
    const side = renderMessage(columns(), ids('side-by-side')).embeds[0]!;
    expect(side.fields?.map((f) => [f.name, f.inline])).toEqual([
      ['Original (Russian) · ¶ 40', true],
      ['Translated (English) · ¶ 41', true],
    ]);
    const stacked = renderMessage(columns(), ids('stacked')).embeds[0]!;
    expect(stacked.fields?.map((f) => [f.value, f.inline])).toEqual([
      ['Консул Латвии был агентом Гитлера.', false],
      ['The consul of Latvia was an agent of Hitler.', false],
    ]);
    expect(stacked.description).toContain('Lectern does not translate');
  });

  it('GIVEN a hidden reply THEN flags 64 and no Discuss button; GIVEN an error THEN no components at all', () => {
    const hidden = renderMessage(passagesReply('q', [passage(1)], { hidden: true }), ids());
    expect(hidden.flags).toBe(64);
    const buttons = hidden.components.flatMap((r) => r.components.map((c) => ('custom_id' in c ? c.custom_id : '')));
    expect(buttons.some((id) => id.startsWith('l1:discuss'))).toBe(false);
    expect(buttons.some((id) => id.startsWith('l1:context'))).toBe(true);
    const error = renderMessage(errorReply('x', 'Nope <@1>.'), ids());
    expect(error.components).toEqual([]);
    expect(error.flags).toBe(64);
    expect(error.embeds[0]?.description).toBe(`Nope <${ZWSP}@1>.`);
  });

  it('GIVEN BibTeX and RIS THEN code blocks', () => {
    const reply = codeReply('Citation', 'bibtex', '@book{furr, title = {```x```}}', { intro: 'Furr 2009' });
    reply.sections.push({ kind: 'code', lang: 'ris', text: 'TY  - BOOK\nER  -' });
    const message = renderMessage(reply, ids());
    expect(message.embeds.map((e) => e.description?.split('\n')[0])).toEqual(['Furr 2009', '```bibtex', '```ris']);
  });

  it('GIVEN ten passages with every action THEN at most 5 rows of at most 5, one cite select, unique custom ids within 100 characters', () => {
    const reply = passagesReply('q', Array.from({ length: 10 }, (_, i) => passage(i + 1)), { paging: { target: 'quote', page: 2, hasNext: true } });
    const rows = actionRows(reply.actions, ids(), { hidden: false });
    expect(rows.length).toBeLessThanOrEqual(5);
    for (const row of rows) expect(row.components.length).toBeLessThanOrEqual(5);
    const all = rows.flatMap((r) => r.components);
    expect(all.filter((c) => c.type === 3)).toHaveLength(1);
    const customIds = all.map((c) => ('custom_id' in c ? c.custom_id : ''));
    expect(new Set(customIds).size).toBe(customIds.length);
    for (const id of customIds) expect(id.length).toBeLessThanOrEqual(100);
    // Navigation comes first.
    expect(rows[0]?.components.map((c) => ('label' in c ? c.label : ''))).toEqual(['Previous results', 'More results']);
    const select = all.find((c) => c.type === 3) as { options: { value: string }[] };
    expect(select.options.length).toBeLessThanOrEqual(25);
    expect(select.options[0]?.value).toBe('trotskys-lies.p1|chicago');
  });

  it('GIVEN a very long reply full of characters that need escaping THEN every page keeps every Discord limit, and the parts are numbered', () => {
    const text = Array.from({ length: 60 }, (_, i) => `${i + 1}. snake_case_word *x* a|b ~c~ \`d\` [e] @everyone <@1> https://example.org/${'p_'.repeat(20)} ${'_'.repeat(30)}`).join('\n');
    const many = Array.from({ length: 12 }, (_, i) => passage(i + 1, `${'Word_with_underscores '.repeat(40)}`));
    const reply: Reply = { ...passagesReply('A title with *markup* and _underscores_ '.repeat(10), many), sections: [{ kind: 'text', text }, ...passagesReply('x', many).sections] };
    const pages = discordPages(reply, ids());
    expect(pages.length).toBeGreaterThan(1);
    pages.forEach((page, i) => {
      expect(messageViolations(page)).toEqual([]);
      expect(page.embeds.reduce((n, e) => n + embedSize(e), 0)).toBeLessThanOrEqual(6000);
      expect(page.embeds[0]?.title).toContain(`(part ${i + 1} of ${pages.length})`);
    });
  });

  it('GIVEN a plain text reply THEN it renders as one embed with the text as description', () => {
    const [page] = discordPages(textReply('Works', 'One.\n\nTwo.'), ids());
    expect(page?.embeds).toEqual([{ title: 'Works', description: 'One.\n\nTwo.', color: expect.any(Number) }]);
  });
});

describe('Discord command conversion', () => {
  it('GIVEN the registry THEN each definition becomes a chat-input command with the right option types, choices, autocomplete and ranges', () => {
    for (const def of definitions()) {
      const cmd = toDiscordCommand(def);
      expect(cmd).toMatchObject({ type: 1, name: def.name, description: def.description });
      // Options naming local files (/notes out:) are the console's: never deployed to Discord.
      expect(cmd.options?.some((o) => (def.options ?? []).find((d) => d.name === o.name)?.local)).toBeFalsy();
      (def.options ?? []).filter((o) => !o.local).forEach((o, i) => {
        const out = cmd.options?.[i] as unknown as Record<string, unknown>;
        expect(out.type).toBe({ string: 3, integer: 4, boolean: 5 }[o.type]);
        expect(out.required).toBe(o.required ?? false);
        if (o.autocomplete) expect(out.autocomplete).toBe(true);
        if (o.choices) expect(out.choices).toEqual(o.choices.map((c) => ({ name: c.name, value: c.value })));
        if (o.minValue !== undefined) expect(out.min_value).toBe(o.minValue);
        if (o.maxLength !== undefined) expect(out.max_length).toBe(o.maxLength);
      });
    }
  });

  it('GIVEN the registry THEN the bulk body is exactly the registry, /settings is for Manage Server in servers only, and duplicate names are refused', () => {
    const body = applicationCommands(definitions());
    expect(body.map((c) => c.name)).toEqual(definitions().map((d) => d.name));
    expect(body.find((c) => c.name === 'settings')).toMatchObject({ default_member_permissions: '32', contexts: [0] });
    expect(body.find((c) => c.name === 'quote')?.default_member_permissions).toBeUndefined();
    const settings = definitions().find((d) => d.name === 'settings');
    if (!settings) throw new Error('registry has no /settings');
    expect(() => applicationCommands([...definitions(), settings])).toThrow(/two commands are named "settings"/);
    // /library takes the file to add as a Discord attachment option.
    const library = body.find((c) => c.name === 'library');
    if (library) expect(library.options?.at(-1)).toMatchObject({ type: 11, name: 'file', required: false });
  });

  it('GIVEN more than 25 autocomplete choices with long names THEN 25 at most, names cut to 100, values never cut, integers for integer options', () => {
    const long = Array.from({ length: 30 }, (_, i) => ({ name: `${i} ${'x'.repeat(150)}`, value: `v${i}` }));
    const out = toDiscordChoices(long, 'string');
    expect(out).toHaveLength(25);
    for (const c of out) expect(c.name.length).toBeLessThanOrEqual(100);
    expect(toDiscordChoices([{ name: 'too long', value: 'v'.repeat(101) }, { name: ' ', value: 'x' }], 'string')).toEqual([]);
    expect(toDiscordChoices([{ name: 'three', value: '3' }, { name: 'nan', value: 'x' }], 'integer')).toEqual([{ name: 'three', value: 3 }]);
  });
});

describe('Discord custom ids and recent replies', () => {
  const signer = new CustomIdSigner('secret');

  it('GIVEN a signed custom id THEN it parses back; changed, foreign-keyed or another version THEN tampered or stale', () => {
    const id = signer.sign('page', 'AbC123xy.2')!;
    expect(id).toMatch(/^l1:pg:AbC123xy\.2:[A-Za-z0-9_-]{10}$/);
    expect(signer.parse(id)).toEqual({ status: 'ok', kind: 'page', payload: 'AbC123xy.2' });
    expect(signer.parse(id.replace('.2:', '.3:'))).toEqual({ status: 'tampered' });
    expect(new CustomIdSigner('other').parse(id)).toEqual({ status: 'tampered' });
    expect(signer.parse(`l2${id.slice(2)}`)).toEqual({ status: 'stale' });
    expect(signer.parse('next_page')).toEqual({ status: 'stale' });
  });

  it('GIVEN a payload that would not fit in 100 characters or has a colon THEN no custom id', () => {
    expect(signer.sign('context', 'x'.repeat(signer.payloadRoom('context')))).toHaveLength(100);
    expect(signer.sign('context', 'x'.repeat(signer.payloadRoom('context') + 1))).toBeUndefined();
    expect(signer.sign('context', 'a:b')).toBeUndefined();
  });

  it('GIVEN more entries than the bound, or an old one THEN the oldest are forgotten', () => {
    const store = new RecentStore<number>(3, 1000);
    const keys = [1, 2, 3, 4].map((n) => store.put(n, 0));
    expect(store.size).toBe(3);
    expect(store.get(keys[0]!, 0)).toBeUndefined();
    expect(store.get(keys[3]!, 500)).toBe(4);
    expect(store.get(keys[1]!, 1500)).toBeUndefined();
  });
});


