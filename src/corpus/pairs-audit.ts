/**
 * The pairs audit: every translation pair of a build with its confidence and its segments, first
 * words of each side, so that a reader can check the pairing without opening the build, and a golden
 * file (test/golden/pairs.json) shows every change to pairing in review.
 */
import { CONFIDENT } from './ingest/pair-evidence.ts';
import type { Block, TranslationPair } from './model.ts';
import type { CorpusBuild } from './work.ts';

export interface PairAudit {
  id: string;
  label: string;
  languages: string;
  confidence: number;
  verified: boolean;
  original: string;
  translation: string;
  via?: string;
  segments: { original: string; translation: string; confidence: number }[];
}

const WORDS = 8;
export const firstWords = (text: string, n = WORDS) => text.replace(/\s+/g, ' ').trim().split(' ').slice(0, n).join(' ');

export function auditPair(pair: TranslationPair, block: (id: string) => Block | undefined): PairAudit {
  const start = (ids: string[]) => firstWords(ids.map((id) => block(id)?.text ?? '').join(' '));
  const confidence = pair.confidence ?? 0;
  return {
    id: pair.id,
    label: pair.label,
    languages: `${pair.originalLang}→${pair.via.length ? `${block(pair.via[0]!)?.lang ?? 'fr'}→` : ''}${pair.translationLang}`,
    confidence,
    verified: confidence >= CONFIDENT,
    original: start(pair.original),
    translation: start(pair.translation),
    ...(pair.via.length ? { via: start(pair.via) } : {}),
    segments: pair.segments.map(([o, t], k) => ({ original: start(o), translation: start(t), confidence: pair.segmentConfidence?.[k] ?? 0 })),
  };
}

export function auditPairs(build: Pick<CorpusBuild, 'works'>, workId?: string): PairAudit[] {
  return build.works
    .filter((w) => workId === undefined || w.meta.id === workId)
    .flatMap((w) => {
      const byId = new Map(w.blocks.map((b) => [b.id, b]));
      return w.pairs.map((p) => auditPair(p, (id) => byId.get(id)));
    });
}

export function formatAudit(rows: PairAudit[]): string {
  const out: string[] = [];
  for (const r of rows) {
    out.push(`${r.id}  ${r.languages}  confidence ${r.confidence.toFixed(2)}${r.verified ? '' : '  UNCERTAIN'}  (${r.label})`);
    out.push(`  original:    ${r.original}…`);
    if (r.via) out.push(`  via:         ${r.via}…`);
    out.push(`  translation: ${r.translation}…`);
    if (r.segments.length > 1) {
      r.segments.forEach((s, k) => out.push(`    ${String(k + 1).padStart(2)}. ${s.confidence.toFixed(2)}  ${firstWords(s.original, 5)}… | ${firstWords(s.translation, 5)}…`));
    }
  }
  const uncertain = rows.filter((r) => !r.verified).length;
  out.push('', `${rows.length} pairs, ${rows.length - uncertain} verified (confidence ≥ ${CONFIDENT}), ${uncertain} uncertain.`);
  return out.join('\n');
}
