// Weighted entries that are links, not destinations: a site's navigation menu orders its entries
// by `weight`, and no traffic follows the order. Found replaying observatorium/observatorium
// (Apache-2.0), whose Hugo `website/config/_default/menus.toml` stopped five commits as
// `routing.traffic-shift-limit`. Real weighted routing with `url` + `weight` (Traefik servers) still
// moves traffic.
import { beforeAll, describe, expect, it } from 'vitest';
import { runPipeline } from '../../../src/gate.js';
import { textChangeSet } from '../../support/analyze.js';
import { fsReader, loadSetup, type GateSetup } from '../../../src/config/index.js';
import routing from '../../../src/analyze/routing/index.js';
import { run, table } from '../kit/table.js';

const NOW = new Date('2026-12-01T00:00:00Z');
let setup: GateSetup;
beforeAll(async () => {
  setup = await loadSetup({ reader: fsReader(process.cwd()) });
});

function judge(path: string, before: string, after: string) {
  return runPipeline({ changeSet: textChangeSet(path, before, after), setup, now: NOW });
}

const MENUS = 'website/config/_default/menus.toml';

// observatorium/observatorium b1f4fc5d (merge of #483), website/config/_default/menus.toml
// (excerpt: the commented-out entries and the GitHub icon's SVG left out): an "API" link added
// beside "Docs" in the main menu.
const menus = (api: boolean) => `[[docs]]
  name = "Community"
  weight = 10
  identifier = "community"
  url = "/docs/community/"

[[docs]]
  name = "Usage"
  weight = 10
  identifier = "usage"
  url = "/docs/usage/"

[[docs]]
  name = "Design"
  weight = 20
  identifier = "design"
  url = "/docs/design/"

[[proposals]]
  name = "Drafts"
  url = "/docs/proposals/drafts/"
  identifier = "draft-proposals"
  weight = 10

[[main]]
  name = "Docs"
  url = "/docs/usage/getting-started.md/"
  weight = 10
${api ? '\n[[main]]\n  name = "API"\n  url = "/docs/api.html/"\n  weight = 10\n' : ''}
[[social]]
  name = "GitHub"
  url = "https://github.com/observatorium/observatorium"
  post = "v0.1.0"
  weight = 20
`;

// observatorium/observatorium ade22070, the same file: the empty "Architecture" section removed
// from the sidebar, the "Docs" link pointed at the getting-started page.
const architecture = (removed: boolean) => `${
  removed
    ? ''
    : `[[docs]]
  name = "Architecture"
  weight = 10
  identifier = "architecture"
  url = "/docs/architecture/"

`
}[[docs]]
  name = "Design"
  weight = 60
  identifier = "design"
  url = "/docs/design/"

[[main]]
  name = "Docs"
  url = "${removed ? '/docs/usage/getting-started.md/' : '/docs/architecture/architecture.md/'}"
  weight = 10
`;

describe('observatorium/observatorium b1f4fc5d: Hugo menu weights order links, they move no traffic', () => {
  it('passes through the pipeline', () => {
    const result = judge(MENUS, menus(false), menus(true));
    expect(result.findings.filter((f) => f.policy.startsWith('routing.'))).toEqual([]);
    expect(result.verdict).toBe('pass');
  });

  it('the routing analyzer reads no routing signal from a link added to a menu', () => {
    expect(run(routing, { name: 'x', file: MENUS, before: menus(false), after: menus(true), expect: [] })).toEqual([]);
  });

  it('nor from a section removed from the sidebar (observatorium/observatorium ade22070)', () => {
    const result = judge(MENUS, architecture(false), architecture(true));
    expect(result.findings.filter((f) => f.policy.startsWith('routing.'))).toEqual([]);
    expect(result.verdict).toBe('pass');
  });

  it('the same weights on Traefik servers (absolute URLs) in TOML still stop as a traffic shift', () => {
    const servers = (a: number, b: number) => `[[http.services.app.loadBalancer.servers]]
  url = "http://10.0.0.1:8080/"
  weight = ${a}

[[http.services.app.loadBalancer.servers]]
  url = "http://10.0.0.2:8080/"
  weight = ${b}
`;
    const result = judge('traefik/dynamic.toml', servers(90, 10), servers(10, 90));
    expect(result.findings.map((f) => f.policy)).toContain('routing.traffic-shift-limit');
    expect(result.verdict).toBe('needs-rollout');
  });
});

// metallb/metallb ac8d7f8e7 (Apache-2.0), website/config.toml (excerpt): the icons in the names of
// the Hugo shortcuts menu updated, and the first entry's `pre` dropped. The links are absolute URLs:
// the list is a menu by its name (`menu.shortcuts`), not by the shape of its links.
const shortcuts = (icons: 'old' | 'new') => `baseurl = "/"
title = "MetalLB, bare metal load-balancer for Kubernetes"
theme = "hugo-theme-relearn"

[[params.themeVariant]]
    identifier = 'blue'

[[menu.shortcuts]]
${icons === 'old' ? 'pre = "<hr>"\nname = "<i class=\'fa fa-github\'></i> GitHub repo"' : 'name = "<i class=\'fab fa-github\'></i> GitHub repo"'}
url = "https://github.com/metallb/metallb"
weight = 10

[[menu.shortcuts]]
name = "<i class='${icons === 'old' ? 'fa fa-envelope-open-o' : 'far fa-envelope-open'}'></i> Mailing list"
url = "https://groups.google.com/forum/#!forum/metallb-users"
weight = 20

[[menu.shortcuts]]
name = "<i class='${icons === 'old' ? 'fa fa-slack' : 'fab fa-slack-hash'}'></i> Slack"
url = "https://kubernetes.slack.com/messages/metallb"
weight = 30
`;

describe('metallb/metallb ac8d7f8e7: a Hugo menu of absolute links (menu.shortcuts) moves no traffic either', () => {
  it('passes through the pipeline', () => {
    const result = judge('website/config.toml', shortcuts('old'), shortcuts('new'));
    expect(result.findings.filter((f) => f.policy.startsWith('routing.'))).toEqual([]);
    expect(result.verdict).toBe('pass');
  });

  it('a service named menu behind Traefik servers still shifts traffic', () => {
    const servers = (a: number) => `[[http.services.menu.loadBalancer.servers]]
  url = "http://10.0.0.1:8080/"
  weight = ${a}

[[http.services.menu.loadBalancer.servers]]
  url = "http://10.0.0.2:8080/"
  weight = ${100 - a}
`;
    expect(run(routing, { name: 'x', file: 'traefik/menu.toml', before: servers(100), after: servers(0), expect: [] }).map((s) => s.kind)).toEqual(['traffic-shifted']);
  });
});

table(routing, 'navigation entries ordered by weight carry no traffic', [
  {
    name: 'Hugo [[menu.main]] in TOML, with pageRef and parent, entry added',
    file: 'hugo.toml',
    before: `
      [[menu.main]]
        name = "Products"
        pageRef = "/products"
        weight = 10
      [[menu.main]]
        name = "Hugo"
        pageRef = "/products/hugo"
        parent = "Products"
        weight = 1
    `,
    after: `
      [[menu.main]]
        name = "Products"
        pageRef = "/products"
        weight = 10
      [[menu.main]]
        name = "Hugo"
        pageRef = "/products/hugo"
        parent = "Products"
        weight = 1
      [[menu.main]]
        name = "Services"
        pageRef = "/services"
        weight = 20
    `,
    expect: [],
  },
  {
    name: 'Hugo hugo.yaml menus: weights reordered',
    file: 'hugo.yaml',
    before: `
      menus:
        main:
          - name: Home
            url: /
            weight: 10
          - name: Blog
            url: /blog/
            weight: 20
          - name: About
            url: /about/
            weight: 30
    `,
    after: `
      menus:
        main:
          - name: Home
            url: /
            weight: 10
          - name: Blog
            url: /blog/
            weight: 90
          - name: About
            url: /about/
            weight: 5
    `,
    expect: [],
  },
  {
    name: 'Hugo config.yaml menu: parent entries with identifier only, one removed',
    file: 'config.yaml',
    before: `
      menu:
        docs:
          - identifier: usage
            name: Usage
            weight: 10
          - identifier: design
            name: Design
            weight: 20
          - identifier: architecture
            name: Architecture
            weight: 30
    `,
    after: `
      menu:
        docs:
          - identifier: usage
            name: Usage
            weight: 10
          - identifier: design
            name: Design
            weight: 20
    `,
    expect: [],
  },
  {
    name: 'social links with absolute URLs and icons (pre/post) reordered',
    file: 'config/_default/menus.toml',
    before: `
      [[social]]
        name = "GitHub"
        url = "https://github.com/example/site"
        pre = "<i class='github'></i>"
        weight = 10
      [[social]]
        name = "Mastodon"
        url = "https://fosstodon.org/@example"
        pre = "<i class='mastodon'></i>"
        weight = 20
    `,
    after: `
      [[social]]
        name = "GitHub"
        url = "https://github.com/example/site"
        pre = "<i class='github'></i>"
        weight = 30
      [[social]]
        name = "Mastodon"
        url = "https://fosstodon.org/@example"
        pre = "<i class='mastodon'></i>"
        weight = 20
    `,
    expect: [],
  },
  {
    name: 'relative and anchor links in a YAML sidebar, entry replaced',
    file: 'data/sidebar.yaml',
    before: `
      sidebar:
        - name: Install
          url: docs/install/
          weight: 1
        - name: Configure
          url: "#configure"
          weight: 2
    `,
    after: `
      sidebar:
        - name: Install
          url: docs/install/
          weight: 1
        - name: Upgrade
          url: ../upgrade/
          weight: 2
    `,
    expect: [],
  },
  {
    name: 'metallb 9c7ed537c: [[menu.main]] entry with a relative url added',
    file: 'website/config.toml',
    before: `
      [[menu.main]]
          name   = "Release notes"
          url    = "release-notes/"
          weight = 70
    `,
    after: `
      [[menu.main]]
          name   = "Release notes"
          url    = "release-notes/"
          weight = 70

      [[menu.main]]
          name   = "Community"
          url    = "community/"
          weight = 80
    `,
    expect: [],
  },
  {
    name: 'a top-level list of absolute links in a file named menus',
    file: 'config/_default/menus.en.toml',
    before: `
      [[social]]
        name = "GitHub"
        url = "https://github.com/example/site"
        weight = 10
    `,
    after: `
      [[social]]
        name = "GitHub"
        url = "https://github.com/example/site"
        weight = 10
      [[social]]
        name = "Forum"
        url = "https://discuss.example.org/"
        weight = 20
    `,
    expect: [],
  },
  {
    name: 'page front matter menu map with a weight',
    file: 'content/docs/_index.yaml',
    before: `
      title: Docs
      menu:
        main:
          weight: 10
        docs:
          weight: 20
          parent: start
    `,
    after: `
      title: Docs
      menu:
        main:
          weight: 40
        docs:
          weight: 5
          parent: start
    `,
    expect: [],
  },
]);

table(routing, 'weighted routing with url and weight still moves traffic', [
  {
    name: 'Traefik loadBalancer.servers in YAML: absolute URLs shifted',
    file: 'traefik/dynamic.yaml',
    before: `
      http:
        services:
          app:
            loadBalancer:
              servers:
                - url: http://10.0.0.1:8080/
                  weight: 100
                - url: http://10.0.0.2:8080/
                  weight: 0
    `,
    after: `
      http:
        services:
          app:
            loadBalancer:
              servers:
                - url: http://10.0.0.1:8080/
                  weight: 0
                - url: http://10.0.0.2:8080/
                  weight: 100
    `,
    expect: ['traffic-shifted@7'],
  },
  {
    name: 'Traefik weighted services (name and weight only) in TOML',
    file: 'traefik/dynamic.toml',
    before: `
      [[http.services.app.weighted.services]]
        name = "appv1"
        weight = 3
      [[http.services.app.weighted.services]]
        name = "appv2"
        weight = 1
    `,
    after: `
      [[http.services.app.weighted.services]]
        name = "appv1"
        weight = 1
      [[http.services.app.weighted.services]]
        name = "appv2"
        weight = 3
    `,
    expect: ['traffic-shifted@3'],
  },
  {
    name: 'Gateway API backendRefs with weights',
    file: 'httproute.yaml',
    before: `
      apiVersion: gateway.networking.k8s.io/v1
      kind: HTTPRoute
      metadata:
        name: store
      spec:
        rules:
          - backendRefs:
              - name: store-v1
                port: 8080
                weight: 90
              - name: store-v2
                port: 8080
                weight: 10
    `,
    after: `
      apiVersion: gateway.networking.k8s.io/v1
      kind: HTTPRoute
      metadata:
        name: store
      spec:
        rules:
          - backendRefs:
              - name: store-v1
                port: 8080
                weight: 10
              - name: store-v2
                port: 8080
                weight: 90
    `,
    expect: ['traffic-shifted@10'],
  },
  {
    name: 'a path-routed entry with a backend key is a destination, whatever its url',
    file: 'routes.yaml',
    before: `
      routes:
        - url: /api
          service: api-a
          weight: 100
        - url: /api
          service: api-b
          weight: 0
    `,
    after: `
      routes:
        - url: /api
          service: api-a
          weight: 50
        - url: /api
          service: api-b
          weight: 50
    `,
    expect: ['traffic-shifted@4'],
  },
  {
    name: 'an upstream named menu (a routing word above it) is a pool, not a site menu',
    file: 'lb.yaml',
    before: `
      upstreams:
        menu:
          - url: http://10.0.0.1:8080
            weight: 100
          - url: http://10.0.0.2:8080
            weight: 0
    `,
    after: `
      upstreams:
        menu:
          - url: http://10.0.0.1:8080
            weight: 0
          - url: http://10.0.0.2:8080
            weight: 100
    `,
    expect: ['traffic-shifted@4'],
  },
  {
    name: 'entries with a backend key under a menu word still route',
    file: 'routes.yaml',
    before: `
      menu:
        main:
          - service: menu-v1
            weight: 90
          - service: menu-v2
            weight: 10
    `,
    after: `
      menu:
        main:
          - service: menu-v1
            weight: 10
          - service: menu-v2
            weight: 90
    `,
    expect: ['traffic-shifted@4'],
  },
  {
    name: 'absolute urls at the top of a file not named a menu stay endpoints',
    file: 'upstream.toml',
    before: `
      [[social]]
        name = "a"
        url = "http://10.0.0.1:8080/"
        weight = 10
      [[social]]
        name = "b"
        url = "http://10.0.0.2:8080/"
        weight = 0
    `,
    after: `
      [[social]]
        name = "a"
        url = "http://10.0.0.1:8080/"
        weight = 0
      [[social]]
        name = "b"
        url = "http://10.0.0.2:8080/"
        weight = 10
    `,
    expect: ['traffic-shifted@4'],
  },
  {
    name: 'host:port and protocol-relative urls are endpoints, not links',
    file: 'lb.yaml',
    before: `
      upstream:
        - url: api-a.internal:8080
          weight: 100
        - url: //api-b.internal
          weight: 0
    `,
    after: `
      upstream:
        - url: api-a.internal:8080
          weight: 20
        - url: //api-b.internal
          weight: 80
    `,
    expect: ['traffic-shifted@3'],
  },
]);
