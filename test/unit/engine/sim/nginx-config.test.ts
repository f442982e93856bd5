import * as assert from 'node:assert/strict';
import { renderNginxConfig } from '../../../../src/engine/sim/lb/nginx-config';

const nodes = [{ name: 'web-1', ip: '10.213.1.11' }, { name: 'web-2', ip: '10.213.1.12' }];

describe('sim/nginx-config', () => {
  const config = renderNginxConfig({ nodes });

  it('shares upstream state between workers and names nodes by address', () => {
    assert.match(config, /upstream moodle_web \{\n\s+zone moodle_web 64k;/);
    assert.match(config, /server 10\.213\.1\.11:80 max_fails=1 fail_timeout=10s;/);
    assert.match(config, /server 10\.213\.1\.12:80 max_fails=1 fail_timeout=10s;/);
    assert.doesNotMatch(config, /server web-1/);
  });

  it('keeps no upstream keepalive pool', () => {
    assert.doesNotMatch(config, /^\s*keepalive\s+\d+/m);
  });

  it('with the target group steering, never resends a failed request to another node, as an ALB never does (the user gets the 502/504)', () => {
    for (const c of [renderNginxConfig({ nodes, activeHealth: true }), renderNginxConfig({ nodes, activeHealth: true, sticky: true })]) {
      assert.match(c, /proxy_next_upstream off;/);
      // nginx's default (no directive at all) is `error timeout`: the directive must be there.
      assert.doesNotMatch(c, /proxy_next_upstream(_tries|_timeout)? (?!off;)/);
    }
  });

  it("without a target group, nginx's own probe of a benched node (a user's request every fail_timeout) goes on to the next node when it fails, never on a 503", () => {
    for (const c of [config, renderNginxConfig({ nodes, sticky: true })]) {
      assert.match(c, /proxy_next_upstream error timeout http_502;/);
      assert.match(c, /proxy_next_upstream_tries 3;/);
      assert.doesNotMatch(c, /proxy_next_upstream [^;]*http_503/, 'a site-wide 503 (maintenance) is the answer, not a reason to retry');
    }
  });

  it("leaves the choice of nodes to the target group when it steers: no passive check, no backups, the ALB's 10 s connect timeout", () => {
    const steered = renderNginxConfig({ nodes, activeHealth: true });
    assert.match(steered, /server 10\.213\.1\.11:80 max_fails=0;/);
    assert.doesNotMatch(steered, /fail_timeout/);
    assert.doesNotMatch(steered, /backup/);
    assert.match(steered, /proxy_connect_timeout 10s;/);
    assert.match(config, /proxy_connect_timeout 1s;/, 'without a target group the passive check is the health check');
  });

  it("waits for a node's answer as long as an ALB's default idle timeout (a late page is not a lost one)", () => {
    assert.match(config, /proxy_read_timeout 60s;/);
    assert.match(config, /proxy_send_timeout 60s;/);
  });

  it('names the answering node in X-Upstream (the last address nginx tried)', () => {
    assert.match(config, /add_header X-Upstream \$mha_upstream_node always;/);
    const line = config.split('\n').find((l) => l.includes('web-2;'))!;
    const pattern = new RegExp(line.trim().split(' ')[0].slice(1));
    assert.ok(pattern.test('10.213.1.11:80, 10.213.1.12:80'), 'the last address is the one that answered');
    assert.ok(!pattern.test('10.213.1.12:80, 10.213.1.11:80'));
    assert.ok(!pattern.test('10.213.1.120:80'));
  });

  it('lists the nodes again as never-failing backups, so a site-wide 503 does not become 502s', () => {
    assert.match(config, /server 10\.213\.1\.11:80 max_fails=0 backup;/);
    assert.match(config, /server 10\.213\.1\.12:80 max_fails=0 backup;/);
    const drained = renderNginxConfig({ nodes: [{ ...nodes[0], down: true }, nodes[1]] });
    assert.doesNotMatch(drained, /10\.213\.1\.11:80 max_fails=0 backup/, 'a drained node gets no traffic at all');
    assert.doesNotMatch(renderNginxConfig({ nodes, sticky: true }), /backup/, 'ip_hash cannot have backups');
  });

  it('adds ip_hash in sticky mode only, and marks drained nodes down', () => {
    assert.doesNotMatch(config, /ip_hash/);
    const sticky = renderNginxConfig({ nodes: [{ ...nodes[0], down: true }, nodes[1]], sticky: true });
    assert.match(sticky, /ip_hash;/);
    assert.match(sticky, /server 10\.213\.1\.11:80 max_fails=1 fail_timeout=10s down;/);
  });

  it('stays valid with no web node at all', () => {
    assert.match(renderNginxConfig({ nodes: [] }), /server 127\.0\.0\.1:9 down;/);
  });

  it('listens only inside the container (the host publishes it on 127.0.0.1)', () => {
    assert.match(config, /listen 80 default_server;/);
    assert.doesNotMatch(config, /listen 0\.0\.0\.0/);
  });
});
