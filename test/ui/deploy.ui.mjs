// Deploy a template against moto_server through the change-set preview, then see the stack in the tree.
import { viewName } from './support/requirements.mjs';
import { removeAwsFiles, useMotoProfile } from './support/aws-files.mjs';

const STACK = 'mha-ui-test';
// Buttons that move a deploy forward in the modal dialogs (change set, lint override, bucket…).
const GO = /^(Use This Endpoint|Execute|Deploy|Deploy Anyway|Create Bucket|Continue|Yes|OK)$/;

export default {
  title: 'deploy a template through the change-set preview (moto_server)',
  requires: { commands: ['moodleHa.stack.deploy'], views: ['moodleHa.stacks'], env: ['MOODLE_HA_AWS_ENDPOINT_URL'] },
  workspace: 'fixtures/deploy',
  async run({ wb, page, workspace, step, log, manifest }) {
    useMotoProfile();
    await wb.open(workspace); // a fresh extension host reads the profile just written
    try { await deploy({ wb, page, step, log, manifest }); } finally { removeAwsFiles(); }
  },
};

async function deploy({ wb, page, step, log, manifest }) {
  {
    const { title, category } = manifest.contributes.commands.find((c) => c.command === 'moodleHa.stack.deploy');
    await step('open the template and run Deploy Stack', async () => {
      await wb.openFile('small-stack.template.yaml');
      await wb.runCommand(`${category}: ${title}`);
    });
    await step('name the stack', async () => {
      await wb.waitForQuickInput();
      await page.locator('.quick-input-widget input[type="text"]').fill(STACK);
      await page.keyboard.press('Enter');
      await wb.waitForQuickInput(false);
    });
    await step('confirm the change set and wait for the stack', async () => {
      const dialog = page.locator('.monaco-dialog-box');
      const done = wb.notification(new RegExp(`${STACK}: \\w+_COMPLETE|Deploy of ${STACK} failed`));
      const deadline = Date.now() + 120000;
      let shot = false;
      while (!(await done.isVisible())) {
        if (Date.now() > deadline) throw new Error('the deploy did not finish in 120 s');
        await dialog.or(done).or(wb.quickInput()).filter({ visible: true }).first()
          .waitFor({ state: 'visible', timeout: Math.max(1, deadline - Date.now()) });
        if (await dialog.isVisible()) {
          log(`dialog: ${(await dialog.innerText()).replace(/\s+/g, ' ').slice(0, 160)}`);
          if (!shot) { await wb.screenshot('10-change-set-confirm'); shot = true; }
          await dialog.getByRole('button', { name: GO }).first().click();
          await dialog.waitFor({ state: 'hidden', timeout: 10000 });
        } else if (await wb.quickInputVisible()) {
          log(`parameter: ${(await wb.quickInputState()).title}`);
          await page.keyboard.press('Enter'); // the parameter's default
        }
      }
      const text = await done.innerText();
      log(`result: ${text.replace(/\s+/g, ' ')}`);
      if (/failed/.test(text)) throw new Error(text);
    });
    await step('the stack is in the Stacks view, complete', async () => {
      const pane = await wb.showView(viewName(manifest, 'moodleHa.stacks'));
      // Its status in the tree must catch up with the notification, not stay "deploying…".
      const item = pane.locator('[role="treeitem"]', { hasText: STACK }).filter({ hasText: /COMPLETE|complete/ }).first();
      await item.waitFor({ state: 'visible', timeout: 30000 });
      await wb.screenshot('11-deployed-stack');
    });
  }
}
