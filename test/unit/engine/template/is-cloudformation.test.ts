import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { readTemplateForReplica } from '../../../../src/engine/sim/plan/topology-source';
import { looksLikeCloudFormation } from '../../../../src/engine/template/is-cloudformation';
import { TemplateModel } from '../../../../src/engine/template/template-model';

const root = path.resolve(__dirname, '../../../../..');

function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return filesUnder(full);
    return /\.(ya?ml|json|template)$/.test(e.name) ? [full] : [];
  });
}

describe('template: one answer to "is this CloudFormation?"', () => {
  const compose = 'services:\n  web:\n    image: nginx\n    deploy:\n      Resources:\n        limits: { cpus: "0.5" }\n';
  // Not a mapping at the top, so there is no parsed template to ask: the text signs decide.
  const customOnlyBroken = '- Resources:\n    Seed:\n      Type: Custom::Seeder\n';

  it('a YAML file with a "Resources" key that is not a template is not one (the deploy picker used to offer it)', () => {
    assert.equal(looksLikeCloudFormation(compose), false);
    assert.equal(TemplateModel.parse('compose.yaml', compose).isCloudFormation, false);
  });

  it('a template with only Custom:: resources is one, parsed or not (the text check used to know only AWS::)', () => {
    assert.equal(TemplateModel.parse('t.yaml', 'Resources:\n  Seed:\n    Type: Custom::Seeder\n').isCloudFormation, true);
    const broken = TemplateModel.parse('t.yaml', customOnlyBroken);
    assert.equal(broken.root, undefined, 'no template mapping');
    assert.equal(broken.isCloudFormation, true);
    assert.equal(looksLikeCloudFormation('{"Transform": "AWS::Serverless-2016-10-31", "Resources": {}}'), true);
  });

  it('every fixture the parsed model calls a template passes the text check the pickers use first', () => {
    const files = filesUnder(path.join(root, 'test/fixtures'));
    assert.ok(files.length > 50, `${files.length} fixtures`);
    let templates = 0;
    for (const file of files) {
      const text = fs.readFileSync(file, 'utf8');
      if (!TemplateModel.parse(file, text).isCloudFormation) continue;
      templates++;
      assert.ok(looksLikeCloudFormation(text), `${path.relative(root, file)} is a template but the text check says no`);
    }
    assert.ok(templates > 30, `${templates} templates`);
  });

  it('the replica refuses to plan from a file that parses but is not a template (it used to plan an empty stack)', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mha-iscfn-'));
    try {
      fs.writeFileSync(path.join(dir, 'compose.yaml'), compose);
      await assert.rejects(readTemplateForReplica(path.join(dir, 'compose.yaml')), /is not a CloudFormation template/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
