/** Names as evidence of a translation: a sentence opening that lost its full stop is no name. */
import { describe, expect, it } from 'vitest';
import { confidence, evidence } from '../src/corpus/ingest/pair-evidence.ts';

const ru = 'Проявляйте химию утюгом – это скорее Прошу подтвердить получение химии – письма.';
const en = "Bring out the chemical with an iron – it's faster Please confirm receipt of the chemical – letter.";

describe('GIVEN the last line of Appendix letter 1, whose second sentence lost its full stop on both sides ("скорее Прошу" / "faster Please")', () => {
  it('THEN "Прошу" and "Please" are not taken for names that fail to match, and the line is a confident pair', () => {
    expect(evidence(ru, en, 'ru').names).toBeNull();
    expect(confidence(ru, en, 'ru')).toBeGreaterThanOrEqual(0.5);
  });

  it('THEN a name one side has and the other lacks still counts against the pair', () => {
    const e = evidence('Об этом сообщил Зиновьев и Каменев подтвердил.', 'This was reported by Bukharin and confirmed by Radek.', 'ru');
    expect(e.names).toBe(0);
  });

  it('THEN a known name after a lower-case word still counts for the pair (Зиновьев / Zinoviev)', () => {
    expect(evidence('Об этом сообщил Зиновьев.', 'This was reported by Zinoviev.', 'ru').names).toBe(1);
  });
});
