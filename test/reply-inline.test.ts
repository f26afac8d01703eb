import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { openStylesAt, parseInline, stripInline, toPlain, type InlineNode } from '../src/reply/inline.ts';

const text = (t: string): InlineNode => ({ type: 'text', text: t });

describe('parseInline', () => {
  it('GIVEN *em*, **strong** and <u>u</u> THEN nodes of each kind', () => {
    expect(parseInline('See *Pravda*, only **peppery** dishes, <u>на Кирова</u>.')).toEqual([
      text('See '),
      { type: 'em', children: [text('Pravda')] },
      text(', only '),
      { type: 'strong', children: [text('peppery')] },
      text(' dishes, '),
      { type: 'u', children: [text('на Кирова')] },
      text('.'),
    ]);
  });

  it('GIVEN nested markup THEN nested nodes', () => {
    expect(parseInline('*a **b** c*')).toEqual([{ type: 'em', children: [text('a '), { type: 'strong', children: [text('b')] }, text(' c')] }]);
    expect(parseInline('***both***')).toEqual([{ type: 'em', children: [{ type: 'strong', children: [text('both')] }] }]);
    expect(parseInline('<u>*Lev Trotskii. Vrag No.1.*</u>')).toEqual([{ type: 'u', children: [{ type: 'em', children: [text('Lev Trotskii. Vrag No.1.')] }] }]);
  });

  it('GIVEN markup inside a word (о<u>сведом</u>лены, **p**eppery) THEN it still applies', () => {
    expect(parseInline('о<u>сведом</u>лены')).toEqual([text('о'), { type: 'u', children: [text('сведом')] }, text('лены')]);
    expect(parseInline('**p**eppery')).toEqual([{ type: 'strong', children: [text('p')] }, text('eppery')]);
  });

  it('GIVEN bullets, separators and lone asterisks THEN they stay literal text', () => {
    for (const s of ['- * Thanks to these newly-available sources', '* * *', '* * * * *', 'a lone * here', '* Trotsky was indeed in touch.', '2 * 3 = 6']) {
      expect(parseInline(s)).toEqual([text(s)]);
    }
  });

  it('GIVEN unbalanced markers THEN they are literal and the rest still parses', () => {
    expect(parseInline('*open only')).toEqual([text('*open only')]);
    expect(parseInline('**bold* and more')).toEqual([text('*'), { type: 'em', children: [text('bold')] }, text(' and more')]);
    expect(parseInline('<u>never closed')).toEqual([text('<u>never closed')]);
    expect(parseInline('closed</u> only')).toEqual([text('closed</u> only')]);
    expect(parseInline('*a <u>b* c</u>')).toEqual([{ type: 'em', children: [text('a <u>b')] }, text(' c</u>')]);
  });

  it('GIVEN anything at all THEN it never throws and the plain text is the input less the markers that paired', () => {
    const piece = fc.constantFrom('a', 'б', ' ', '*', '**', '<u>', '</u>', '.', '\n', '"', '<', 'u>');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 40 }).map((ps) => ps.join('')), (s) => {
        const nodes = parseInline(s);
        const strip = (x: string): string => {
          const y = x.replace(/<\/?u>|\*/g, '');
          return y === x ? y : strip(y);
        };
        expect(strip(toPlain(nodes))).toBe(strip(s));
        const walk = (ns: InlineNode[]): void =>
          ns.forEach((n) => (n.type === 'text' ? expect(n.text).not.toBe('') : walk(n.children)));
        walk(nodes);
      }),
      { numRuns: 500 },
    );
  });

  it('GIVEN a non-string by mistake THEN it is read as text rather than crashing', () => {
    expect(toPlain(parseInline(undefined as unknown as string))).toBe('');
  });
});

describe('stripInline and openStylesAt', () => {
  it('GIVEN marked-up text THEN stripInline keeps the words and literal asterisks', () => {
    expect(stripInline('- * *Pravda* said **this**')).toBe('- * Pravda said this');
  });

  it('GIVEN offsets inside and outside spans THEN the styles open there, outermost first', () => {
    const s = 'a *b **c** d* e';
    expect(openStylesAt(s, [1, 4, 8, 12, 14])).toEqual([[], ['em'], ['em', 'strong'], ['em'], []]);
  });
});
