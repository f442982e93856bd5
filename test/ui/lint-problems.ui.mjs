// Open a template, see our finding in the Problems panel, apply its quick fix, see it go away.
export default {
  title: 'a template shows Moodle HA problems and a quick fix resolves one',
  requires: { settings: ['moodleHa.lint.enabled'] },
  workspace: '../vscode/fixtures/workspace',
  async run({ wb, page, step }) {
    await step('open the single-AZ database template', async () => {
      await wb.openFile('single-az-db.template.yaml');
      await page.locator('.monaco-editor .squiggly-warning, .monaco-editor .squiggly-error').first().waitFor({ timeout: 30000 });
    });
    let row;
    let ruleId;
    await step('the Problems panel lists the Moodle HA finding', async () => {
      row = await wb.problemRow('Moodle HA', 'MHA');
      ruleId = /MHA\d{4}/.exec(await row.innerText())[0];
      await wb.screenshot('03-problems-panel');
    });
    await step('Quick Fix on that problem offers a fix', async () => {
      await row.dblclick(); // puts the editor's cursor on the problem
      await wb.runCommand('Quick Fix...');
      const actions = page.locator('.action-widget .monaco-list-row.action');
      await actions.first().waitFor({ state: 'visible', timeout: 20000 });
      await wb.screenshot('04-quick-fix');
      const multiAz = actions.filter({ hasText: /multi-?az/i });
      await ((await multiAz.count()) ? multiAz.first() : actions.first()).click();
    });
    await step('the fix edits the template and the finding disappears', async () => {
      await page.locator('.markers-panel .monaco-list-row', { hasText: ruleId }).first().waitFor({ state: 'detached', timeout: 30000 });
      if (!/MultiAZ:\s*true/.test(await wb.editorText())) throw new Error('the editor does not show MultiAZ: true after the fix');
      await wb.screenshot('05-after-quick-fix');
    });
  },
};
