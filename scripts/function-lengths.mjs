#!/usr/bin/env node
// Lines per analyzer folder and its longest functions, read with the TypeScript compiler API
// (TypeScript 7's `unstable/sync` API: the project's own program, parsed by the compiler).
// Usage: node scripts/function-lengths.mjs [folder, default src/analyze] [--top N]
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { API } from 'typescript/unstable/sync';
import { isFunctionLikeDeclaration, isPropertyAssignment, isVariableDeclaration } from 'typescript/unstable/ast/is';

const args = process.argv.slice(2);
const topAt = args.indexOf('--top');
const top = topAt >= 0 ? Number(args[topAt + 1]) : 1;
const root = resolve(args.find((a, i) => !a.startsWith('--') && i !== topAt + 1) ?? 'src/analyze');

function tsFiles(dir) {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return tsFiles(p);
    return p.endsWith('.ts') ? [p] : [];
  });
}

function nameOf(node, sf) {
  if (node.name) return node.name.getText(sf);
  const parent = node.parent;
  if (parent && (isVariableDeclaration(parent) || isPropertyAssignment(parent))) return parent.name.getText(sf);
  return '(anonymous)';
}

/** Every function with a body in a source file, with its length in lines. */
function functionsOf(sf, file) {
  const out = [];
  const visit = (node) => {
    if (isFunctionLikeDeclaration(node) && node.body) {
      const start = sf.getLineAndCharacterOfPosition(node.getStart(sf)).line;
      const end = sf.getLineAndCharacterOfPosition(node.end).line;
      out.push({ file, name: nameOf(node, sf), lines: end - start + 1, line: start + 1 });
    }
    node.forEachChild(visit);
  };
  sf.forEachChild(visit);
  return out;
}

const api = new API({ cwd: process.cwd() });
try {
  const snapshot = api.updateSnapshot({ openProject: resolve('tsconfig.json') });
  const program = snapshot.getProjects()[0].program;
  const units = readdirSync(root).filter((n) => statSync(join(root, n)).isDirectory());
  for (const unit of units) {
    let lines = 0;
    const fns = [];
    for (const file of tsFiles(join(root, unit))) {
      const text = readFileSync(file, 'utf8');
      lines += text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
      const sf = program.getSourceFile(file);
      if (sf) fns.push(...functionsOf(sf, file));
    }
    fns.sort((a, b) => b.lines - a.lines);
    const longest = fns.slice(0, top).map((f) => `${f.name} ${f.lines} (${relative(root, f.file)}:${f.line})`).join('; ');
    console.log(`${unit.padEnd(12)} ${String(lines).padStart(5)} lines  longest: ${longest}`);
  }
} finally {
  api.close();
}
