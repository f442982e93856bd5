// Start Local Replica offers only the folder's CloudFormation templates (by content: not
// parameters.json, moodle-ha.options.json, appspec.yml or config.php.template), then asks the
// replica's name, prefilled from the folder. Bug 5 of issue 15. Nothing is started: Escape ends it.
import path from 'node:path';

const NOT_TEMPLATES = ['parameters.json', 'moodle-ha.options.json', 'appspec.yml', 'config.php.template'];

export default {
  title: 'the replica template picker lists CloudFormation templates only, then asks the name',
  requires: { commands: ['moodleHa.replica.up'] },
  workspace: 'fixtures/mixed-files',
  async run({ wb, page, workspace, step, log, manifest }) {
    const { title, category } = manifest.contributes.commands.find((c) => c.command === 'moodleHa.replica.up');
    await step('the picker lists infra/moodle-ha.yaml and none of the other files', async () => {
      await wb.runCommand(`${category}: ${title}`);
      await wb.quickPickRow('HA defaults').waitFor({ state: 'visible', timeout: 30000 });
      await wb.quickPickRow('moodle-ha.yaml').waitFor({ state: 'visible', timeout: 30000 });
      const { rows } = await wb.quickInputState();
      log(`rows: ${rows.map((r) => r.replace(/\n/g, ' ')).join(' | ')}`);
      const wrong = NOT_TEMPLATES.filter((name) => rows.some((r) => r.includes(name)));
      if (wrong.length) throw new Error(`offered as templates: ${wrong.join(', ')}`);
      await wb.screenshot('07a-replica-template-picker');
      await wb.pick('moodle-ha.yaml');
    });
    await step('the replica name is asked, prefilled from the folder', async () => {
      const expected = path.basename(workspace);
      await page.waitForFunction(() => /name/i.test([...document.querySelectorAll('.quick-input-widget .quick-input-message, .quick-input-widget .quick-input-title')].map((e) => e.textContent).join(' ')), undefined, { timeout: 20000 })
        .catch(async () => { throw new Error(`no name asked: ${JSON.stringify(await wb.quickInputState())}`); });
      const state = await wb.quickInputState();
      log(`asked: ${state.title} / ${state.message} = ${state.value}`);
      if (state.value !== expected) throw new Error(`prefilled '${state.value}', not the folder's name '${expected}'`);
      await wb.screenshot('07b-replica-name');
      await wb.closeQuickInput();
    });
  },
};
