import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const heap = fileURLToPath(new URL('../../dist/heap.js', import.meta.url));

/** stderr of a node process that imports dist/heap.js and runs `call`. */
function stderrOf(call: string): string {
  const script = `import(${JSON.stringify(heap)}).then((m) => { ${call} })`;
  return spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' }).stderr;
}

describe('collectGarbageSooner (the CLI and the Action call it first)', () => {
  it('sets a flag this V8 knows: nothing on stderr', () => {
    expect(stderrOf('m.collectGarbageSooner()')).toBe('');
  });

  it('a flag V8 does not know would show on stderr (what the first test would catch)', () => {
    expect(stderrOf("import('node:v8').then((v8) => v8.setFlagsFromString('--no-such-heap-flag'))")).toMatch(/unrecognized flag/);
  });
});
