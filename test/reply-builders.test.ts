import { describe, expect, it } from 'vitest';
import { CITATION_STYLES, codeReply, columnsReply, errorReply, fieldsReply, passagesReply, textReply } from '../src/reply/builders.ts';
import type { ColumnsView, PassageView } from '../src/reply/model.ts';

const passage = (id: string, workId = 'trotskys-lies', translated = false): PassageView => ({
  id,
  work: { id: workId, title: 'Trotsky’s Lies', author: 'Grover Furr' },
  text: 'This cook will prepare only peppery dishes.',
  lang: 'en',
  locator: { work: workId, paragraph: 12 },
  locatorLabel: '¶ 12',
  citation: `Furr, Trotsky’s Lies (${id}).`,
  footnotes: [],
  ...(translated ? { translation: { text: 'Этот повар будет готовить только острые блюда.', lang: 'ru', locator: { work: workId, paragraph: 13 }, locatorLabel: '¶ 13', ids: [`${workId}.p13`] } } : {}),
});

const summary = (actions: { kind: string; label: string; target: string; options?: string[] }[]) =>
  actions.map((a) => `${a.kind}|${a.label}|${a.target}${a.options ? `|${a.options.join(',')}` : ''}`);

describe('reply builders', () => {
  it('GIVEN an error THEN a hidden reply that carries its identifier', () => {
    expect(errorReply('work.unknown', 'There is no work "x".')).toEqual({
      title: 'Error',
      sections: [{ kind: 'text', text: 'There is no work "x".' }],
      actions: [],
      visibility: 'hidden',
      error: { identifier: 'work.unknown', message: 'There is no work "x".' },
    });
  });

  it('GIVEN no visibility THEN public; hidden when asked either way', () => {
    expect(textReply('T', 'x').visibility).toBe('public');
    expect(textReply('T', 'x', { hidden: true }).visibility).toBe('hidden');
    expect(fieldsReply('T', [], { visibility: 'hidden' }).visibility).toBe('hidden');
    expect(codeReply('T', 'bibtex', '@book{}').visibility).toBe('public');
  });

  it('GIVEN fields or code with an intro THEN the intro comes first', () => {
    expect(fieldsReply('Works', [{ name: 'a', value: 'b' }], { intro: 'Five works.' }).sections).toEqual([
      { kind: 'text', text: 'Five works.' },
      { kind: 'fields', fields: [{ name: 'a', value: 'b' }] },
    ]);
    expect(codeReply('BibTeX', 'bibtex', '@book{x}').sections).toEqual([{ kind: 'code', lang: 'bibtex', text: '@book{x}' }]);
  });

  it('GIVEN one translated passage THEN translation, cite with every style, discuss and context, and the thread defaults', () => {
    const reply = passagesReply('Quote', [passage('trotskys-lies.p12', 'trotskys-lies', true)]);
    expect(summary(reply.actions)).toEqual([
      'translation|Translation|trotskys-lies.p12',
      `cite|Cite|trotskys-lies.p12|${CITATION_STYLES.join(',')}`,
      'discuss|Discuss|trotskys-lies.p12',
      'context|Context|trotskys-lies.p12',
    ]);
    expect(reply.workId).toBe('trotskys-lies');
    expect(reply.lastCitation).toEqual({ workId: 'trotskys-lies', text: 'Furr, Trotsky’s Lies (trotskys-lies.p12).' });
    expect(reply.visibility).toBe('public');
  });

  it('GIVEN several passages from two works and results paging THEN numbered actions, paging last, no single work', () => {
    const reply = passagesReply('Quote', [passage('a.p1', 'a'), passage('b.p2', 'b')], {
      paging: { target: 'quote:peppery', page: 2, hasNext: true },
      discuss: false,
      styles: ['mla'],
    });
    expect(summary(reply.actions)).toEqual([
      'cite|Cite 1|a.p1|mla',
      'context|Context 1|a.p1',
      'cite|Cite 2|b.p2|mla',
      'context|Context 2|b.p2',
      'previous|Previous results|quote:peppery|1',
      'next|More results|quote:peppery|3',
    ]);
    expect(reply.workId).toBeUndefined();
  });

  it('GIVEN passages shown in translation THEN the toggle offers the original', () => {
    const reply = passagesReply('Quote', [passage('w.p1', 'w', true)], { showingTranslation: true });
    expect(reply.actions[0]?.label).toBe('Original');
  });

  it('GIVEN no passages THEN a sentence saying so rather than an empty reply', () => {
    expect(passagesReply('Quote', []).sections).toEqual([{ kind: 'text', text: 'No passages found.' }]);
  });

  it('GIVEN a translation pair THEN a columns reply titled by its labels, with cite and discuss', () => {
    const side = { lang: 'ru', locator: { work: 'w', paragraph: 1 }, locatorLabel: '¶ 1' };
    const columns: ColumnsView = {
      pairId: 'w.pair1',
      work: { id: 'w', title: 'Trotsky’s Lies' },
      original: { ...side, text: 'Текст.', label: 'Original' },
      translation: { ...side, lang: 'en', text: 'Text.', label: 'Translated:' },
      note: 'The translation is the one the source gives.',
    };
    const reply = columnsReply(columns);
    expect(reply.title).toBe('Trotsky’s Lies: Original / Translated:');
    expect(reply.sections).toEqual([{ kind: 'columns', columns }]);
    expect(summary(reply.actions)).toEqual([`cite|Cite|w.pair1|${CITATION_STYLES.join(',')}`, 'discuss|Discuss|w.pair1']);
    expect(reply.workId).toBe('w');
  });
});
