// Rewrites the checked-in output of the scaffolder from its one source (src/engine/scaffold):
// infra-templates/default/ (what the product ships) and test/fixtures/scaffold/snapshots/<variant>/.
// The snapshot test fails until this has been run after a change. Needs `npx tsc -p .` first.
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fs from 'node:fs';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const compiled = path.join(root, 'out/test/unit/engine/scaffold/support/snapshot-sets.js');
if (!fs.existsSync(compiled)) {
  console.error("regen-scaffold-snapshots: compile first with 'npx tsc -p .'");
  process.exit(2);
}
const { writeSnapshots } = createRequire(import.meta.url)(compiled);
for (const dir of writeSnapshots(root)) console.log(`wrote ${dir}/`);
