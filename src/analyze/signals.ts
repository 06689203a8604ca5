// The signal catalogue: every signal type and kind the analyzers emit, as data. Policies match
// on these names, reports render them, and the schema's `match.signals` enum must equal the types.
// `direction` is the direction a kind carries at its most serious; kinds whose doc says
// "neutral below …" drop to neutral under that threshold.

type Dir = 'risky' | 'safe' | 'neutral';
type Entry = { readonly direction: Dir; readonly doc: string };

export const SIGNAL_CATALOGUE = {
  verbosity: {
    doc: 'Log levels, debug switches, access / traffic logging, trace sampling, telemetry intervals.',
    kinds: {
      'level-raised': { direction: 'risky', doc: 'Log level or verbosity raised (info → debug, -v=2 → -v=6, debug switch on).' },
      'level-lowered': { direction: 'safe', doc: 'Log level or verbosity lowered.' },
      'logging-enabled': { direction: 'risky', doc: 'Access / traffic / body logging switched on.' },
      'logging-disabled': { direction: 'safe', doc: 'Access / traffic / body logging switched off.' },
      'sampling-raised': { direction: 'risky', doc: 'Trace / telemetry sampling rate raised.' },
      'sampling-lowered': { direction: 'safe', doc: 'Trace / telemetry sampling rate lowered.' },
      'interval-shortened': { direction: 'risky', doc: 'Scrape / report / flush interval shortened (more volume).' },
      'interval-lengthened': { direction: 'safe', doc: 'Scrape / report / flush interval lengthened.' },
    },
  },
  routing: {
    doc: 'Where traffic goes: weights, route and failover targets, pools, announcements, rule order.',
    kinds: {
      'traffic-shifted': { direction: 'risky', doc: 'Traffic share moved between destinations.' },
      'pool-overloaded': { direction: 'risky', doc: 'A pool receiving traffic is projected past its capacity less headroom.' },
      'pool-emptied': { direction: 'risky', doc: 'A pool or route left with no backends or weight.' },
      'routes-withdrawn': { direction: 'risky', doc: 'A service / prefix list left with no routes.' },
      'routes-removed': { direction: 'risky', doc: 'Part of the routes / backends of a service removed.' },
      'failover-changed': { direction: 'neutral', doc: 'Failover target of a pool changed.' },
      'failover-removed': { direction: 'risky', doc: 'A failover target removed: a SECONDARY record gone, made the same as the PRIMARY, or the PRIMARY\'s health check removed.' },
      'selector-changed': { direction: 'risky', doc: 'A Service selector changed and the pods it selects are not known (no workload in the change or the inventory); routing.selector-unverified warns.' },
      'peers-removed': { direction: 'risky', doc: 'BGP peers removed (MetalLB or Calico BGPPeer) with none left in the change, and nothing (inventory bgp, the unchanged base) says whether the speaker has others; routing.peers-unverified warns.' },
      'export-narrowed': { direction: 'risky', doc: 'An export / announce policy rejects routes it announced before (a term flipped to reject); some announcing terms remain.' },
      'rule-reordered': { direction: 'risky', doc: 'Order-sensitive rules reordered; neutral unless an accepting rule moves past a terminal deny.' },
      'route-added': { direction: 'safe', doc: 'A new route for a destination not routed before.' },
      'backends-added': { direction: 'safe', doc: 'Backends added to a pool.' },
    },
  },
  entitlement: {
    doc: 'Who may call what, and who is charged: plans, ACLs, billing rules, exemptions.',
    kinds: {
      'access-lost': { direction: 'risky', doc: 'Callers lose access to endpoints they had.' },
      charged: { direction: 'risky', doc: 'Callers become chargeable for endpoints that were free.' },
      'access-gained': { direction: 'safe', doc: 'Callers gain access to endpoints.' },
      'charge-removed': { direction: 'safe', doc: 'Callers are no longer charged for endpoints.' },
      'exemption-added': { direction: 'safe', doc: 'Callers (or all internal callers) exempted.' },
      'exemption-removed': { direction: 'risky', doc: 'An exemption removed from callers (or all internal callers).' },
      'rate-limited': { direction: 'risky', doc: 'A rate limit added or lowered below what callers use (inventory callers[].usage): data.callers with usage and limit per window, data.internal.' },
      'rate-limit-lifted': { direction: 'safe', doc: 'Callers limited below their usage are no longer.' },
      'rate-limit-tightened': { direction: 'neutral', doc: 'A rate limit added or lowered where no usage per caller is known to compare it with.' },
    },
  },
  capacity: {
    doc: 'Replicas, autoscaling bounds, instance counts.',
    kinds: {
      'capacity-dropped': { direction: 'risky', doc: 'Replicas / instances / scaling bounds lowered or removed.' },
      'capacity-added': { direction: 'safe', doc: 'Replicas / instances / scaling bounds raised.' },
      'pool-margin': { direction: 'risky', doc: 'A pool set\'s load against its capacity in service and after losing its largest pool (N−1), before and after; safe when the margin grows.' },
      'hosts-drained': { direction: 'risky', doc: 'Hosts taken out of service by a drain list or maintenance selector whose reach no host registry counts.' },
    },
  },
  quota: {
    doc: 'Quotas and rate limits.',
    kinds: {
      'quota-lowered': { direction: 'risky', doc: 'A quota or rate limit lowered.' },
      'quota-raised': { direction: 'safe', doc: 'A quota or rate limit raised.' },
      'reservation-lowered': { direction: 'neutral', doc: 'A container resource request (resources.requests.*) lowered: the scheduler reserves less; the limit still bounds what it may use.' },
    },
  },
  size: {
    doc: 'File growth and duplicated entries.',
    kinds: {
      'size-growth': { direction: 'risky', doc: 'A file or its largest list grew (data.factor); size.growth-limit decides how much is too much.' },
      'duplicate-identity': { direction: 'risky', doc: 'Two list entries now share one identity (name, id…).' },
      'duplicate-row': { direction: 'risky', doc: 'A row of a list of tuples ([name, type] keyed by position) now occurs twice.' },
      'rows-over-limit': { direction: 'risky', doc: 'A list now holds more rows than a consumer limit declared for it (schema maxItems, inventory.limits).' },
      'rows-counted': { direction: 'neutral', doc: 'A generated list grew and no consumer limit is declared for it (the report names the inventory fact).' },
    },
  },
  deletion: {
    doc: 'Removal of many entries, and retention turned into hard deletion.',
    kinds: {
      'mass-removal': { direction: 'risky', doc: 'Entries of a list or map removed (data.sharePercent of data.before); deletion.mass-removal decides how many is too many.' },
      'soft-to-hard-delete': { direction: 'risky', doc: 'A retain / soft-delete / pruning setting now deletes data.' },
      'file-deleted': { direction: 'neutral', doc: 'A whole file deleted, with its share of the repository\'s configuration files.' },
      'document-removed': { direction: 'neutral', doc: 'A whole document removed from a multi-document file.' },
      'job-permanent': { direction: 'risky', doc: 'A deletion job switched from soft (mark, trash, recoverable) to permanent deletion.' },
      'dry-run-dropped': { direction: 'risky', doc: 'A deletion job that ran as a dry run now deletes (dry_run true → false or removed).' },
      'job-target-widened': { direction: 'risky', doc: 'A deletion job now targets a wider kind of thing (an app install → a whole site).' },
      'job-targets-grew': { direction: 'risky', doc: 'A deletion job targets many more items than before (data.factor).' },
    },
  },
  schema: {
    doc: 'Validation against bound JSON Schemas, and emptied fields.',
    kinds: {
      'schema-unusable': { direction: 'neutral', doc: 'A bound schema could not be loaded or compiled.' },
      'schema-invalid': { direction: 'risky', doc: 'The after side no longer validates against its schema.' },
      'field-emptied': { direction: 'risky', doc: 'A field set to an empty value; neutral for prose fields.' },
      'enum-narrowed': { direction: 'risky', doc: 'A schema document: values removed from an enum (or an enum added), data.values; documents valid before may not be now.' },
      'required-added': { direction: 'risky', doc: 'A schema document: fields (or an API parameter) newly required, data.fields.' },
      'property-removed': { direction: 'risky', doc: 'A schema document: a property removed from a schema, data.property.' },
      'type-narrowed': { direction: 'risky', doc: 'A schema document: a type changed to one that does not include the old one, data.from / data.to.' },
      'entry-blank-fields': { direction: 'risky', doc: 'A new list entry leaves blank (empty or null) fields every sibling entry fills.' },
    },
  },
  flag: {
    doc: 'Feature-flag rollouts: on/off and percentage targeting.',
    kinds: {
      'flag-widened': { direction: 'risky', doc: 'A flag reaches a larger share than before.' },
      'flag-enabled': { direction: 'risky', doc: 'A flag switched on from off.' },
      'flag-narrowed': { direction: 'safe', doc: 'A flag reaches a smaller share, still on.' },
      'flag-disabled': { direction: 'safe', doc: 'A flag switched off.' },
      'flag-reused': { direction: 'risky', doc: 'A retired or archived flag key switched on again: code still behind the old key may wake (data.flag, data.to).' },
    },
  },
  health: {
    doc: 'Health checks of shared load balancers, target groups, upstreams and mesh outlier detection.',
    kinds: {
      'check-changed': { direction: 'risky', doc: 'What a shared health check asks (path, expected codes, timeout, interval, thresholds) changed or tightened.' },
      'check-loosened': { direction: 'safe', doc: 'A shared health check only loosened (longer timeout, more failures tolerated, more codes accepted).' },
    },
  },
  network: {
    doc: 'Outbound traffic a workload may send: NetworkPolicy egress, firewall and security-group egress rules.',
    kinds: {
      'egress-denied': { direction: 'risky', doc: 'The selected workloads lose all outbound traffic, DNS included (default-deny egress, egress rules emptied).' },
      'dns-blocked': { direction: 'risky', doc: 'Egress now restricted to rules that do not allow DNS (port 53).' },
      'flow-blocked': { direction: 'risky', doc: 'An egress flow the inventory says a workload needs is no longer allowed.' },
      'egress-narrowed': { direction: 'neutral', doc: 'Egress rules removed; DNS still allowed (the inventory names the flows a workload needs).' },
    },
  },
  regex: {
    doc: 'Regular expressions in WAF rules, route matches, log filters and validation patterns.',
    kinds: {
      backtracking: { direction: 'risky', doc: 'A new or changed regex, run by a backtracking engine, can backtrack catastrophically (data.complexity, data.degree, data.attack).' },
      'regex-unchecked': { direction: 'neutral', doc: 'A new or changed regex the checker could not decide in its time budget.' },
    },
  },
  'policy-change': {
    doc: 'Reserved: the gate reports edits to its own files as the gate.policy-change finding; no analyzer emits this type.',
    kinds: {},
  },
} as const satisfies Record<string, { doc: string; kinds: Record<string, Entry> }>;

/** A signal type: a key of SIGNAL_CATALOGUE (verbosity, routing, capacity…). */
export type CatalogueType = keyof typeof SIGNAL_CATALOGUE;
/** Every signal kind an analyzer can emit. */
export type SignalKind = { [T in CatalogueType]: keyof (typeof SIGNAL_CATALOGUE)[T]['kinds'] }[CatalogueType] & string;

/** True when `type` is a catalogued signal type and, if given, `kind` is one of its kinds. */
export function isKnownSignal(type: string, kind?: string): boolean {
  if (!Object.hasOwn(SIGNAL_CATALOGUE, type)) return false;
  if (kind === undefined) return true;
  return Object.hasOwn(SIGNAL_CATALOGUE[type as CatalogueType].kinds, kind);
}
