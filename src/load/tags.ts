// YAML tags real configuration uses, read as data rather than refused: CloudFormation's
// intrinsics (`!Ref`, `!GetAtt`, `!Sub`), GitLab's `!reference`, `!include`, and YAML 1.1's
// standard tags (`!!binary`, `!!timestamp`, `!!set`, `!!omap`, `!!pairs`).
//
// A local tag becomes a one-key map, `{ "!Ref": "Bucket" }` — the same shape whether the tagged
// node is a scalar, a list or a map, so a retargeted `!Ref` is an ordinary modification and
// nothing is constructed from the tag. The standard tags keep the value as written: a timestamp
// or base64 text stays a string, a set a map of nulls, an omap or pairs a list of one-key maps.
import type * as jsYaml from 'js-yaml';

type Lib = Pick<typeof jsYaml, 'defineScalarTag' | 'defineSequenceTag' | 'defineMappingTag' | 'NOT_RESOLVED' | 'intCoreTag' | 'intJsonTag'>;

const loadOnly = () => false;

function localTags(lib: Lib): jsYaml.TagDefinition[] {
  const scalar = lib.defineScalarTag('!', {
    matchByTagPrefix: true,
    resolve: (source, _explicit, tagName) => ({ [tagName]: source }),
    identify: loadOnly,
  });
  const sequence = lib.defineSequenceTag<{ tag: string; items: unknown[] }, Record<string, unknown[]>>('!', {
    matchByTagPrefix: true,
    create: (tag) => ({ tag, items: [] }),
    addItem: (carrier, item) => void carrier.items.push(item),
    finalize: (carrier) => ({ [carrier.tag]: carrier.items }),
    identify: loadOnly,
  });
  const mapping = lib.defineMappingTag<{ tag: string; map: Record<string, unknown> }, Record<string, unknown>>('!', {
    matchByTagPrefix: true,
    create: (tag) => ({ tag, map: {} }),
    addPair: (carrier, key, value) => {
      if (typeof key !== 'string' && typeof key !== 'number') return 'a tagged mapping needs plain keys';
      Object.defineProperty(carrier.map, String(key), { value, enumerable: true, writable: true, configurable: true });
      return '';
    },
    has: (carrier, key) => Object.hasOwn(carrier.map, String(key)),
    keys: (result) => Object.keys(Object.values(result)[0] as object),
    get: (result, key) => (Object.values(result)[0] as Record<string, unknown>)[String(key)],
    finalize: (carrier) => ({ [carrier.tag]: carrier.map }),
    identify: loadOnly,
  });
  return [scalar, sequence, mapping];
}

const YAML_ORG = 'tag:yaml.org,2002:';

function standardTags(lib: Lib): jsYaml.TagDefinition[] {
  const asText = (name: string) =>
    lib.defineScalarTag(`${YAML_ORG}${name}`, { resolve: (source) => source, identify: loadOnly });
  const asList = (name: string) =>
    lib.defineSequenceTag<unknown[]>(`${YAML_ORG}${name}`, {
      create: () => [],
      addItem: (carrier, item) => void carrier.push(item),
      identify: loadOnly,
    });
  const set = lib.defineMappingTag<Record<string, unknown>>(`${YAML_ORG}set`, {
    create: () => ({}),
    addPair: (carrier, key, value) => {
      if (typeof key !== 'string' && typeof key !== 'number') return 'a set needs plain members';
      Object.defineProperty(carrier, String(key), { value, enumerable: true, writable: true, configurable: true });
      return '';
    },
    has: (carrier, key) => Object.hasOwn(carrier, String(key)),
    keys: (result) => Object.keys(result),
    get: (result, key) => result[String(key)],
    identify: loadOnly,
  });
  return [asText('binary'), asText('timestamp'), asList('omap'), asList('pairs'), set];
}

/**
 * An integer tag that keeps the digits of integers past 2^53 (`id: 9007199254740993`) as text,
 * as the TOML loader does, instead of rounding them to the nearest double.
 */
export function exactIntTag(lib: Lib, base: jsYaml.ScalarTagDefinition<number>): jsYaml.TagDefinition {
  return lib.defineScalarTag<number | string>(base.tagName, {
    implicit: true,
    implicitFirstChars: base.implicitFirstChars,
    resolve: (source, explicit, tagName) => {
      const value = base.resolve(source, explicit, tagName);
      if (typeof value !== 'number' || Number.isSafeInteger(value)) return value;
      const negative = source.startsWith('-');
      const digits = BigInt(source.replace(/^[-+]/, '')).toString();
      return negative ? `-${digits}` : digits;
    },
    identify: loadOnly,
  });
}

/** The tags the gate reads beyond the core schema. */
export function configTags(lib: Lib): jsYaml.TagDefinition[] {
  return [...localTags(lib), ...standardTags(lib), exactIntTag(lib, lib.intCoreTag)];
}
