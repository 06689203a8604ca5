import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SIGNAL_CATALOGUE } from '../../src/analyze/signals.js';
import { schemaPath } from '../../src/assets.js';

describe('the signal catalogue is the one list of signal types', () => {
  it('the policy schema names exactly the catalogue types in match.signals', () => {
    const schema = JSON.parse(readFileSync(schemaPath('policy.schema.json'), 'utf8'));
    const enumerated: string[] = schema.properties.match.properties.signals.items.enum;
    expect([...enumerated].sort()).toEqual(Object.keys(SIGNAL_CATALOGUE).sort());
  });
});
