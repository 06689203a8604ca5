// What the rows analyzer reads, as data.

/** Shortest tuple read as a row keyed by position (`[name, type]`). */
export const MIN_TUPLE = 2;
/** Growth of a generated list that makes its missing consumer limit worth naming: ×factor and +rows at least. */
export const UNDECLARED_GROWTH = { factor: 1.5, rows: 10 } as const;
/** Keys of a JSON Schema walked to find the schema of a list (`maxItems`). */
export const SCHEMA_REF_PREFIXES: readonly string[] = ['#/definitions/', '#/$defs/'];
