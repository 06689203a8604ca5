// What a data policy's CEL may name: the variables `activationFor` passes, with their fields.
// Numbers are `dyn`: they arrive as JavaScript numbers (CEL doubles), and a `double` field would
// make `change.line == 3` a type error; `dyn` keeps CEL's numeric comparisons while every
// variable and field name is still checked when the policy loads.
import type { CelType, CelVariables } from './cel.js';

const NUMBER = 'dyn';

const CHANGE: CelType = {
  file: 'string',
  path: 'list<dyn>',
  pathText: 'string',
  key: 'string',
  kind: 'string',
  line: NUMBER,
  before: 'dyn',
  after: 'dyn',
};

const SIGNAL: CelType = {
  type: 'string',
  kind: 'string',
  direction: 'string',
  file: 'string',
  document: NUMBER,
  path: 'list<dyn>',
  pathText: 'string',
  line: NUMBER,
  scope: { dimension: 'string', targets: 'list<string>', share: NUMBER, basis: 'string' },
  summary: 'string',
  // Each kind's data differs; optional entries are tested with has().
  data: 'map<string, dyn>',
  missing: 'list<string>',
};

const FILE: CelType = { path: 'string', status: 'string', oldPath: 'string' };

const INVENTORY: CelType = {
  traffic: 'map<string, map<string, dyn>>',
  pools: 'map<string, map<string, dyn>>',
  callers: 'list<map<string, dyn>>',
  usage: 'map<string, dyn>',
  source: 'string',
};

/** The variables of a data policy: `signal` only for policies that match signals. */
export function policyVariables(options: CelType, withSignal: boolean): CelVariables {
  return {
    change: CHANGE,
    ...(withSignal ? { signal: SIGNAL } : {}),
    file: FILE,
    inventory: INVENTORY,
    old: 'dyn',
    new: 'dyn',
    options,
  };
}

/**
 * `options` as the policy declares them: the properties of its options schema, and any default
 * option it names. A schema without properties leaves options open (a map).
 */
export function optionsType(schema: object | undefined, defaults: Record<string, unknown>): CelType {
  const properties = (schema as { properties?: Record<string, object> } | undefined)?.properties;
  if (schema && !properties) return 'map<string, dyn>';
  const fields: Record<string, CelType> = {};
  for (const key of Object.keys(defaults)) fields[key] = 'dyn';
  for (const [key, property] of Object.entries(properties ?? {})) fields[key] = celTypeOf(property);
  return fields;
}

function celTypeOf(schema: unknown): CelType {
  if (!schema || typeof schema !== 'object') return 'dyn';
  const s = schema as { type?: unknown; properties?: Record<string, object>; additionalProperties?: unknown; items?: unknown };
  switch (s.type) {
    case 'string':
      return 'string';
    case 'boolean':
      return 'bool';
    case 'array':
      return celTypeOf(s.items) === 'string' ? 'list<string>' : 'list<dyn>';
    case 'object':
      if (s.properties && s.additionalProperties === false) {
        return Object.fromEntries(Object.entries(s.properties).map(([k, v]) => [k, celTypeOf(v)]));
      }
      return 'map<string, dyn>';
    default:
      return 'dyn';
  }
}
