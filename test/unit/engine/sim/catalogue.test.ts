import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DRILL_CATALOGUE, drillNames, isDrillName } from '../../../../src/engine/sim/drills/catalogue';
import { drillDefinition } from '../../../../src/engine/sim/drills/run-drill';
import { simCommand } from '../../../../src/cli/commands/sim';

const root = path.resolve(__dirname, '../../../../..');

describe('sim/drill catalogue: one list for the engine, the CLI and VS Code', () => {
  it('every drill but the calendar model has a definition of the same name', () => {
    for (const name of drillNames) {
      if (name === 'calendar') continue;
      assert.equal(drillDefinition(name).name, name);
    }
    assert.ok(isDrillName('az-outage') && !isDrillName('kill-everything'));
  });

  it("the CLI's usage names every drill", () => {
    for (const d of DRILL_CATALOGUE) assert.match(simCommand.usage, new RegExp(`\\b${d.name}\\b`), d.name);
  });

  it("the VS Code drill pick reads the catalogue, not a list of its own", () => {
    const source = fs.readFileSync(path.join(root, 'src/vscode/commands/replica/drill.ts'), 'utf8');
    assert.match(source, /DRILL_CATALOGUE\.map/);
    assert.doesNotMatch(source, /'kill-web'/);
  });
});
