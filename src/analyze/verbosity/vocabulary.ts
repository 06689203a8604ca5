// The verbosity analyzer's vocabulary, as data: level words and their relative volumes, the
// keys that hold a level, the lists that hold flags, and the contexts where a level-like word
// means something else (an alert's severity label, a compression level, a probe's threshold).
// Keys and words are compared normalised: lower case, without `-`, `_`, `.` and spaces.

/** Canonical levels, most verbose last, with their relative log volume (info = 1). */
export const LEVEL_VOLUME: Readonly<Record<string, number>> = {
  off: 0,
  fatal: 0.01,
  error: 0.05,
  warn: 0.2,
  notice: 0.5,
  info: 1,
  debug: 10,
  trace: 50,
};

/** Level words and aliases → canonical level. */
export const LEVEL_ALIASES: Readonly<Record<string, string>> = {
  off: 'off', none: 'off', silent: 'off', quiet: 'off', disabled: 'off', disable: 'off',
  fatal: 'fatal', critical: 'fatal', crit: 'fatal', panic: 'fatal', emerg: 'fatal', emergency: 'fatal', alert: 'fatal',
  error: 'error', err: 'error', severe: 'error', errors: 'error',
  warn: 'warn', warning: 'warn', warnings: 'warn',
  notice: 'notice',
  info: 'info', information: 'info', informational: 'info', normal: 'info', default: 'info',
  debug: 'debug', dbg: 'debug', fine: 'debug', debugging: 'debug',
  trace: 'trace', finer: 'trace', finest: 'trace', all: 'trace', verbose: 'trace', silly: 'trace', insane: 'trace',
};

/** Words that are also ordinary English: accepted only on keys that are clearly level keys. */
export const AMBIGUOUS_WORDS: ReadonlySet<string> = new Set([
  'off', 'none', 'all', 'default', 'normal', 'disabled', 'disable', 'alert', 'errors', 'warnings', 'quiet',
]);

/** Syslog severities 0–7 → canonical level (higher is louder). */
export const SYSLOG_LEVELS: readonly string[] = ['fatal', 'fatal', 'fatal', 'error', 'warn', 'notice', 'info', 'debug'];

/** klog severities 0–3 (`--stderrthreshold`; lower is louder). */
export const KLOG_SEVERITIES: readonly string[] = ['info', 'warn', 'error', 'fatal'];

/** Python logging numbers / 10 → canonical level (higher is quieter). */
export const PYTHON_LEVELS: readonly string[] = ['trace', 'debug', 'info', 'warn', 'error', 'fatal'];

/** OpenTelemetry debug / logging exporter `verbosity`, relative volume (basic = 1). */
export const EXPORTER_VERBOSITY: Readonly<Record<string, number>> = { basic: 1, normal: 10, detailed: 50 };

/** Network-traffic / body logging vocabulary, relative volume (basic = 1). */
export const TRAFFIC_VOLUME: Readonly<Record<string, number>> = {
  none: 0, off: 0, disabled: 0, false: 0,
  errors: 0.1, error: 0.1, errorsonly: 0.1,
  basic: 1, summary: 1, metadata: 1, minimal: 1, true: 1, on: 1, enabled: 1, connection: 1, flow: 1,
  headers: 3, header: 3, detailed: 3, standard: 3,
  full: 30, body: 30, bodies: 30, payload: 30, payloads: 30, all: 30, verbose: 30, debug: 30, packets: 30, pcap: 30,
};

// Volume estimates are facts the analyzer reports; what volume is too much is a policy option
// (verbosity.global-raise `minVolumeFactor`).
/** Volume factor of a log stream switched on from off. */
export const ENABLE_FACTOR = 10;
/** klog-style numeric verbosity: volume factor per step. */
export const KLOG_STEP_FACTOR = 2;

/** Command-line flags (normalised, without dashes) carrying a verbosity or level. */
export const VERBOSITY_FLAGS: ReadonlySet<string> = new Set([
  'v', 'verbosity', 'loglevel', 'logginglevel', 'logverbosity', 'vmodulelevel', 'stderrthreshold',
]);

/** List keys holding command-line flags or KEY=value strings. */
export const ARG_LISTS: ReadonlySet<string> = new Set([
  'args', 'command', 'cmd', 'flags', 'extraArgs', 'extra_args', 'entrypoint', 'commandLine', 'environment', 'env', 'arguments',
  'literals', // Kustomize configMapGenerator / secretGenerator
]);

/**
 * Flag and system-property prefixes (normalised, dashes dropped) that carry a level in their
 * name's tail: `--logging.level.root=DEBUG`, `-Dlogging.level.org.springframework=TRACE`.
 */
export const LEVEL_FLAG_PREFIXES: readonly string[] = [
  'logginglevel', 'dlogginglevel', 'dloglevel', 'dlog4j2level', 'dlog4jrootlevel', 'dorgslf4jsimpleloggerdefaultloglevel',
  'dorgslf4jsimpleloggerlog', 'dloggingroot',
];

/** Keys (normalised) whose value is a string of JVM / command-line options: `JAVA_OPTS`, `JAVA_TOOL_OPTIONS`. */
export const OPTION_STRING_KEYS: ReadonlySet<string> = new Set([
  'javaopts', 'javatooloptions', 'jdkjavaoptions', 'javaoptions', 'catalinaopts', 'jvmargs', 'jvmopts', 'jvmoptions',
  'javaargs', 'extrajvmargs', 'jvmflags', 'esjavaopts', 'kafkaopts', 'kafkalog4jopts', 'jaasopts', 'extrajavaopts',
  'javaargsprefix', 'jvmextraopts', 'heapopts',
]);

/** Keys (normalised) of lists of `{ name, value }` environment entries. */
export const ENV_LISTS: ReadonlySet<string> = new Set(['env', 'environment', 'envvars', 'variables']);

/**
 * Keys (normalised) that hold a level whatever their context. Any other key ending in `level`
 * does too, unless what comes before `level` is a NOT_LOG_QUALIFIERS word (`compressionLevel`).
 */
export const LEVEL_KEYS: ReadonlySet<string> = new Set([
  'level', 'loglevel', 'logginglevel', 'verbosity', 'logverbosity', 'verbositylevel', 'severity', 'logseverity',
  'minseverity', 'log', 'rustlog', 'stderrthreshold', 'logthreshold', 'loggingthreshold', 'v',
]);

/** Keys (normalised) that read numbers as klog-style verbosity (0 … 10, louder upward). */
export const KLOG_KEYS: ReadonlySet<string> = new Set(['v', 'verbosity', 'logverbosity', 'verbositylevel']);

/** Keys (normalised) that read numbers as klog severities (0 info … 3 fatal, lower is louder). */
export const KLOG_SEVERITY_KEYS: ReadonlySet<string> = new Set(['stderrthreshold']);

/**
 * Keys that hold a level only inside a logging context (a LOG_WORDS word in the path): alone,
 * `v` is a data key, `level` a game level and `severity` an alert's label.
 */
export const CONTEXT_LEVEL_KEYS: ReadonlySet<string> = new Set(['v', 'level', 'severity']);

/** What comes before `level` (or is the parent of `level`) when it is not a log level. */
export const NOT_LOG_QUALIFIERS: ReadonlySet<string> = new Set([
  'compression', 'compress', 'comp', 'gzip', 'gzipcomp', 'zstd', 'zlib', 'lz4', 'brotli', 'deflate', 'snappy',
  'raid', 'isolation', 'transactionisolation', 'tls', 'ssl', 'security', 'access', 'privilege', 'permission',
  'protection', 'replication', 'consistency', 'durability', 'nesting', 'zoom', 'battery', 'water', 'fill', 'tier',
  'priority', 'quality', 'optimization', 'optimisation', 'opt', 'debuginfo', 'risk', 'threat', 'trust', 'confidence',
  'service', 'support', 'api', 'sampling', 'cache', 'noise', 'volume', 'skill', 'memory', 'cpu', 'disk',
]);

/**
 * Path segments (normalised) below which values are identifiers or data, not settings: an
 * alert's `labels.severity`, an Alertmanager `match` on a severity, a schema's `enum`.
 */
export const DATA_CONTEXTS: ReadonlySet<string> = new Set([
  'labels', 'annotations', 'matchlabels', 'matchexpressions', 'matchers', 'match', 'matchre', 'sourcematch',
  'targetmatch', 'sourcematchre', 'targetmatchre', 'sourcematchers', 'targetmatchers', 'selector', 'nodeselector',
  'inhibitrules', 'equal', 'enum', 'examples', 'example', 'commonlabels', 'externallabels',
  'staticlabels', 'relabelconfigs', 'metricrelabelconfigs', 'tags',
]);

/** Path segments (normalised) under which an interval or period is a health check, not telemetry. */
export const HEALTH_CONTEXTS: ReadonlySet<string> = new Set([
  'livenessprobe', 'readinessprobe', 'startupprobe', 'probe', 'probes', 'healthcheck', 'healthchecks', 'health',
]);

/** Words in the path or file name that make a level-like value a log level. */
export const LOG_WORDS: ReadonlySet<string> = new Set([
  'log', 'logs', 'logging', 'logger', 'loggers', 'loglevel', 'verbosity', 'verbose', 'debug', 'trace', 'tracing',
  'severity', 'syslog', 'rsyslog', 'journald', 'fluentd', 'fluentbit', 'log4j', 'log4j2', 'logback', 'slf4j', 'zap',
  'logrus', 'winston', 'pino', 'serilog', 'nlog', 'klog',
]);

/** Words that make an interval a telemetry interval. */
export const TELEMETRY_WORDS: ReadonlySet<string> = new Set([
  'scrape', 'metric', 'metrics', 'telemetry', 'report', 'reporting', 'reporter', 'flush', 'log', 'logs', 'logging',
  'trace', 'traces', 'tracing', 'stats', 'statsd', 'prometheus', 'monitor', 'monitoring', 'export', 'exporter',
  'exporters', 'push', 'collect', 'collector', 'collection', 'sampling', 'otel', 'opentelemetry', 'span', 'spans',
  'datadog', 'newrelic', 'heartbeat', 'evaluation',
]);

/** Keys (normalised) that switch debug output on or off. */
export const DEBUG_SWITCHES: ReadonlySet<string> = new Set([
  'debug', 'verbose', 'debugmode', 'enabledebug', 'debugenabled', 'debuglogging', 'verboselogging', 'verbosemode', 'logdebug',
]);

/** Key fragments (normalised) of network-traffic / body / payload logging settings. */
export const TRAFFIC_KEY_FRAGMENTS: readonly string[] = [
  'trafficlog', 'networklog', 'packetlog', 'packetcapture', 'tcpdump', 'capturemode', 'bodylog', 'logbod', 'logpayload',
  'logrequestbod', 'logresponsebod', 'logheaders', 'dumptraffic', 'wirelog', 'httplog', 'requestlog',
  // request / response bodies and payloads included in logs or traces
  'includerequestbod', 'includeresponsebod', 'includebod', 'capturebod', 'capturerequestbod', 'captureresponsebod',
  'includepayload', 'capturepayload', 'datatrace', 'wiretap',
];
/**
 * Objects (normalised fragments) whose `mode` / `level` / `verbosity` / `detail` is a traffic
 * logging depth (`accessLog.mode: basic → full`, `networkTrace.mode: summary → full`); a key
 * holding one of these fragments and ending in such a word is one too (`access_log_mode`).
 */
export const TRAFFIC_MODE_HOLDERS: readonly string[] = ['accesslog', 'networktrac', 'packettrac', 'traffictrac', 'wiretrac', 'httptrac', 'requesttrac'];
export const TRAFFIC_MODE_WORDS: readonly string[] = ['mode', 'level', 'verbosity', 'detail', 'depth'];

/** VPC / network flow logs: `TrafficType` / `traffic_type`, the relative volume of what they record (ALL = 1). */
export const FLOW_LOG_KEYS: ReadonlySet<string> = new Set(['traffictype', 'flowlogtraffictype', 'logtraffictype']);
export const FLOW_LOG_VOLUME: Readonly<Record<string, number>> = { reject: 0.05, rejected: 0.05, accept: 0.95, accepted: 0.95, all: 1 };
/** Key endings (normalised) of traffic logging switches: `logRequests`, `enableLogResponse`. */
export const TRAFFIC_KEY_ENDINGS: readonly string[] = ['logrequest', 'logrequests', 'logresponse', 'logresponses'];

/** Key fragments (normalised) of trace / telemetry sampling rates. */
export const SAMPLING_KEY_FRAGMENTS: readonly string[] = ['sampl', 'probability', 'traceidratio', 'traceratio'];
/** Keys (normalised) that are a sampling rate when their parent is a sampling setting. */
export const SAMPLING_VALUE_KEYS: ReadonlySet<string> = new Set(['value', 'rate', 'ratio', 'numerator']);
/** Jaeger strategies: `{ type: probabilistic, param: 0.1 }` — `param` is the rate for these sampler types. */
export const SAMPLER_PARAM_KEYS: ReadonlySet<string> = new Set(['param', 'samplerparam', 'argument', 'arg']);
export const SAMPLER_TYPES: ReadonlySet<string> = new Set(['probabilistic', 'ratelimiting', 'lowerbound', 'traceidratio', 'parentbasedtraceidratio', 'ratio']);
/** Sampler names that fix the rate: OpenTelemetry `OTEL_TRACES_SAMPLER`, Jaeger `const`. */
export const SAMPLER_WORDS: Readonly<Record<string, number>> = {
  alwayson: 1, parentbasedalwayson: 1, alwaysoff: 0, parentbasedalwaysoff: 0, always: 1, never: 0,
};

/** Key fragments (normalised) of telemetry intervals. */
export const INTERVAL_KEY_FRAGMENTS: readonly string[] = ['interval', 'period', 'flushevery'];

/** Fields near a setting that say when a temporary raise ends. */
export const EXPIRY_FIELDS: readonly string[] = ['expires', 'expiry', 'expiresAt', 'expires_at', 'expireAt', 'until', 'ttl', 'validUntil', 'valid_until'];

/** Values (normalised) that switch an access log off. */
export const ACCESS_LOG_OFF: ReadonlySet<string> = new Set(['off', 'false', 'no', 'none', 'disabled', '0', '/dev/null', '']);

/**
 * Fields (normalised) that make an object an alerting or recording rule: its own `severity` or
 * `level` says how loud the alert is, not how much a service logs.
 */
export const ALERT_RULE_FIELDS: ReadonlySet<string> = new Set(['expr', 'query', 'alert', 'record', 'promql', 'condition']);

/** Keys that, on an alerting rule, are the alert's severity. */
export const ALERT_SEVERITY_KEYS: ReadonlySet<string> = new Set(['severity', 'level', 'priority']);

/**
 * Where a level is one named logger's rather than the root's: Spring `logging.level.<logger>`
 * (`root` is the root) and Python dictConfig `loggers.<logger>.level` (the root is `root:`). Each
 * entry: the path segments (normalised) that precede the logger's name.
 */
export const NAMED_LOGGER_PARENTS: ReadonlyArray<readonly string[]> = [['logging', 'level'], ['loggers']];
export const ROOT_LOGGER_NAMES: ReadonlySet<string> = new Set(['root', '']);
