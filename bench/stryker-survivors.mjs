// A Stryker reporter that writes each surviving or uncovered mutant the moment it is tested, to
// reports/mutation/survivors-live.txt, so tests can be written while a long run goes on (the
// clear-text report comes only at the end). Used by `npx stryker run … --appendPlugins
// ./bench/stryker-survivors.mjs --reporters survivors,…`.
import { appendFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { PluginKind, declareClassPlugin } from '@stryker-mutator/api/plugin';

const OUT = process.env.STRYKER_SURVIVORS_FILE ?? 'reports/mutation/survivors-live.txt';

class SurvivorReporter {
  static inject = [];

  constructor() {
    mkdirSync(dirname(OUT), { recursive: true });
  }

  onMutantTested(result) {
    if (result.status !== 'Survived' && result.status !== 'NoCoverage') return;
    const { line, column } = result.location.start;
    const text = `[${result.status}] ${result.mutatorName} ${result.fileName.replace(/^.*?(?=src\/)/, '')}:${line}:${column + 1} → ${result.replacement.replace(/\s+/g, ' ')}\n`;
    appendFileSync(OUT, text);
  }
}

export const strykerPlugins = [declareClassPlugin(PluginKind.Reporter, 'survivors', SurvivorReporter)];
