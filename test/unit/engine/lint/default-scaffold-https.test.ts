import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { lintTemplate } from '../../../../src/engine/lint/lint-template';
import { repoRoot } from '../../../support/fixtures';

// Issue 15, bug 1: in the default scaffold (no certificate, plain HTTP) a quick fix redirected the
// only listener to port 443, where nothing listens, and every request went nowhere.
describe('lint: the default scaffold in HTTP-only demo mode', () => {
  const dir = path.join(repoRoot(), 'infra-templates', 'default');
  const template = fs.readFileSync(path.join(dir, 'infra', 'moodle-ha.yaml'), 'utf8');

  it('has no HTTPS listener to redirect to (the case this test is about)', () => {
    assert.doesNotMatch(template, /Protocol: HTTPS\b/);
  });

  it('offers no redirect to HTTPS, and MHA6003 does not fire', async () => {
    const { findings } = await lintTemplate('moodle-ha.yaml', template);
    assert.deepEqual(findings.filter((f) => f.ruleId === 'MHA6003').map((f) => f.message), []);
    const titles = findings.flatMap((f) => f.fixes ?? []).map((x) => x.title);
    assert.deepEqual(titles.filter((t) => /Redirect HTTP to HTTPS/.test(t)), []);
  });

  it('MHA6002 gives the README\'s advice: scaffold again with a domain and an ACM certificate (same region)', async () => {
    const readme = fs.readFileSync(path.join(dir, 'README.md'), 'utf8');
    assert.match(readme, /Scaffold again with\s+(>\s*)?a domain and an ACM certificate \(same region\)/);
    const { findings } = await lintTemplate('moodle-ha.yaml', template);
    const https = findings.find((f) => f.ruleId === 'MHA6002');
    assert.ok(https, 'MHA6002 reports the missing HTTPS listener');
    assert.match(https.message, /scaffold again with a domain and an ACM certificate \(same region\)/);
  });
});
