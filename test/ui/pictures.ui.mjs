// Show Topology and Show Capacity and Cost beside a template: the pictures draw in webviews, name a
// missing part with its rule, and follow an edit.
export default {
  title: 'the topology and the capacity-and-cost pictures draw beside a template and follow an edit',
  requires: { commands: ['moodleHa.topology.show', 'moodleHa.cost.show'] },
  workspace: 'fixtures/pictures',
  async run({ wb, page, step, manifest }) {
    const label = (id) => { const c = manifest.contributes.commands.find((x) => x.command === id); return `${c.category}: ${c.title}`; };
    // A webview's content lives two frames down: the webview host, then its active frame.
    const picture = () => page.frameLocator('iframe.webview.ready').last().frameLocator('#active-frame');
    await step('open a Moodle template and show its topology', async () => {
      await wb.openFile('moodle-stack.template.yaml');
      await page.locator('.monaco-editor .squiggly-error, .monaco-editor .squiggly-warning').first().waitFor({ timeout: 60000 });
      await wb.runCommand(label('moodleHa.topology.show'));
      await picture().locator('svg text', { hasText: 'No shared storage (MHA2001)' }).first().waitFor({ timeout: 60000 });
      await picture().locator('svg text', { hasText: 'Auto Scaling group WebServerGroup' }).first().waitFor({ timeout: 10000 });
      await wb.screenshot('20-topology');
    });
    await step('an edit to the template redraws the picture', async () => {
      await wb.focusWorkbench();
      await page.locator('.monaco-editor .view-lines').first().click();
      await page.keyboard.press('Control+End');
      // insertText, not type(): typing Enter would auto-indent the lines that follow.
      await page.keyboard.insertText('  Files:\n    Type: AWS::EFS::FileSystem\n    Properties:\n      Encrypted: true\n');
      await picture().locator('svg text', { hasText: /^EFS Files/ }).first().waitFor({ timeout: 60000 });
    });
    await step('show the capacity and cost of the school year', async () => {
      await wb.runCommand(label('moodleHa.cost.show'));
      await picture().locator('svg text', { hasText: /^Monthly cost: \$[\d,]+ in \w{3} \(busiest\)/ }).first().waitFor({ timeout: 60000 });
      await picture().locator('svg text', { hasText: /^Prices: .*\d{4}-\d\d-\d\d\.$/ }).first().waitFor({ timeout: 10000 });
      await wb.screenshot('21-capacity-and-cost');
    });
  },
};
