// Java `.properties` (Spring's application.properties, log4j.properties): dotted keys become
// nested paths, `logging.level.root=DEBUG` → { logging: { level: { root: "DEBUG" } } }, so the
// analyzers read it exactly as the same setting written in application.yaml.
// dot-properties does the grammar (continuations, escapes, `=`/`:`/space separators) and gives
// each pair's offsets.
import { parseLines } from 'dot-properties';
import type { ConfigFile } from '../../model.js';
import { checkKey, configFileOf, LineMap, Positions, setPath } from './tree.js';

interface Pair {
  type: 'PAIR';
  key: string;
  value: string;
  range: [number, number, number, number];
}

export function parseProperties(blob: { path: string; text: string; bytes: number }, maxDepth: number): ConfigFile {
  const lines = new LineMap(blob.text);
  const positions = new Positions();
  const root: Record<string, unknown> = {};
  const nodes = parseLines(blob.text, true) as unknown as Array<{ type: string }>;
  for (const node of nodes) {
    if (node.type !== 'PAIR') continue;
    const pair = node as Pair;
    const at = lines.at(pair.range[0]);
    const segments = pair.key.split('.').filter((s) => s !== '');
    if (segments.length === 0) continue;
    for (const s of segments) checkKey(blob.path, s, at.line);
    const keyPath = segments.length > maxDepth ? [pair.key] : segments;
    const written = setPath(root, keyPath, pair.value);
    const valueAt = pair.range[2] < pair.range[3] ? lines.at(pair.range[2]) : at;
    positions.set(written, { line: at.line, column: valueAt.column });
    for (let n = 1; n < written.length; n++) if (positions.locate(written.slice(0, n)).line === 1) positions.set(written.slice(0, n), at);
  }
  return configFileOf(blob, 'properties', root, positions);
}
