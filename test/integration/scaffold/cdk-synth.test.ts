import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as ts from 'typescript';
import { toPlain } from '../../../src/engine/template/nodes';
import { TemplateModel } from '../../../src/engine/template/template-model';
import { planScaffold, TEMPLATE_FILE } from '../../../src/engine/scaffold/plan';
import { allVariants } from '../../../src/engine/scaffold/variants';
import { writePlan } from '../../../src/engine/scaffold/write-plan';

const REPO_MODULES = path.resolve(__dirname, '../../../../node_modules');

interface Template { Resources: Record<string, { Type: string; Properties?: unknown; DeletionPolicy?: string }>; Outputs?: Record<string, unknown>; Parameters?: Record<string, unknown> }

/**
 * The generated CDK app (TypeScript) is compiled and run with the repository's aws-cdk-lib, the way
 * `cdk synth` would, and must synthesize the same topology as infra/moodle-ha.yaml.
 */
describe('scaffold: the CDK app synthesizes the same topology (integration: runs aws-cdk-lib)', function () {
  this.timeout(300_000);
  const variants = allVariants().filter((v) => v.options.format === 'cdk' && ['cdk-aurora-mysql-redis-efs-s3-2az', 'cdk-postgres-memcached-nfs-github-3az', 'cdk-mariadb-valkey-glusterfs-codecommit-2az'].includes(v.name));
  let dir: string;
  before(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mha-cdk-')); });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('covers three CDK variants', () => assert.equal(variants.length, 3));

  for (const name of ['cdk-aurora-mysql-redis-efs-s3-2az', 'cdk-postgres-memcached-nfs-github-3az', 'cdk-mariadb-valkey-glusterfs-codecommit-2az']) {
    it(`${name}: type-checks, synthesizes, and keeps every resource, property and policy of the template`, async () => {
      const variant = variants.find((v) => v.name === name)!;
      const project = path.join(dir, name);
      await writePlan(planScaffold(variant.options), project);
      fs.symlinkSync(REPO_MODULES, path.join(project, 'node_modules'), 'dir');

      const sources = ['bin/moodle-ha.ts', 'lib/moodle-ha-stack.ts', 'lib/moodle-ha.ts'].map((f) => path.join(project, f));
      const program = ts.createProgram(sources, { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.CommonJS, strict: true, esModuleInterop: true, skipLibCheck: true, types: ['node'], typeRoots: [path.join(REPO_MODULES, '@types')] });
      const emitted = program.emit();
      const diagnostics = ts.getPreEmitDiagnostics(program).concat(emitted.diagnostics).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
      assert.deepEqual(diagnostics, []);

      const outdir = path.join(project, 'cdk.out');
      const run = spawnSync(process.execPath, [path.join(project, 'bin', 'moodle-ha.js')], { cwd: project, env: { ...process.env, CDK_OUTDIR: outdir, CDK_DEFAULT_REGION: variant.options.region }, encoding: 'utf8' });
      assert.equal(run.status, 0, run.stderr);
      const synthesized = fs.readdirSync(outdir).filter((f) => f.endsWith('.template.json'));
      assert.equal(synthesized.length, 1);
      const cdk = JSON.parse(fs.readFileSync(path.join(outdir, synthesized[0]), 'utf8')) as Template;

      const file = path.join(project, TEMPLATE_FILE);
      const cfn = toPlain(TemplateModel.parse(file, fs.readFileSync(file, 'utf8')).root) as Template;
      const ours = Object.keys(cfn.Resources).sort();
      assert.deepEqual(Object.keys(cdk.Resources).filter((id) => id !== 'CDKMetadata').sort(), ours);
      for (const id of ours) assert.deepEqual(sortTags(cdk.Resources[id]), sortTags(cfn.Resources[id]), id);
      assert.deepEqual(Object.keys(cdk.Outputs ?? {}).sort(), Object.keys(cfn.Outputs ?? {}).sort());
      for (const key of Object.keys(cfn.Parameters ?? {})) assert.ok(cdk.Parameters?.[key], `parameter ${key}`);
    });
  }
});

/** CDK orders tag lists by key; the order carries no meaning. */
function sortTags(value: unknown): unknown {
  if (Array.isArray(value)) {
    const items = value.map(sortTags);
    const isTags = items.length > 0 && items.every((t) => t && typeof t === 'object' && 'Key' in (t as object) && 'Value' in (t as object));
    return isTags ? [...items].sort((a, b) => String((a as { Key: unknown }).Key).localeCompare(String((b as { Key: unknown }).Key))) : items;
  }
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, sortTags(v)]));
  return value;
}
