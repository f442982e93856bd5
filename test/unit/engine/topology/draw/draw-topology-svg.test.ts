import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { lintTemplate } from '../../../../../src/engine/lint/lint-template';
import { TemplateModel } from '../../../../../src/engine/template/template-model';
import { deriveTopology } from '../../../../../src/engine/topology/derive';
import { drawTopologySvg } from '../../../../../src/engine/topology/draw/draw-topology-svg';
import { fixturePath } from '../../../../support/fixtures';
import { assertWellFormedSvg } from '../../../../support/svg-checks';

async function picture(rel: string, linkFor?: (id: string) => string) {
  const text = fs.readFileSync(fixturePath(rel), 'utf8');
  const model = TemplateModel.parse(rel, text);
  const { findings } = await lintTemplate(rel, text);
  return { svg: drawTopologySvg(deriveTopology(model), { title: rel, findings, linkFor }), findings };
}

describe('topology: the picture of what a template builds', () => {
  it('draws every part of a full HA stack, in zones and tiers', async () => {
    const { svg } = await picture('ha/clean-ha.yaml');
    assertWellFormedSvg(svg);
    for (const label of ['public tier', 'app tier', 'data tier', 'AZ 1', 'Auto Scaling group', 'Code pipeline']) assert.ok(svg.includes(label), label);
    assert.doesNotMatch(svg, /No (shared storage|session cache|load balancer|code delivery)/);
  });

  it('draws a missing part as a gap naming the rule that reports it', async () => {
    const { svg } = await picture('ha/MHA2001-no-shared-storage.yaml');
    assertWellFormedSvg(svg);
    assert.match(svg, /No shared storage \(MHA2001\)/);
    assert.match(svg, /stroke-dasharray="5 4"/);
  });

  it('pins each finding on its part with a shape for its severity and its rule id, errors first', async () => {
    const { svg, findings } = await picture('ha/MHA1004-ec2-health-check.yaml');
    // The web tier's box carries the findings on its group and on its launch template.
    const text = fs.readFileSync(fixturePath('ha/MHA1004-ec2-health-check.yaml'), 'utf8');
    const web = deriveTopology(TemplateModel.parse('t.yaml', text)).webTier;
    assert.ok(web.found);
    const ids = [web.asgLogicalId, web.launchTemplateId];
    const onGroup = findings.filter((f) => f.source === 'Moodle HA' && ids.includes(String(f.path?.[1])));
    assert.ok(onGroup.some((f) => f.ruleId === 'MHA1004'), 'the fixture has its finding on the group');
    const marks = { error: '✖', warning: '▲', info: 'ℹ' } as const;
    const order = { error: 0, warning: 1, info: 2 } as const;
    const sorted = [...onGroup].sort((a, b) => order[a.severity] - order[b.severity]);
    for (const f of sorted.slice(0, 3)) assert.ok(svg.includes(`>${marks[f.severity]} ${f.ruleId}<`), `badge ${marks[f.severity]} ${f.ruleId}: a shape, not only a colour`);
    if (sorted.length > 3) {
      assert.ok(svg.includes(`>+${sorted.length - 3} more<title>`), 'the rest are counted');
      for (const f of sorted.slice(3)) assert.ok(svg.includes(`${marks[f.severity]} ${f.ruleId}: `), `${f.ruleId} is named in the count's tooltip`);
    }
  });

  it('links parts to the template when asked (VS Code reveals the resource)', async () => {
    const { svg } = await picture('ha/clean-ha.yaml', (id) => `command:moodleHa.topology.reveal?${encodeURIComponent(JSON.stringify([id]))}`);
    assert.match(svg, /<a href="command:moodleHa\.topology\.reveal\?/);
  });

  it('shows nothing misleading for a template that is not a Moodle stack', async () => {
    const text = 'Resources:\n  Bucket:\n    Type: AWS::S3::Bucket\n';
    const svg = drawTopologySvg(deriveTopology(TemplateModel.parse('b.yaml', text)), { title: 'b.yaml' });
    assertWellFormedSvg(svg);
    assert.doesNotMatch(svg, /Auto Scaling group|writer|mount target/);
    assert.match(svg, /No web tier/);
  });

  it('names no Moodle HA rule on a PHP app that is not Moodle (the linter applies none), and says so; the same stack installing Moodle gets its gaps named', async () => {
    const blog = await picture('stacks/not-moodle/php-blog.yaml');
    assertWellFormedSvg(blog.svg);
    assert.deepEqual(blog.findings.filter((f) => f.source === 'Moodle HA').map((f) => f.ruleId), []);
    assert.doesNotMatch(blog.svg, /MHA\d{4}/);
    assert.match(blog.svg, /not a Moodle stack: the Moodle HA rules do not apply/);
    assert.match(blog.svg, /No session cache</);
    const text = fs.readFileSync(fixturePath('stacks/not-moodle/php-blog.yaml'), 'utf8').replace('https://example.org/blog-latest.tar.gz', 'https://download.moodle.org/moodle-latest.tgz');
    const moodle = drawTopologySvg(deriveTopology(TemplateModel.parse('blog.yaml', text)), { title: 'blog.yaml' });
    assert.match(moodle, /No session cache \(MHA4001\)/);
    assert.doesNotMatch(moodle, /not a Moodle stack/);
  });
});
