// A folder made with New Project: the region chosen in the wizard (moodle-ha.options.json) is the
// Stacks view's default when no setting and no profile names one, and Set Region… offers it first.
import { viewName } from './support/requirements.mjs';
import { awsEnvironmentProblem, removeAwsFiles, writeAwsFiles } from './support/aws-files.mjs';

export default {
  title: "the Stacks view uses the wizard's region (moodle-ha.options.json) by default",
  requires: { views: ['moodleHa.stacks'], commands: ['moodleHa.stack.switchRegion'], env: ['MOODLE_HA_AWS_ENDPOINT_URL'] },
  workspace: 'fixtures/project-region',
  async run({ wb, page, workspace, step, log, manifest }) {
    const problem = awsEnvironmentProblem();
    if (problem) throw new Error(problem);
    try {
      writeAwsFiles({ keys: true }); // credentials, and no region anywhere but the project
      await wb.open(workspace);
      const pane = await wb.showView(viewName(manifest, 'moodleHa.stacks'));
      await step('no "no region" page: the endpoint is what is left to confirm', async () => {
        const welcome = await wb.welcome(pane, /No AWS region is set|not AWS/);
        const text = (await welcome.innerText()).replace(/\s+/g, ' ');
        if (/No AWS region is set/.test(text)) throw new Error(`the wizard's region was ignored: ${text}`);
        await welcome.getByRole('button', { name: 'Use This Endpoint…' }).click();
        const dialog = page.locator('.monaco-dialog-box');
        await dialog.waitFor({ state: 'visible', timeout: 20000 });
        await dialog.getByRole('button', { name: 'Use This Endpoint' }).click();
      });
      await step('the target row names eu-west-2 from moodle-ha.options.json', async () => {
        const target = pane.locator('[role="treeitem"]', { hasText: 'eu-west-2' }).first();
        await target.waitFor({ state: 'visible', timeout: 30000 }).catch(async () => {
          throw new Error(`no eu-west-2 target: ${(await pane.locator('[role="treeitem"]').allInnerTexts()).join(' | ')}`);
        });
        const text = (await target.innerText()).replace(/\s+/g, ' ');
        log(`target: ${text}`);
        if (!/moodle-ha\.options\.json/.test(text)) throw new Error(`the target row does not say where the region comes from: ${text}`);
        await wb.screenshot('09c-stacks-project-region');
      });
      await step('Set Region… offers the project region first', async () => {
        await wb.runCommand(`${manifest.contributes.commands.find((c) => c.command === 'moodleHa.stack.switchRegion').category}: Switch AWS Region…`);
        await wb.waitForQuickInput();
        const { rows } = await wb.quickInputState();
        log(`rows: ${rows.slice(0, 3).join(' | ').replace(/\n/g, ' ')}`);
        if (!/eu-west-2/.test(rows[0] ?? '') || !/wizard/.test(rows[0] ?? '')) throw new Error(`the first region offered is not the project's: ${rows[0]}`);
        await wb.closeQuickInput();
      });
    } finally {
      removeAwsFiles();
    }
  },
};
