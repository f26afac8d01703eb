/**
 * A /quote reply on Matrix quotes each passage whole, as Discord and the console do. It showed the
 * search's 220-character snippet, so a lead-in shown with its quotation lost the lead-in (the
 * sentence naming who speaks) while the citation said "¶¶ 16–17", and a long passage was cut to a
 * window the reader could not check against the citation.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { fitPages } from '../src/platforms/matrix/pages.ts';
import { matrixProfile } from '../src/platforms/matrix/profile.ts';
import type { PassageView, Reply } from '../src/reply/model.ts';
import { createRealDispatch, testScope, type RealDispatch } from './helpers/real-dispatch.ts';

let real: RealDispatch;
beforeAll(async () => {
  real = await createRealDispatch();
});

const matrixScope = () => testScope({ platform: matrixProfile({ prefix: '!' }) });

async function quote(query: string): Promise<{ reply: Reply; body: string; html: string }> {
  const reply = await real.dispatch({ command: 'quote', args: { query, limit: 1 }, scope: matrixScope() });
  const { pages } = fitPages(reply, { layout: 'stacked', prefix: '!' });
  return { reply, body: pages.map((p) => p.body).join('\n'), html: pages.map((p) => p.formatted_body).join('\n') };
}

const firstPassage = (reply: Reply): PassageView => {
  const section = reply.sections.find((s) => s.kind === 'passage');
  if (section?.kind !== 'passage') throw new Error('no passage in the reply');
  return section.passage;
};

describe('GIVEN a /quote reply rendered for Matrix', () => {
  it('THEN a lead-in found with its quotation shows both, as its citation names both paragraphs', async () => {
    const { reply, body } = await quote('Serge: everything has changed, the aims, from international social revolution');
    const p = firstPassage(reply);
    expect(p.locatorLabel).toMatch(/¶¶ \d+–\d+/);
    const [lead, quotation] = p.text.split('\n\n');
    expect(lead).toMatch(/:$/);
    // Wrapped lines are joined back: the body's words follow each other as the passage's do.
    const flat = body.replace(/\s+/g, ' ');
    expect(flat).toContain(lead!.replace(/\s+/g, ' ').slice(0, 120));
    expect(flat).toContain(quotation!.replace(/\s+/g, ' ').slice(-120));
  });

  it('THEN a passage longer than a snippet is quoted to its last word', async () => {
    const { reply, body } = await quote('Trotsky lied in two basic ways');
    const p = firstPassage(reply);
    expect(p.text.length).toBeGreaterThan(400);
    expect(body.replace(/\s+/g, ' ')).toContain(p.text.replace(/\s+/g, ' ').slice(-200));
  });
});
