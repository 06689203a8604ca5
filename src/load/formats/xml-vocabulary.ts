// XML elements that are always read as lists, even when a file has only one of them, so that
// adding a second logger is one added item and not a map turned into a list. Logging configs
// first (logback, log4j 1 and 2, Spring's logback extensions), then common config containers.
export const XML_LIST_ELEMENTS: ReadonlySet<string> = new Set([
  // logback
  'logger', 'appender', 'appender-ref', 'include', 'property', 'springProfile', 'turboFilter', 'filter',
  // log4j 2
  'Logger', 'AsyncLogger', 'AppenderRef', 'Property', 'Appender', 'Filter',
  // log4j 1
  'category', 'param',
  // generic containers of named entries
  'server', 'host', 'route', 'rule', 'entry', 'item', 'add', 'setting',
]);

/** Elements whose one attribute names the entry, for matching list items across versions. */
export const XML_IDENTITY_ATTRIBUTES: readonly string[] = ['name', 'id', 'ref', 'key'];
