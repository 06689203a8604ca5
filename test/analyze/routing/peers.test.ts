// BGP peers removed: every session of a speaker gone withdraws every route it announced.
import { expect, it } from 'vitest';
import { multiTable, runMulti, type MultiCase } from './multi-file.js';

const metallbPeer = (name: string, address: string) => `
  apiVersion: metallb.io/v1beta2
  kind: BGPPeer
  metadata: { name: ${name}, namespace: metallb-system }
  spec: { myASN: 64512, peerASN: 64500, peerAddress: ${address} }
`;
const metallbPool = `
  apiVersion: metallb.io/v1beta1
  kind: IPAddressPool
  metadata: { name: public, namespace: metallb-system }
  spec: { addresses: [203.0.113.0/24] }
`;
const twoPeers = `${metallbPeer('tor-a', '10.0.0.1')}---${metallbPeer('tor-b', '10.0.0.2')}`;
const calicoPeer = (group: string, address: string) => `{ "apiVersion": "${group}", "kind": "BGPPeer", "metadata": { "name": "tor" }, "spec": { "peerIP": "${address}", "asNumber": 64512 } }`;
const gobgp = (neighbors: string) => `
  global:
    config: { as: 65001, router-id: 10.255.0.1 }
  neighbors:${neighbors}
`;
const transitA = '\n    - config: { neighbor-address: 10.0.0.1, peer-as: 65000 }';
const transitB = '\n    - config: { neighbor-address: 10.0.0.5, peer-as: 65002 }';
const ciliumPolicy = `
  apiVersion: cilium.io/v2alpha1
  kind: CiliumBGPPeeringPolicy
  metadata: { name: rack0 }
  spec:
    nodeSelector: { matchLabels: { rack: rack0 } }
    virtualRouters:
      - localASN: 64512
        exportPodCIDR: true
        neighbors:
          - { peerAddress: 10.0.0.1/32, peerASN: 64512 }
          - { peerAddress: 10.0.0.2/32, peerASN: 64512 }
`;
const ciliumPool = `
  apiVersion: cilium.io/v2alpha1
  kind: CiliumLoadBalancerIPPool
  metadata: { name: l3-pool }
  spec:
    blocks:
      - cidr: 172.16.1.0/24
`;
const clusterConfig = (peers: string) => `
  apiVersion: cilium.io/v2
  kind: CiliumBGPClusterConfig
  metadata: { name: rack0 }
  spec:
    bgpInstances:
      - name: instance-64512
        localASN: 64512
        peers:${peers}
`;

const rejected: MultiCase[] = [
  {
    name: 'MetalLB: the file of every BGPPeer deleted, no other in the base',
    files: [{ path: 'metallb/peers.yaml', before: twoPeers }],
    unchanged: { 'metallb/pool.yaml': metallbPool },
    expect: ['routes-withdrawn@metallb/peers.yaml:1'],
  },
  {
    name: 'MetalLB: the same, and the source cannot look: a warning naming the fact',
    files: [{ path: 'metallb/peers.yaml', before: twoPeers }],
    expect: ['peers-removed@metallb/peers.yaml:1'],
  },
  {
    name: 'MetalLB: the only peer removed as a document, the inventory counts one',
    files: [{ path: 'metallb.yaml', before: `${metallbPool}---${metallbPeer('edge', '172.30.0.1')}`, after: metallbPool }],
    inventory: { bgp: { speakers: { metallb: { peers: 1 } } } },
    expect: ['routes-withdrawn@metallb.yaml:6'],
  },
  {
    name: 'MetalLB: bgp.peers for an estate of one speaker',
    files: [{ path: 'metallb/peers.yaml', before: twoPeers }],
    inventory: { bgp: { peers: 2 } },
    expect: ['routes-withdrawn@metallb/peers.yaml:1'],
  },
  {
    name: 'Calico projectcalico.org/v3 JSON deleted, only a MetalLB peer elsewhere (another family)',
    files: [{ path: 'calico/tor.json', before: calicoPeer('projectcalico.org/v3', '192.168.10.1') }],
    unchanged: { 'metallb/peers.yaml': metallbPeer('tor-a', '10.0.0.1') },
    expect: ['routes-withdrawn@calico/tor.json:1'],
  },
  {
    name: 'Calico: the BGPPeer and one BGPConfiguration deleted while another still advertises',
    files: [
      { path: 'calico/bgppeer.yaml', before: calicoPeer('crd.projectcalico.org/v1', '192.168.42.1') },
      { path: 'calico/bgpconfiguration-lab.yaml', before: 'apiVersion: crd.projectcalico.org/v1\nkind: BGPConfiguration\nmetadata: { name: lab }\nspec:\n  serviceExternalIPs: [{ cidr: 192.168.70.0/24 }]\n' },
    ],
    unchanged: { 'calico/bgpconfiguration.yaml': 'apiVersion: crd.projectcalico.org/v1\nkind: BGPConfiguration\nmetadata: { name: default }\nspec:\n  serviceExternalIPs: [{ cidr: 192.168.69.0/24 }]\n' },
    expect: ['routes-withdrawn@calico/bgppeer.yaml:1'],
  },
  {
    name: 'Calico crd.projectcalico.org/v1 deleted, the source cannot look',
    files: [{ path: 'calico/tor.yaml', before: calicoPeer('crd.projectcalico.org/v1', '192.168.10.1') }],
    expect: ['peers-removed@calico/tor.yaml:1'],
  },
  {
    name: 'a kubectl List: its only Calico BGPPeer item removed, the source cannot look',
    files: [
      {
        path: 'calico/export.yaml',
        before: `apiVersion: v1\nkind: List\nitems:\n  - { apiVersion: crd.projectcalico.org/v1, kind: BGPConfiguration, metadata: { name: default }, spec: { asNumber: 64513 } }\n  - ${calicoPeer('crd.projectcalico.org/v1', '192.168.10.1')}\n`,
        after: 'apiVersion: v1\nkind: List\nitems:\n  - { apiVersion: crd.projectcalico.org/v1, kind: BGPConfiguration, metadata: { name: default }, spec: { asNumber: 64513 } }\n',
      },
    ],
    expect: ['peers-removed@calico/export.yaml:5'],
  },
  {
    name: 'GoBGP YAML: every neighbor removed from the list',
    files: [{ path: 'gobgpd.yaml', before: gobgp(transitA + transitB), after: gobgp(' []') }],
    expect: ['routes-withdrawn@gobgpd.yaml:3'],
  },
  {
    name: 'GoBGP TOML: the neighbors taken out of the file',
    files: [
      {
        path: 'gobgpd.toml',
        before: '[global.config]\nas = 65001\n\n[[neighbors]]\n[neighbors.config]\nneighbor-address = "10.0.0.1"\npeer-as = 65000\n',
        after: '[global.config]\nas = 65001\n',
      },
    ],
    expect: ['routes-withdrawn@gobgpd.toml:1'],
  },
  {
    name: 'Cilium: a CiliumBGPPeeringPolicy deleted',
    files: [{ path: 'cilium/bgp.yaml', before: ciliumPolicy }],
    unchanged: {},
    expect: ['routes-withdrawn@cilium/bgp.yaml:1'],
  },
  {
    name: 'Cilium: a CiliumBGPClusterConfig instance left with no peers',
    files: [{ path: 'cilium/bgp.yaml', before: clusterConfig('\n          - { name: tor-1, peerASN: 64512, peerAddress: 10.0.0.1 }'), after: clusterConfig(' []') }],
    expect: ['routes-withdrawn@cilium/bgp.yaml:8'],
  },
  {
    name: 'FRR-style YAML: a map of neighbours keyed by address, emptied',
    files: [
      {
        path: 'frr/bgpd.yaml',
        before: 'router:\n  bgp:\n    asn: 65001\n    neighbors:\n      10.0.0.1: { remote-as: 65000 }\n      10.0.0.2: { remote-as: 65000 }\n',
        after: 'router:\n  bgp:\n    asn: 65001\n    neighbors: {}\n',
      },
    ],
    expect: ['routes-withdrawn@frr/bgpd.yaml:4'],
  },
  {
    name: 'a deleted speaker file that names its prefixes: one withdrawal, from its announcements',
    files: [{ path: 'routers/edge.yaml', before: 'speaker:\n  name: edge\n  networks: [198.51.100.0/24]\n  neighbors:\n    - { address: 10.0.0.1, remote_as: 65000 }\n' }],
    expect: ['routes-withdrawn@routers/edge.yaml:1'],
  },
];

const accepted: MultiCase[] = [
  {
    name: 'MetalLB: one of two peers removed',
    files: [{ path: 'metallb/peers.yaml', before: twoPeers, after: metallbPeer('tor-b', '10.0.0.2') }],
    expect: [],
  },
  {
    name: 'MetalLB: the peers file deleted, another BGPPeer stays in an unchanged file',
    files: [{ path: 'metallb/peers.yaml', before: twoPeers }],
    unchanged: { 'clusters/edge/peer.yaml': metallbPeer('edge', '172.30.0.1') },
    expect: [],
  },
  {
    name: 'MetalLB: the peers file deleted, the inventory counts more peers than it held',
    files: [{ path: 'metallb/peers.yaml', before: twoPeers }],
    inventory: { bgp: { speakers: { metallb: { peers: 3 } } } },
    expect: [],
  },
  {
    name: 'MetalLB: the peers moved to another file of the change',
    files: [
      { path: 'metallb/peers.yaml', before: twoPeers },
      { path: 'network/metallb-peers.yaml', after: twoPeers },
    ],
    expect: [],
  },
  {
    name: 'GoBGP: one neighbor of two removed',
    files: [{ path: 'gobgpd.yaml', before: gobgp(transitA + transitB), after: gobgp(transitB) }],
    expect: [],
  },
  {
    name: 'FRR-style YAML: a neighbour moved into a peer group keeps its session (no AS of its own)',
    files: [
      {
        path: 'frr/bgpd.yaml',
        before: 'router:\n  bgp:\n    asn: 65001\n    neighbors:\n      - { address: 10.0.0.1, remote-as: 65000 }\n',
        after: 'router:\n  bgp:\n    asn: 65001\n    peer-groups: { transit: { remote-as: 65000 } }\n    neighbors:\n      - { address: 10.0.0.1, remote-as: 65000 }\n      - { address: 10.0.0.2, peer-group: transit }\n',
      },
    ],
    expect: [],
  },
  {
    name: 'FRR-style YAML: the neighbour given a peer group instead of its own AS',
    files: [
      {
        path: 'frr/bgpd.yaml',
        before: 'router:\n  bgp:\n    asn: 65001\n    neighbors:\n      - { address: 10.0.0.1, remote-as: 65000 }\n      - { address: 10.0.0.2, remote-as: 65000 }\n',
        after: 'router:\n  bgp:\n    asn: 65001\n    neighbors:\n      - { address: 10.0.0.1, remote-as: 65000 }\n      - { address: 10.0.0.2, peer-group: transit }\n',
      },
    ],
    expect: [],
  },
  {
    name: 'GoBGP: a neighbor renumbered',
    files: [{ path: 'gobgpd.yaml', before: gobgp(transitA), after: gobgp(transitA.replace('10.0.0.1', '10.0.0.9')) }],
    expect: [],
  },
  {
    name: 'Cilium: the peering policy moved to the v2 CiliumBGPClusterConfig with the same peers',
    files: [
      { path: 'cilium/bgp.yaml', before: ciliumPolicy },
      { path: 'cilium/bgp-v2.yaml', after: clusterConfig('\n          - { name: tor-1, peerASN: 64512, peerAddress: 10.0.0.1 }\n          - { name: tor-2, peerASN: 64512, peerAddress: 10.0.0.2 }') },
    ],
    expect: [],
  },
  {
    // onedr0p/home-ops 989e31a0b8: l3.yaml held the CiliumBGPPeeringPolicy and the L3 pool it announced.
    name: 'Cilium: the peering policy deleted with the address pool it announced, in one file (a decommission)',
    files: [{ path: 'cilium/config/l3.yaml', before: `${ciliumPolicy}---\n${ciliumPool}` }],
    unchanged: {},
    expect: [],
  },
  {
    name: 'MetalLB: the peers deleted with their IPAddressPool, in one file (a decommission)',
    files: [{ path: 'metallb/bgp.yaml', before: `${metallbPool}---${twoPeers}` }],
    unchanged: {},
    expect: [],
  },
  {
    // onedr0p/home-ops ac6bc661ea: a retired router config kept as documentation, deleted with the rest of docs/deprecated.
    name: 'an example router config in a docs folder deleted (no live session)',
    files: [{ path: 'docs/deprecated/config.gateway-example.json', before: '{ "protocols": { "bgp": { "64512": { "neighbor": { "192.168.42.11": { "remote-as": "64512" } }, "parameters": { "router-id": "192.168.1.1" } } } } }' }],
    unchanged: {},
    expect: [],
  },
  {
    // onedr0p/home-ops ac6bc661ea: the whole Calico integration (BGPConfiguration, BGPPeer, Installation) retired.
    name: 'Calico: the BGPPeer and the BGPConfiguration that advertised the service IPs both deleted (a decommission)',
    files: [
      { path: 'integrations/calico/bgppeer.yaml', before: calicoPeer('crd.projectcalico.org/v1', '192.168.42.1') },
      { path: 'integrations/calico/bgpconfiguration.yaml', before: 'apiVersion: crd.projectcalico.org/v1\nkind: BGPConfiguration\nmetadata: { name: default }\nspec:\n  serviceExternalIPs: [{ cidr: 192.168.69.0/24 }]\n' },
    ],
    unchanged: {},
    expect: [],
  },
  {
    name: 'WireGuard peers emptied (no AS: not BGP)',
    files: [{ path: 'wg/wg0.yaml', before: 'interface: { address: 10.8.0.1/24 }\npeers:\n  - { publicKey: abc, endpoint: 1.2.3.4:51820, allowedIPs: [10.8.0.2/32] }\n', after: 'interface: { address: 10.8.0.1/24 }\npeers: []\n' }],
    expect: [],
  },
  {
    name: 'etcd peers removed (no AS: not BGP)',
    files: [{ path: 'etcd.yaml', before: 'cluster:\n  peers:\n    - { name: etcd-0, url: https://etcd-0:2380 }\n' }],
    unchanged: {},
    expect: [],
  },
];

multiTable('BGP peers removed (rejected)', rejected);
multiTable('BGP peers removed (accepted)', accepted);

it('names the prefixes of the address pools that stay: the routes the peers carried', () => {
  const [metallb] = runMulti({ name: 'metallb', files: [{ path: 'metallb/peers.yaml', before: twoPeers }], unchanged: { 'metallb/pool.yaml': metallbPool }, expect: [] });
  expect(metallb!.data).toMatchObject({ peers: ['10.0.0.1', '10.0.0.2'], prefixes: ['203.0.113.0/24'], before: 2, after: 0, basis: 'config' });
  const [cilium] = runMulti({ name: 'cilium', files: [{ path: 'cilium/bgp.yaml', before: ciliumPolicy }], unchanged: { 'cilium/pool.yaml': ciliumPool }, expect: [] });
  expect(cilium!.data).toMatchObject({ service: 'CiliumBGPPeeringPolicy/rack0 (64512)', peers: ['10.0.0.1', '10.0.0.2'], prefixes: ['172.16.1.0/24'] });
});

it('names the fact that would decide when nobody can look', () => {
  const [s] = runMulti({ name: 'unknown', files: [{ path: 'metallb/peers.yaml', before: twoPeers }], expect: [] });
  expect(s!.missing).toEqual(['how many BGP peers metallb has in files this change does not touch (inventory bgp.speakers.metallb.peers)']);
  expect(s!.data).toMatchObject({ remaining: 'unknown', peers: ['10.0.0.1', '10.0.0.2'] });
});
