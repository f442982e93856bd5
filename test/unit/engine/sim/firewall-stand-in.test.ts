import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { readAwsBehaviour } from '../../../../src/engine/sim/aws/read-aws-behaviour';
import { firewallLetMoodleThrough, summarize, type RequestRecord } from '../../../../src/engine/sim/drills/drill-report';
import { greaterThanPattern, renderNginxConfig } from '../../../../src/engine/sim/lb/nginx-config';
import { TemplateModel } from '../../../../src/engine/template/template-model';
import { repoRoot } from '../../../support/fixtures';

/**
 * AWS WAF's stand-in in the replica: a web ACL whose Core rule set blocks bodies over 8 KB makes
 * the load balancer answer them 403, as the ALB does, and the drill fails on every refusal.
 */
const read = (relative: string, edit: (text: string) => string = (t) => t) => {
  const file = path.join(repoRoot(), relative);
  return readAwsBehaviour(TemplateModel.parse(file, edit(fs.readFileSync(file, 'utf8'))), file);
};
const DEFAULT = 'infra-templates/default/infra/moodle-ha.yaml';
/** The default scaffold's web ACL with the Core rule set as AWS ships it (no overrides). */
const shipped = (text: string) => text.replace(/\n\s+RuleActionOverrides:\n(\s+- Name: \w+\n\s+ActionToUse:\n\s+Count: \{\}\n)+/, '\n');

describe('sim: the web ACL stand-in (AWS WAF on the load balancer)', () => {
  it('greaterThanPattern matches exactly the integers above n', () => {
    for (const n of [8192, 0, 9, 10, 999, 1000, 65535]) {
      const re = new RegExp(`^(${greaterThanPattern(n)})$`);
      for (let v = 0; v <= 70000; v += v < 12000 ? 1 : 97) assert.equal(re.test(String(v)), v > n, `${v} against ${n}`);
      assert.ok(re.test('123456789'));
    }
  });

  it('reads the blocking rule from a template (the MHA6005 fixture), and none from the default scaffold', () => {
    assert.deepEqual(read('test/fixtures/ha/MHA6005-core-rule-set-blocks-uploads.yaml').firewall, { webAclId: 'WebAcl', ruleName: 'core-rule-set', blocksBodiesOverBytes: 8192 });
    assert.equal(read(DEFAULT).firewall, undefined);
  });

  it('the default scaffold with the Core rule set as AWS ships it blocks; with SiteFirewall off it does not exist', () => {
    assert.equal(read(DEFAULT, shipped).firewall?.ruleName, 'core-rule-set');
    const off = (t: string) => shipped(t).replace(/(SiteFirewall:\n\s+Type: String\n\s+Default: )"on"/, '$1"off"');
    assert.notEqual(off(fs.readFileSync(path.join(repoRoot(), DEFAULT), 'utf8')), shipped(fs.readFileSync(path.join(repoRoot(), DEFAULT), 'utf8')), 'the test edits the default');
    assert.equal(read(DEFAULT, off).firewall, undefined);
  });

  it('nginx answers 403 with X-Mha-Firewall before proxying a body over the limit; without a firewall nothing of it is written', () => {
    const nodes = [{ name: 'web-1', ip: '10.213.1.11' }];
    const config = renderNginxConfig({ nodes, activeHealth: true, firewall: { ruleName: 'core-rule-set', blocksBodiesOverBytes: 8192 } });
    assert.match(config, /map \$http_content_length \$mha_firewall_blocks \{\n\s+default 0;\n\s+"~\^\(\[9-9\]\[0-9\]\{3\}\|8\[2-9\]/);
    const location = config.slice(config.indexOf('location / {'));
    assert.ok(location.indexOf('if ($mha_firewall_blocks)') < location.indexOf('proxy_pass'), 'refused before it is proxied');
    assert.match(location, /add_header X-Mha-Firewall "core-rule-set" always;\n\s+return 403/);
    assert.doesNotMatch(renderNginxConfig({ nodes, activeHealth: true }), /firewall/i);
  });

  it('a refusal fails the drill, and does not count as the load balancer noticing a dead node', () => {
    const record = (start: number, ok: boolean, failure?: string): RequestRecord => ({ start, end: start + 5, kind: 'upload', user: 1, status: ok ? 200 : 403, ok, failure });
    const records = [record(100, true), record(200, false, 'firewall'), record(300, true), record(2500, false, 'http502'), record(4000, false, 'firewall'), record(4100, true)];
    const { summary } = summarize({ records, sessionLosses: [], uploads: 1, uploadsLost: 0, disruptAt: 0.05, detectedAt: 2, detectedByHealthCheck: true });
    assert.equal(summary.failuresByKind.firewall, 2);
    assert.equal(summary.failed, 3, 'every refusal is a failed request');
    assert.equal(summary.failedAfterDetection, 1, 'the 502 after the target group noticed; the refusal at 4 s is not the dead node\'s');
    assert.equal(summary.recoverSeconds, 2.46, 'recovered at the 502, not at the later refusal');
    const early = summarize({ records: records.slice(0, 3), sessionLosses: [], uploads: 1, uploadsLost: 0, disruptAt: 0.05 }).summary;
    assert.equal(early.detectSeconds, null, 'a refusal is not the load balancer noticing a dead node');
    const firewall = { ruleName: 'core-rule-set', blocksBodiesOverBytes: 8192 };
    assert.deepEqual(firewallLetMoodleThrough(summary, firewall), { text: 'the web ACL refused no request (2 refused by core-rule-set: bodies over 8192 bytes)', ok: false });
    assert.equal(firewallLetMoodleThrough({ failuresByKind: {} }, firewall).ok, true);
  });
});
