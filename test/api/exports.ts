// Which names src/index.ts exports, and whether each one's declaration carries a doc comment.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

const DECLARATION = '(?:declare\\s+)?(?:async\\s+)?(?:function\\*?|class|abstract\\s+class|const|let|interface|type|enum)';

function sourceOf(from: string, specifier: string): string {
  const base = join(dirname(from), specifier.replace(/\.js$/, ''));
  return existsSync(`${base}.ts`) ? `${base}.ts` : join(base, 'index.ts');
}

/** Names a module exports (declared there or re-exported), each mapped to the file that declares it. */
export function exportedNames(file: string, seen = new Set<string>()): Map<string, string> {
  const out = new Map<string, string>();
  if (seen.has(file)) return out;
  seen.add(file);
  const text = readFileSync(file, 'utf8');
  for (const m of text.matchAll(new RegExp(`^export\\s+${DECLARATION}\\s+([A-Za-z_$][\\w$]*)`, 'gm'))) out.set(m[1], file);
  for (const m of text.matchAll(/^export\s+(?:type\s+)?\{([^}]*)\}\s+from\s+'([^']+)'/gm)) {
    const target = sourceOf(file, m[2]);
    const inner = exportedNames(target, new Set(seen));
    for (const part of m[1].split(',').map((p) => p.trim()).filter(Boolean)) {
      const [original, alias] = part.replace(/^type\s+/, '').split(/\s+as\s+/);
      const declared = inner.get(original);
      if (declared) out.set(alias ?? original, declared);
    }
  }
  for (const m of text.matchAll(/^export\s+(?:type\s+)?\*\s+from\s+'([^']+)'/gm)) {
    for (const [name, declared] of exportedNames(sourceOf(file, m[1]), new Set(seen))) if (!out.has(name)) out.set(name, declared);
  }
  return out;
}

/** Whether the declaration of `name` in `file` is preceded by a `/** … *\/` comment. */
export function hasDocComment(file: string, name: string): boolean {
  const text = readFileSync(file, 'utf8');
  const m = new RegExp(`(\\*/\\s*)?^export\\s+${DECLARATION}\\s+${name.replace(/\$/g, '\\$')}\\b`, 'm').exec(text);
  return Boolean(m?.[1]);
}
