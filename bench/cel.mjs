// Which CEL library evaluates configgate's policy conditions faster, on the shapes it feeds them.
// node bench/cel.mjs — prints evaluations per second for each library and expression.
import { parse as celJsParse } from '@marcbachmann/cel-js';
import * as buf from '@bufbuild/cel';

const toMap = (v) =>
  v === null || typeof v !== 'object' ? v : Array.isArray(v) ? v.map(toMap) : new Map(Object.entries(v).map(([k, x]) => [k, toMap(x)]));

const signal = { type: 'verbosity', kind: 'level-raised', direction: 'risky', scope: { dimension: 'traffic', targets: ['*'], share: 100, basis: 'assumed' }, data: { from: 'info', to: 'debug', volumeFactor: 10 } };
const change = { file: 'svc.yaml', path: ['service', 'logLevel'], pathText: 'service.logLevel', kind: 'modified', before: 'info', after: 'debug', line: 3 };
const vars = { signal, change, options: { maxShare: 5 } };
const expressions = [
  "signal.direction == 'risky' && signal.scope.share > options.maxShare",
  "change.after in ['debug', 'trace'] && !(change.before in ['debug', 'trace'])",
  "change.path.exists(p, p == 'logLevel')",
];

function measure(fn, ms = 700) {
  let n = 0;
  const end = performance.now() + ms;
  while (performance.now() < end) for (let i = 0; i < 1000; i++, n++) fn();
  return (n / ms) * 1000;
}

console.log('expression | @marcbachmann/cel-js (plain objects) | @bufbuild/cel (Maps)');
for (const expr of expressions) {
  const a = celJsParse(expr);
  const planned = buf.plan(buf.celEnv(), buf.parse(expr));
  const mapped = Object.fromEntries(Object.entries(vars).map(([k, v]) => [k, toMap(v)]));
  const check = planned(mapped);
  if (check !== true && check !== false) throw new Error(`@bufbuild/cel: ${expr} → ${String(check)}`);
  const b = () => planned(mapped);
  const ra = measure(() => a(vars));
  const rb = measure(b);
  console.log(`${expr} | ${(ra / 1e6).toFixed(2)} M/s | ${(rb / 1e6).toFixed(3)} M/s`);
}
