/**
 * The shape of the code, checked: the core and the command registry import nothing from
 * src/platforms/ and name no platform; no runtime import cycles; no function over 120 lines
 * (src/corpus/ingest is split into small named rules by its own test).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '..');
const rel = (f: string) => path.relative(ROOT, f).split(path.sep).join('/');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return files(full);
    return name.endsWith('.ts') && !name.endsWith('.d.ts') ? [full] : [];
  });
}

const SOURCES = ['src', 'commands', 'scripts', 'bench'].flatMap((d) => files(path.join(ROOT, d)));
/** The doors: the platforms, and the launcher and command line that start them. */
const isDoor = (f: string) => /^src\/(platforms|cli)\//.test(rel(f)) || rel(f) === 'src/main.ts';
const CORE = SOURCES.filter((f) => /^(src|commands)\//.test(rel(f)) && !isDoor(f));

interface Import {
  target: string;
  /** Erased at run time (`import type`, `export type`). */
  typeOnly: boolean;
}

function importsOf(file: string): Import[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const out: Import[] = [];
  const add = (spec: string, typeOnly: boolean) => {
    if (spec.startsWith('.')) out.push({ target: path.resolve(path.dirname(file), spec), typeOnly });
  };
  const visit = (node: ts.Node) => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      const clause = node.importClause;
      const namedTypesOnly = clause?.namedBindings && ts.isNamedImports(clause.namedBindings) && !clause.name && clause.namedBindings.elements.length > 0 && clause.namedBindings.elements.every((e) => e.isTypeOnly);
      add(node.moduleSpecifier.text, Boolean(clause?.isTypeOnly || namedTypesOnly));
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      add(node.moduleSpecifier.text, node.isTypeOnly);
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword && node.arguments[0] && ts.isStringLiteral(node.arguments[0])) {
      add(node.arguments[0].text, false);
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument) && ts.isStringLiteral(node.argument.literal)) {
      add(node.argument.literal.text, true);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return out;
}

describe('GIVEN the core (src/ outside src/platforms and src/cli) and the registry (commands/)', () => {
  it('THEN none of their files imports anything from src/platforms/', () => {
    const platforms = path.join(ROOT, 'src', 'platforms') + path.sep;
    const offenders = CORE.flatMap((f) => importsOf(f).filter((i) => i.target.startsWith(platforms)).map((i) => `${rel(f)} → ${rel(i.target)}`));
    expect(offenders).toEqual([]);
  });

  it('THEN the conversation module (threads, Discuss, Ibid., pending pages, notes) is part of that core', () => {
    const conversation = CORE.filter((f) => rel(f).startsWith('src/conversation/')).map(rel);
    expect(conversation).toEqual(expect.arrayContaining(['src/conversation/store.ts', 'src/conversation/pager.ts', 'src/conversation/pending.ts', 'src/conversation/recent-answers.ts', 'src/conversation/discuss.ts']));
    // No door keeps threads of its own: thread records, the pager loop and pending pages live there only.
    const doors = SOURCES.filter(isDoor);
    const ownThreads = doors.filter((f) => /\b(updateThread|class PendingStore|for \(let attempt = 0; attempt < )/u.test(readFileSync(f, 'utf8'))).map(rel);
    expect(ownThreads).toEqual([]);
  });

  it('THEN none of them names a platform: limits, wording and prefixes come from the PlatformProfile', () => {
    // config.ts reads every platform's environment variables: it is the one place that must name them.
    const named = CORE.filter((f) => rel(f) !== 'src/config.ts').flatMap((f) =>
      readFileSync(f, 'utf8')
        .split('\n')
        .flatMap((line, i) => (/\b(discord|matrix)\b/i.test(line) ? [`${rel(f)}:${i + 1}: ${line.trim().slice(0, 100)}`] : [])),
    );
    expect(named).toEqual([]);
  });
});

describe('GIVEN every module of the project', () => {
  it('THEN no two import each other at run time, directly or through others', () => {
    const graph = new Map(SOURCES.map((f) => [f, importsOf(f).filter((i) => !i.typeOnly).map((i) => i.target)]));
    const cycles: string[] = [];
    const state = new Map<string, 'open' | 'done'>();
    const stack: string[] = [];
    const visit = (f: string) => {
      state.set(f, 'open');
      stack.push(f);
      for (const next of graph.get(f) ?? []) {
        if (state.get(next) === 'open') cycles.push([...stack.slice(stack.indexOf(next)), next].map(rel).join(' → '));
        else if (!state.has(next) && graph.has(next)) visit(next);
      }
      stack.pop();
      state.set(f, 'done');
    };
    for (const f of graph.keys()) if (!state.has(f)) visit(f);
    expect(cycles).toEqual([]);
  });

  it('THEN no function is longer than 120 lines', () => {
    const MAX = 120;
    const long: string[] = [];
    for (const f of SOURCES) {
      const source = ts.createSourceFile(f, readFileSync(f, 'utf8'), ts.ScriptTarget.Latest, true);
      const visit = (node: ts.Node) => {
        if (ts.isFunctionLike(node) && 'body' in node && node.body) {
          const start = source.getLineAndCharacterOfPosition(node.getStart(source)).line;
          const end = source.getLineAndCharacterOfPosition(node.getEnd()).line;
          if (end - start + 1 > MAX) long.push(`${rel(f)}:${start + 1} ${end - start + 1} lines`);
        }
        ts.forEachChild(node, visit);
      };
      visit(source);
    }
    expect(long).toEqual([]);
  });
});
