import fs from 'node:fs';
import path from 'node:path';

// Show Topology and Show Capacity and Cost beside a template: the pictures draw in webviews, name a
// missing part with its rule, and follow an edit.
export default {
  title: 'the topology and the capacity-and-cost pictures draw beside a template and follow an edit',
  requires: { commands: ['moodleHa.topology.show', 'moodleHa.cost.show'] },
  workspace: 'fixtures/pictures',
  async run({ wb, page, step, log, manifest, workspace }) {
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
    await step('in a dark theme both pictures follow it: text keeps a contrast of at least 4.5 to 1 against the page', async () => {
      await wb.runCommand('Preferences: Color Theme');
      await wb.pick('Dark Modern');
      for (const command of ['moodleHa.topology.show', 'moodleHa.cost.show']) {
        await wb.runCommand('View: Focus First Editor Group'); // the pictures are of the template in the first group
        await wb.runCommand(label(command));
        const text = picture().locator('svg text').first();
        await text.waitFor({ timeout: 60000 });
        // The theme reaches the webview as CSS variables a moment after it opens: measure once the page is dark.
        let measured;
        for (const until = Date.now() + 20000; Date.now() < until;) {
          measured = await text.evaluate((el) => {
            const rgb = (c) => (c.match(/\d+(\.\d+)?/g) ?? []).slice(0, 3).map(Number);
            const lum = ([r, g, b]) => [r, g, b].map((v) => { const x = v / 255; return x <= 0.03928 ? x / 12.92 : ((x + 0.055) / 1.055) ** 2.4; }).reduce((a, x, i) => a + x * [0.2126, 0.7152, 0.0722][i], 0);
            const fg = rgb(window.getComputedStyle(el).fill);
            const bg = rgb(window.getComputedStyle(document.body).backgroundColor);
            const [hi, lo] = [lum(fg), lum(bg)].sort((a, b) => b - a);
            return { fg, bg, ratio: (hi + 0.05) / (lo + 0.05), dark: lum(bg) < 0.2 };
          });
          if (measured.dark) break;
          await page.waitForTimeout(500);
        }
        log(`${command} in Dark Modern: text rgb(${measured.fg}) on rgb(${measured.bg}), contrast ${measured.ratio.toFixed(1)}:1`);
        if (!measured.dark) throw new Error(`the picture did not follow the dark theme: background rgb(${measured.bg})`);
        if (measured.ratio < 4.5) throw new Error(`text contrast ${measured.ratio.toFixed(2)}:1 in the dark theme`);
        await wb.screenshot(`22-${command.split('.')[1]}-dark`);
      }
    });
  },
};
