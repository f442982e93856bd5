// The Stacks view lists what the configured CloudFormation endpoint (moto_server) holds: after the
// once-per-session endpoint confirmation, the rows under the target come from ListStacks, not only
// the always-present target row (which shows even with AWS unreachable).
import { viewName } from './support/requirements.mjs';
import { removeAwsFiles, useMotoProfile } from './support/aws-files.mjs';

// stacks-tree.ts: the rows a successful ListStacks gives (a stack of ours, or the empty-list hint).
const LISTED = /No stacks deployed by Moodle HA here yet|_COMPLETE|_IN_PROGRESS|_FAILED/;
const CONFIRM = /not AWS/;

export default {
  title: 'the Stacks view lists the stacks of the configured endpoint (moto_server)',
  requires: { views: ['moodleHa.stacks'], env: ['MOODLE_HA_AWS_ENDPOINT_URL'] },
  async run({ wb, page, workspace, step, log, manifest }) {
    useMotoProfile();
    await wb.open(workspace); // a fresh extension host reads the profile just written
    const pane = await wb.showView(viewName(manifest, 'moodleHa.stacks'));
    await step('a non-AWS endpoint is confirmed before the first call', async () => {
      const welcome = await wb.welcome(pane, CONFIRM).catch(async () => {
        throw new Error(`the view did not ask to confirm ${process.env.MOODLE_HA_AWS_ENDPOINT_URL}: ${(await pane.locator('.pane-body').innerText()).replace(/\s+/g, ' ')}`);
      });
      log(`welcome: ${(await welcome.innerText()).replace(/\s+/g, ' ')}`);
      await welcome.getByRole('button', { name: 'Use This Endpoint…' }).click();
      const dialog = page.locator('.monaco-dialog-box');
      await dialog.waitFor({ state: 'visible', timeout: 20000 });
      await wb.screenshot('09-stacks-endpoint-confirm');
      await dialog.getByRole('button', { name: 'Use This Endpoint' }).click();
    });
    await step('the stacks (or the empty-list hint) appear under the target', async () => {
      const listed = pane.locator('[role="treeitem"]', { hasText: LISTED }).first();
      await listed.waitFor({ state: 'visible', timeout: 30000 }).catch(async () => {
        throw new Error(`no row from ListStacks; the view shows: ${(await pane.locator('[role="treeitem"]').allInnerTexts()).join(' | ')}`);
      });
      log(`listed: ${(await listed.innerText()).replace(/\n/g, ' ')}`);
      await wb.screenshot('09-stacks-tree');
    });
    removeAwsFiles();
  },
};
