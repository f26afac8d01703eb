/**
 * A small deterministic stand-in for the real commands, for the Matrix tests while the real
 * registry is being written. It answers the same inputs the real corpus answers (passage
 * `trotskys-lies.p37`, `quote peppery dishes`, `translate консул Латвии`), with replies of each
 * shape the platform must render: passages with markup and characters HTML must escape, a
 * side-by-side pair, a long Cyrillic reply for paging, an error, and Ibid. from the thread.
 */
import type { Dispatch, Invocation } from '../../src/dispatch/invocation.ts';
import type { CommandDefinition } from '../../src/dispatch/types.ts';
import { columnsReply, errorReply, fieldsReply, passagesReply, textReply } from '../../src/reply/builders.ts';
import type { PassageView, Reply } from '../../src/reply/model.ts';

const WORK = { id: 'trotskys-lies', title: "Trotsky's Lies", author: 'Grover Furr' };
const hide = { name: 'hide', description: 'Only you see the answer', type: 'boolean' } as const;

export const FAKE_COMMANDS: CommandDefinition[] = [
  { name: 'quote', description: 'Find passages', options: [{ name: 'query', description: 'Words', type: 'string', required: true }, { name: 'work', description: 'Only this work', type: 'string' }, hide] },
  { name: 'source', description: 'Identify a reference', options: [{ name: 'text', description: 'A reference', type: 'string', required: true }, hide] },
  { name: 'translate', description: 'A passage and its translation', options: [{ name: 'query', description: 'Words or a passage id', type: 'string', required: true }, hide] },
  {
    name: 'context',
    description: 'Paragraphs around a passage',
    options: [
      { name: 'passage', description: 'A passage id', type: 'string', required: true },
      { name: 'before', description: 'Paragraphs before', type: 'integer' },
      { name: 'after', description: 'Paragraphs after', type: 'integer' },
      hide,
    ],
  },
  { name: 'cite', description: 'Cite a passage', options: [{ name: 'passage', description: 'A passage id', type: 'string', required: true }, { name: 'style', description: 'Style', type: 'string' }, hide] },
  { name: 'works', description: 'The works in the library', options: [hide] },
  { name: 'help', description: 'What each command does', options: [hide] },
];

const PASSAGE_ID = /^trotskys-lies\.p(\d+)$/;

function passage(n: number): PassageView {
  const russian = 'Консул Латвии в Москве был агентом, — писал он, — и «сведения» шли через него. ';
  return {
    id: `trotskys-lies.p${n}`,
    work: WORK,
    // Markup the renderer must turn into HTML, and characters it must escape.
    text: `Paragraph ${n}: the cook will prepare *very* **peppery** dishes <b>not bold</b> & "quoted" <script>x</script>. ${russian.repeat(n === 37 ? 1 : 12)}`,
    lang: 'en',
    locator: { work: WORK.id, chapter: 2, paragraph: n, page: 35 },
    locatorLabel: `Trotsky's Lies, ch. 2, ¶ ${n}, p. 35`,
    citation: `Furr, *Trotsky's Lies*, p. 35`,
    footnotes: [{ marker: '[1]', text: 'A note with <i>angle brackets</i>.' }],
  };
}

const columns = () =>
  columnsReply({
    pairId: 'trotskys-lies.pair3',
    work: { id: WORK.id, title: WORK.title },
    original: { label: 'Russian', text: 'Консул Латвии был агентом Гитлера.', lang: 'ru', locator: { work: WORK.id, paragraph: 40 }, locatorLabel: '¶ 40' },
    translation: { label: 'English', text: 'The consul of Latvia was an agent of Hitler.', lang: 'en', locator: { work: WORK.id, paragraph: 41 }, locatorLabel: '¶ 41' },
    note: 'The translation is the one the source itself gives; Lectern does not translate.',
  });

function answer(inv: Invocation): Reply {
  const a = inv.args;
  const hidden = a.hide === true;
  switch (inv.command) {
    case 'quote':
      return passagesReply(`Passages for "${String(a.query)}"`, [passage(37)], { hidden });
    case 'translate':
      return columns();
    case 'context': {
      const m = PASSAGE_ID.exec(String(a.passage ?? '').trim());
      if (!m) return errorReply('passage.unknown', `There is no passage "${String(a.passage).slice(0, 80)}".`);
      const at = Number(m[1]);
      const before = Number(a.before ?? 1);
      const after = Number(a.after ?? 1);
      const views = Array.from({ length: before + after + 1 }, (_, i) => passage(at - before + i));
      return passagesReply(`Context of trotskys-lies.p${at}`, views, { hidden, workId: WORK.id, lastCitation: { workId: WORK.id, text: `Furr, *Trotsky's Lies*, p. 35 (¶ ${at})` } });
    }
    case 'source': {
      const last = inv.scope.thread?.lastCitation;
      if (/^ibid\.?$/i.test(String(a.text).trim())) {
        if (!last) return errorReply('ibid.no-previous', 'Ibid. refers to the previous citation, and there is none here.');
        return fieldsReply('Ibid.', [{ name: 'Refers to', value: last.text }], { lastCitation: last, workId: last.workId });
      }
      return textReply('Source', `No source matches "${String(a.text)}".`);
    }
    case 'cite':
      return textReply('Citation', `Furr, *Trotsky's Lies*, p. 35 (${String(a.passage)})`, { lastCitation: { workId: WORK.id, text: `Furr, *Trotsky's Lies*, p. 35` } });
    case 'works':
      return textReply('Works', Array.from({ length: 40 }, (_, i) => `${i + 1}. ${'Сочинения, том второй; «примечания» и указатель. '.repeat(14)}`).join('\n\n'), { hidden });
    case 'help':
      return fieldsReply('Lectern — commands', FAKE_COMMANDS.map((c) => ({ name: `!${c.name}`, value: c.description })), { hidden });
    default:
      return errorReply('command.unknown', `There is no command "${inv.command}".`);
  }
}

export async function createFakeDispatch(): Promise<{ dispatch: Dispatch; commands: CommandDefinition[] }> {
  const dispatch: Dispatch = async (inv) => answer(inv);
  return { dispatch, commands: FAKE_COMMANDS };
}
