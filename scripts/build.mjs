// Bundles the extension, the CLI, the validator and lint workers with esbuild, and copies AWS's validator
// (WASM, Apache-2.0) beside them. See src/engine/lint/validator/locate-validator.ts for which build.
import * as esbuild from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const dist = path.join(root, 'dist');
const production = process.argv.includes('--production');

fs.mkdirSync(dist, { recursive: true });
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
  // vscode is provided by the host; the validator is loaded from the copied folder at run time;
  // ssh2's optional native parts are never used (we talk to the local socket only).
  external: ['vscode', 'cpu-features', './crypto/build/Release/sshcrypto.node'],
};

await Promise.all([
  esbuild.build({ ...common, entryPoints: [path.join(root, 'src/extension.ts')], outfile: path.join(dist, 'extension.js') }),
  esbuild.build({ ...common, entryPoints: [path.join(root, 'src/cli.ts')], outfile: path.join(dist, 'cli.js') }),
  esbuild.build({ ...common, entryPoints: [path.join(root, 'src/engine/lint/validator/validator-worker.ts')], outfile: path.join(dist, 'validator-worker.js') }),
  // The New Project summary's cost, priced off the extension host's thread.
  esbuild.build({ ...common, entryPoints: [path.join(root, 'src/engine/cost/wizard-cost-worker.ts')], outfile: path.join(dist, 'wizard-cost-worker.js') }),
  // The editor's lint (parse, checks, HA rules) runs here, off the extension host's thread.
  esbuild.build({ ...common, entryPoints: [path.join(root, 'src/engine/lint/worker/lint-worker.ts')], outfile: path.join(dist, 'lint-worker.js') }),
  // Features with heavy libraries load after activation (src/vscode/deferred/deferred-feature.ts).
  esbuild.build({ ...common, entryPoints: [path.join(root, 'src/vscode/stacks-entry.ts')], outfile: path.join(dist, 'stacks.js') }),
  esbuild.build({ ...common, entryPoints: [path.join(root, 'src/vscode/replica-entry.ts')], outfile: path.join(dist, 'replica.js') }),
]);

const validatorSource = path.join(root, 'node_modules/aws-cdk-lib/node_modules/@aws/cloudformation-validate');
const validatorTarget = path.join(dist, 'cloudformation-validate');
fs.rmSync(validatorTarget, { recursive: true, force: true });
fs.mkdirSync(validatorTarget, { recursive: true });
for (const file of ['index.js', 'bindings_wasm.js', 'bindings_wasm_bg.wasm', 'package.json', 'LICENSE', 'NOTICE']) {
  fs.copyFileSync(path.join(validatorSource, file), path.join(validatorTarget, file));
}
console.log(`built ${path.relative(root, dist)}/ (${production ? 'production' : 'development'})`);
