#!/usr/bin/env node
// Writes dist/builtin-pack.json: every policies/*.yaml already parsed (by the loader tsc just
// built), with the text it came from. Parsing the ~130 KB pack on every run cost a cold CLI about
// 100 ms of its start; JSON.parse of this copy costs a few. The gate uses a copy only while its
// text matches the file, so a stale copy is ignored, never trusted. A document that JSON cannot
// carry exactly (a date, a big integer) is left out and parsed at run time.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const { parseConfigFile } = await import(join(root, 'dist', 'load', 'index.js'));
const { BUILTIN_PACK_FILE } = await import(join(root, 'dist', 'assets.js'));

const files = {};
for (const name of readdirSync(join(root, 'policies')).filter((n) => /\.ya?ml$/.test(n)).sort()) {
  const text = readFileSync(join(root, 'policies', name), 'utf8');
  const doc = parseConfigFile({ path: `builtin:${name}`, text, bytes: Buffer.byteLength(text) }).documents[0];
  if (isDeepStrictEqual(JSON.parse(JSON.stringify(doc)), doc)) files[name] = { text, doc };
}
writeFileSync(join(root, BUILTIN_PACK_FILE), `${JSON.stringify({ files })}\n`);
