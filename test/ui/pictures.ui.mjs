import fs from 'node:fs';
import path from 'node:path';

// Show Topology and Show Capacity and Cost beside a template: the pictures draw in webviews, name a
// missing part with its rule, and follow an edit.
export default {
  title: 'the topology and the capacity-and-cost pictures draw beside a template and follow an edit',
  requires: { commands: ['moodleHa.topology.show', 'moodleHa.cost.show'] },
  workspace: 'fixtures/pictures',
  async run({ wb, page, step, manifest, workspace }) {
    const label = (id) => { const c = manifest.contributes.commands.find((x) => x.command === id); return `${c.category}: ${c.title}`; };
    // A webview's content lives two frames down: the webview host, then its active frame.
    const picture = () => page.frameLocator('iframe.webview.ready').last().frameLocator('#active-frame');
    await step('open a Moodle template and show its topology', async () => {
      await wb.openFile('moodle-stack.template.yaml');
      // The lint has run once squiggles show (MHA2001's own line is below the fold, so any squiggle).
      await page.locator('.monaco-editor .squiggly-error, .monaco-editor .squiggly-warning, .monaco-editor .squiggly-info').first().waitFor({ timeout: 60000 });
      await wb.runCommand(label('moodleHa.topology.show'));
      await picture().locator('svg text', { hasText: 'No shared storage (MHA2001)' }).first().waitFor({ timeout: 60000 });
      await picture().locator('svg text', { hasText: 'Auto Scaling group WebServerGroup' }).first().waitFor({ timeout: 10000 });
      await wb.screenshot('20-topology');
    });
    await step('a change to the template redraws the picture', async () => {
      // The change comes from disk (as a git checkout or another editor would make it): typing
      // into Monaco would auto-indent YAML. The open, unmodified document reloads and is relinted.
      const file = path.join(workspace, 'moodle-stack.template.yaml');
      fs.appendFileSync(file, '  Files:\n    Type: AWS::EFS::FileSystem\n    Properties:\n      Encrypted: true\n');
      await picture().locator('svg text', { hasText: /^EFS Files/ }).first().waitFor({ timeout: 60000 });
      await picture().locator('svg text', { hasText: 'No shared storage (MHA2001)' }).first().waitFor({ state: 'detached', timeout: 10000 });
    });
    await step('show the capacity and cost of the school year', async () => {
      await wb.runCommand(label('moodleHa.cost.show'));
      await picture().locator('svg text', { hasText: /^Monthly cost: \$[\d,]+ in \w{3} \(busiest\)/ }).first().waitFor({ timeout: 60000 });
      await picture().locator('svg text', { hasText: /^Prices: .*\d{4}-\d\d-\d\d\.$/ }).first().waitFor({ timeout: 10000 });
      await wb.screenshot('21-capacity-and-cost');
    });
  },
};
