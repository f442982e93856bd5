// The Stacks view without a region, then without credentials, then with a local endpoint to
// confirm: each state has its own welcome page in VS Code's words (no CLI flags), with buttons
// that do something. Bug 4 of issue 15.
import { viewName } from './support/requirements.mjs';
import { awsEnvironmentProblem, removeAwsFiles, writeAwsFiles } from './support/aws-files.mjs';

const CLI_WORDING = /--region|Pass --/;

export default {
  title: 'the Stacks view tells no region, no credentials and an unconfirmed endpoint apart, with buttons',
  requires: { views: ['moodleHa.stacks'], commands: ['moodleHa.stack.switchRegion', 'moodleHa.stack.switchProfile', 'moodleHa.stack.signIn'] },
  async run({ wb, page, workspace, step, log, manifest }) {
    const problem = awsEnvironmentProblem();
    if (problem) throw new Error(problem);
    const showStacks = () => wb.showView(viewName(manifest, 'moodleHa.stacks'));
    const noCliWording = async (pane) => {
      const text = await pane.locator('.pane-body').innerText();
      if (CLI_WORDING.test(text)) throw new Error(`the view speaks CLI: ${text.replace(/\s+/g, ' ')}`);
    };
    try {
      await step('no region: the welcome page says so and offers Set Region… and Choose Profile…', async () => {
        writeAwsFiles({});
        await wb.open(workspace);
        const pane = await showStacks();
        const welcome = await wb.welcome(pane, /No AWS region is set/);
        await welcome.getByRole('button', { name: 'Choose Profile…' }).waitFor({ state: 'visible' });
        await noCliWording(pane);
        log(`welcome: ${(await welcome.innerText()).replace(/\s+/g, ' ')}`);
        await wb.screenshot('09a-stacks-no-region');
        await welcome.getByRole('button', { name: 'Set Region…' }).click();
        await wb.waitForQuickInput();
        const state = await wb.quickInputState();
        if (!state.rows.some((r) => /eu-west-1/.test(r))) throw new Error(`Set Region… opened no region list: ${JSON.stringify(state)}`);
        await wb.closeQuickInput();
      });
      await step('a region but no credentials: the welcome page says so, with the command to set them up', async () => {
        writeAwsFiles({ region: 'eu-west-1' });
        await wb.open(workspace);
        const pane = await showStacks();
        const welcome = await wb.welcome(pane, /No AWS credentials found/);
        const text = (await welcome.innerText()).replace(/\s+/g, ' ');
        log(`welcome: ${text}`);
        if (!/aws configure/.test(text)) throw new Error(`no command to set credentials up: ${text}`);
        if (/No AWS region is set/.test(text)) throw new Error(`the region in ~/.aws/config was not seen: ${text}`);
        await noCliWording(pane);
        await wb.screenshot('09b-stacks-no-credentials');
        await welcome.getByRole('button', { name: 'Set up Credentials' }).click();
        // The terminal where `aws configure` runs.
        await page.locator('.terminal-tab, .single-terminal-tab, .tabs-list .monaco-list-row', { hasText: 'AWS sign-in' }).first()
          .or(page.locator('.pane-header, .panel .composite.title', { hasText: 'AWS sign-in' }).first())
          .first().waitFor({ state: 'visible', timeout: 20000 });
      });
      if (process.env.MOODLE_HA_AWS_ENDPOINT_URL) {
        await step('region and credentials, endpoint not AWS: the welcome page asks to confirm it', async () => {
          writeAwsFiles({ region: 'eu-west-1', keys: true });
          await wb.open(workspace);
          const pane = await showStacks();
          const welcome = await wb.welcome(pane, /not AWS/);
          log(`welcome: ${(await welcome.innerText()).replace(/\s+/g, ' ')}`);
          await welcome.getByRole('button', { name: 'Use This Endpoint…' }).click();
          const dialog = page.locator('.monaco-dialog-box');
          await dialog.waitFor({ state: 'visible', timeout: 20000 });
          await dialog.getByRole('button', { name: 'Cancel' }).click();
        });
      }
    } finally {
      removeAwsFiles();
    }
  },
};
