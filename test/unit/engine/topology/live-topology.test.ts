import * as assert from 'node:assert/strict';
import type { RequestRecord } from '../../../../src/engine/sim/drills/drill-report';
import type { ReplicaNode, ReplicaState } from '../../../../src/engine/sim/replica/replica-state';
import { deriveTopology } from '../../../../src/engine/topology/derive';
import { drawTopologySvg } from '../../../../src/engine/topology/draw/draw-topology-svg';
import { healthOf, liveNodesOf, servingByNode } from '../../../../src/engine/topology/draw/live-nodes';
import { TemplateModel } from '../../../../src/engine/template/template-model';
import { assertWellFormedSvg } from '../../../support/svg-checks';

const TEMPLATE = `Resources:
  Lb:
    Type: AWS::ElasticLoadBalancingV2::LoadBalancer
    Properties: { Subnets: [a, b] }
  Web:
    Type: AWS::AutoScaling::AutoScalingGroup
    Properties: { MinSize: '2', MaxSize: '4', DesiredCapacity: '2', VPCZoneIdentifier: [a, b], LaunchTemplate: { LaunchTemplateId: lt, Version: '1' } }
`;

/**
 * The replica's state as readReplica returns it from Docker's labels and container list. Built
 * here (no Docker in unit tests): a node exited, one unhealthy and one starting all at once is
 * a state the real replica reaches only by timing a kill against its health checks.
 */
function replica(nodes: Array<Partial<ReplicaNode> & Pick<ReplicaNode, 'name' | 'role'>>): ReplicaState {
  return {
    project: 'pic', session: 's', plan: {} as ReplicaState['plan'], network: 'pic-net', prefix: 'mdl_', dbPassword: '', siteUrl: 'http://127.0.0.1:1/',
    nodes: nodes.map((n) => ({ container: `pic-${n.name}`, state: 'running', health: 'healthy', image: 'i', ip: '', ...n })),
  };
}

const record = (node: string, end: number, ok = true): RequestRecord => ({ start: end - 20, end, kind: 'page', user: 0, status: ok ? 200 : 502, ok, node } as RequestRecord);

describe('topology: the live replica picture', () => {
  const topology = deriveTopology(TemplateModel.parse('t.yaml', TEMPLATE));

  it('health in words: a stopped container is stopped whatever its last health check said', () => {
    assert.equal(healthOf({ state: 'exited', health: 'healthy' }), 'stopped');
    assert.equal(healthOf({ state: 'running', health: 'unhealthy' }), 'unhealthy');
    assert.equal(healthOf({ state: 'running', health: 'starting' }), 'starting');
    assert.equal(healthOf({ state: 'running', health: 'none' }), 'running');
  });

  it('draws the replica\'s own web nodes, each with a mark, the word and its line style (not colour alone)', () => {
    const state = replica([
      { name: 'lb', role: 'lb' }, { name: 'web-1', role: 'web' }, { name: 'web-2', role: 'web', health: 'unhealthy' },
      { name: 'web-3', role: 'web', state: 'exited', health: '-' }, { name: 'web-4', role: 'web', health: 'starting' }, { name: 'db', role: 'db' },
    ]);
    const svg = drawTopologySvg(topology, { title: 'replica', liveNodes: liveNodesOf(state) });
    const { texts } = assertWellFormedSvg(svg);
    const lines = texts.map((t) => t.text);
    for (const line of ['✔ web-1 healthy', '✖ web-2 unhealthy', '■ web-3 stopped', '… web-4 starting']) assert.ok(lines.includes(line), `${line} in ${lines.join(' | ')}`);
    assert.ok(!lines.some((l) => /^web \d/.test(l)), 'the template\'s desired count is not drawn instead');
    assert.match(svg, /stroke="var\(--error\)" stroke-width="3" data-node="web-2"/);
    assert.match(svg, /stroke-dasharray="1 3" data-node="web-3"/);
    assert.match(svg, /stroke-dasharray="5 3" data-node="web-4"/);
    assert.ok(lines.includes('Replica: 1 of 4 web node(s) healthy'));
    assert.ok(lines.includes('lb ✔ healthy · db ✔ healthy'));
    assert.ok(lines.some((l) => l.startsWith('nodes: ✔ healthy (solid)')), 'a legend for the marks');
  });

  it('during a drill, the node answering now is filled and says how many requests a second', () => {
    const records = [record('web-1', 100), record('web-2', 4_300), record('web-2', 4_600), record('web-1', 4_700, false), record('web-2', 5_200)];
    assert.deepEqual(servingByNode(records, 5_000), { 'web-2': 2 }, 'answered, in the last second, by node (a failed request serves no one)');
    const state = replica([{ name: 'web-1', role: 'web' }, { name: 'web-2', role: 'web' }]);
    const svg = drawTopologySvg(topology, { title: 'drill', liveNodes: liveNodesOf(state, servingByNode(records, 5_000)) });
    assert.match(svg, /fill="var\(--info\)" fill-opacity="0.25" stroke="var\(--ok\)" stroke-width="1.5" data-node="web-2"/);
    assert.match(svg, /font-weight="bold">✔ web-2 healthy ▶ 2 req\/s</);
    assert.match(svg, /<rect [^>]*fill="none" [^>]*data-node="web-1"/, 'the idle node is not filled');
    assert.doesNotMatch(svg, /web-1 healthy ▶/);
  });

  it('a node that has just died is drawn stopped, not serving what it answered in its last second', () => {
    const state = replica([{ name: 'web-1', role: 'web' }, { name: 'web-2', role: 'web', state: 'exited', health: '-' }]);
    const svg = drawTopologySvg(topology, { title: 'drill', liveNodes: liveNodesOf(state, { 'web-1': 4, 'web-2': 7 }) });
    const lines = assertWellFormedSvg(svg).texts.map((t) => t.text);
    assert.ok(lines.includes('■ web-2 stopped'), lines.join(' | '));
    assert.ok(lines.includes('✔ web-1 healthy ▶ 4 req/s'));
    assert.doesNotMatch(svg, /<rect [^>]*class="serving"[^>]*data-node="web-2"/);
  });

  it('the serving node flashes, and stops flashing for a user who asked for reduced motion', () => {
    const state = replica([{ name: 'web-1', role: 'web' }, { name: 'web-2', role: 'web' }]);
    const svg = drawTopologySvg(topology, { title: 'drill', liveNodes: liveNodesOf(state, { 'web-2': 3 }) });
    assert.match(svg, /<rect [^>]*class="serving"[^>]*data-node="web-2"/);
    assert.doesNotMatch(svg, /<rect [^>]*class="serving"[^>]*data-node="web-1"/, 'only the node serving now');
    assert.match(svg, /\.serving \{ animation: mha-serving [^}]*infinite/);
    assert.match(svg, /prefers-reduced-motion: reduce\) \{ \.serving \{ animation: none; \} \}/);
    assert.doesNotMatch(drawTopologySvg(topology, { title: 'template' }), /mha-serving/, 'a template\'s own picture has nothing to flash');
  });
});
