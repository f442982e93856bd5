import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * Which build of AWS's validator we load, and why.
 *
 * Two builds exist: the npm release `@aws/cloudformation-validate@1.9.0-beta`, and 1.14.0, which
 * ships inside `aws-cdk-lib` (not in its exports). Measured here (scripts/compare-validators.mjs):
 * 1.14.0 builds its engine in ~1.5 s against ~3–6 s, validates warm templates 2–5× faster,
 * accepts in-memory text (TemplateContent) so editor buffers need no temp file, and finds more of
 * cfn-lint's errors (89 % against 86 % on cfn-lint's own test templates) with no false errors.
 * So we pin aws-cdk-lib (a devDependency) and copy that build next to our bundle at build time;
 * aws-cdk-lib itself never ships.
 */
export const VALIDATOR_SOURCE = 'aws-cdk-lib/node_modules/@aws/cloudformation-validate';

export function locateValidatorModule(fromDir: string): string {
  const candidates = [
    process.env.MHA_VALIDATOR_MODULE,
    path.join(fromDir, 'cloudformation-validate'),
    ...ancestors(fromDir).map((dir) => path.join(dir, 'node_modules', VALIDATOR_SOURCE)),
  ].filter((c): c is string => !!c);
  for (const candidate of candidates) {
    if (fs.existsSync(path.join(candidate, 'index.js'))) return candidate;
  }
  throw new Error(`AWS's CloudFormation validator was not found (looked in ${candidates.join(', ')}). Reinstall the extension, or run 'npm ci' in a source checkout.`);
}

function ancestors(dir: string): string[] {
  const out: string[] = [];
  let current = path.resolve(dir);
  for (;;) {
    out.push(current);
    const parent = path.dirname(current);
    if (parent === current) return out;
    current = parent;
  }
}
