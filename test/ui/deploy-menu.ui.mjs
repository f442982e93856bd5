// "Deploy Stack…" is on the Explorer's context menu of CloudFormation templates (by content) only,
// not of every .yaml/.json file. Bug 7 of issue 15.
export default {
  title: 'Deploy Stack… is on the Explorer menu of templates only',
  requires: { commands: ['moodleHa.stack.deploy'] },
  workspace: 'fixtures/mixed-files',
  async run({ wb, page, step, log, manifest }) {
    const { title } = manifest.contributes.commands.find((c) => c.command === 'moodleHa.stack.deploy');
    const explorer = page.locator('.explorer-folders-view');
    const row = (name) => explorer.locator('.monaco-list-row').filter({ has: page.locator('.label-name').getByText(name, { exact: true }) }).first();
    await step('the template infra/moodle-ha.yaml has Deploy Stack…', async () => {
      await row('infra').click();
      await row('moodle-ha.yaml').waitFor({ state: 'visible', timeout: 20000 });
      // The extension finds the templates after activation: ask again until the menu has it.
      const deadline = Date.now() + 30000;
      for (;;) {
        const entries = await wb.contextMenuEntries(row('moodle-ha.yaml'));
        if (entries.includes(title)) { log(`template menu: ${entries.join(' | ')}`); break; }
        if (Date.now() > deadline) throw new Error(`no "${title}" on the template: ${entries.join(' | ')}`);
      }
    });
    for (const name of ['appspec.yml', 'moodle-ha.options.json', 'parameters.json']) {
      await step(`${name} has no Deploy Stack…`, async () => {
        const entries = await wb.contextMenuEntries(row(name));
        if (entries.includes(title)) throw new Error(`"${title}" on ${name}, which is not a template`);
      });
    }
  },
};
