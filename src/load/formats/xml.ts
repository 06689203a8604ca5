// XML: logging configs (logback, log4j2) and generic element/attribute files, parsed by
// fast-xml-parser. An element is a map of its attributes and child elements
// (`<root level="DEBUG">` → { root: { level: "DEBUG" } }), its text under `#text` when it has
// attributes too, else its text itself; elements named in the vocabulary are always lists.
// Values stay text, as written. Each value is located at the line of its element.
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { ConfigFile, JsonPath } from '../../model.js';
import { inputError } from '../../errors.js';
import { checkKey, configFileOf, LineMap, Positions, toPlain } from './tree.js';
import { XML_LIST_ELEMENTS } from './xml-vocabulary.js';

// Built on the first XML file, not when the engine is imported (a few ms of a cold start otherwise).
let parser: XMLParser | undefined;
const parserOnce = (): XMLParser =>
  (parser ??= new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '',
    textNodeName: '#text',
    parseTagValue: false,
    parseAttributeValue: false,
    ignoreDeclaration: true,
    ignorePiTags: true,
    captureMetaData: true,
    isArray: (name) => XML_LIST_ELEMENTS.has(name),
  }));
const META = XMLParser.getMetaDataSymbol() as unknown as symbol;

export function parseXml(blob: { path: string; text: string; bytes: number }, maxDepth: number): ConfigFile {
  // Entity declarations are how XML expands a small file into a huge one ("billion laughs"),
  // as YAML aliases do; configuration files have no use for them.
  const entity = /<!ENTITY/i.exec(blob.text);
  if (entity) throw inputError(blob.path, 'XML entity declarations are not read', new LineMap(blob.text).at(entity.index).line);
  const valid = XMLValidator.validate(blob.text);
  if (valid !== true) throw inputError(blob.path, `not valid XML: ${valid.err.msg}`, valid.err.line);
  const parsed = parserOnce().parse(blob.text) as Record<string, unknown>;
  const positions = new Positions();
  record(parsed, [], positions, new LineMap(blob.text), blob.path);
  return configFileOf(blob, 'xml', toPlain(parsed, 0, { file: blob.path, maxDepth }), positions);
}

function record(node: unknown, path: JsonPath, positions: Positions, lines: LineMap, file: string): void {
  if (Array.isArray(node)) {
    node.forEach((item, i) => record(item, [...path, i], positions, lines, file));
    return;
  }
  if (node === null || typeof node !== 'object') return;
  const meta = (node as Record<symbol, { startIndex?: number } | undefined>)[META];
  const line = meta?.startIndex !== undefined ? lines.at(meta.startIndex).line : undefined;
  if (line !== undefined) positions.set(path, { line, column: 1 });
  for (const [key, value] of Object.entries(node)) {
    checkKey(file, key, line ?? 1);
    if (line !== undefined && (value === null || typeof value !== 'object')) positions.set([...path, key], { line, column: 1 });
    record(value, [...path, key], positions, lines, file);
  }
}
