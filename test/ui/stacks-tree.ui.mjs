// The Stacks view lists what the configured CloudFormation endpoint (moto_server) holds: after the
// once-per-session endpoint confirmation, the rows under the target come from ListStacks, not only
// the always-present target row (which shows even with AWS unreachable).
import { viewName } from './support/requirements.mjs';

// stacks-tree.ts: the rows a successful ListStacks gives (a stack of ours, or the empty-list hint).
const LISTED = /No stacks deployed by Moodle HA here yet|_COMPLETE|_IN_PROGRESS|_FAILED/;
const CONFIRM = /^Use endpoint /;

export default {
  title: 'the Stacks view lists the stacks of the configured endpoint (moto_server)',
  requires: { views: ['moodleHa.stacks'], env: ['MOODLE_HA_AWS_ENDPOINT_URL'] },
  async run({ wb, page, step, log, manifest }) {
    const pane = await wb.showView(viewName(manifest, 'moodleHa.stacks'));
    await step('a non-AWS endpoint is confirmed before the first call', async () => {
      const items = await wb.treeItems(pane);
      log(`items: ${items.map((i) => i.replace(/\n/g, ' ')).join(' | ')}`);
      if (!items.some((i) => CONFIRM.test(i))) throw new Error(`the view did not ask to confirm ${process.env.MOODLE_HA_AWS_ENDPOINT_URL}: ${items.join(' | ')}`);
      await pane.locator('[role="treeitem"]', { hasText: CONFIRM }).first().click();
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
  },
};
