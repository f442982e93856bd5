// Into the scaffold wizard a few steps, Back to earlier steps (answers kept), then Escape: nothing written.
import fs from 'node:fs';

const PROJECT = 'moodle-back';
const ENVIRONMENT = 'staging';
// Absence can only be seen over time: how long the workspace must stay empty after Escape.
const QUIET_MS = 3000;

/** The wizard's title with its step: "Moodle HA: New Project (2/27)". */
async function waitForStep(page, n) {
  await page.waitForFunction((step) => {
    const t = document.querySelector('.quick-input-widget .quick-input-title')?.textContent ?? '';
    return /New Project/.test(t) && t.includes(`(${step}/`);
  }, n, { timeout: 20000 });
}

export default {
  title: 'the scaffold wizard goes Back with the earlier answers kept, and Escape writes nothing',
  requires: { commands: ['moodleHa.project.new'] },
  async run({ wb, page, workspace, step, log, manifest }) {
    const { title, category } = manifest.contributes.commands.find((c) => c.command === 'moodleHa.project.new');
    const box = page.locator('.quick-input-widget input[type="text"]');
    const back = page.locator('.quick-input-widget .quick-input-titlebar .codicon-quick-input-back');

    await step(`run "${category}: ${title}" from the palette`, async () => {
      await wb.runCommand(`${category}: ${title}`);
      await wb.pick('Every question'); // the full path: the recommended one skips the environment
      await waitForStep(page, 1);
      log(`step 1: ${(await wb.quickInputState()).title}`);
    });
    await step('take the default format, then answer the project and environment names', async () => {
      await page.keyboard.press('Enter');
      await waitForStep(page, 2);
      await box.fill(PROJECT);
      await page.keyboard.press('Enter');
      await waitForStep(page, 3);
      await box.fill(ENVIRONMENT);
      await page.keyboard.press('Enter');
      await waitForStep(page, 4);
      const state = await wb.quickInputState();
      log(`step 4: ${state.title}: ${state.value} (${state.message})`);
      if (!/region/i.test(state.message)) throw new Error(`step 4 should ask for the region, shows "${state.message}"`);
    });
    await step('Back from step 4 shows step 3 with the environment kept', async () => {
      await back.click();
      await waitForStep(page, 3);
      const state = await wb.quickInputState();
      log(`back to: ${state.title}: ${state.value}`);
      if (state.value !== ENVIRONMENT) throw new Error(`step 3 shows "${state.value}", expected the earlier answer "${ENVIRONMENT}"`);
      if (!/Environment/.test(state.message)) throw new Error(`step 3 should ask for the environment, shows "${state.message}"`);
      await wb.screenshot('08-scaffold-wizard-back');
    });
    await step('Back again shows step 2 with the project name kept, and step 1 has no Back', async () => {
      await back.click();
      await waitForStep(page, 2);
      const state = await wb.quickInputState();
      log(`back to: ${state.title}: ${state.value}`);
      if (state.value !== PROJECT) throw new Error(`step 2 shows "${state.value}", expected the earlier answer "${PROJECT}"`);
      await back.click();
      await waitForStep(page, 1);
      await back.waitFor({ state: 'hidden', timeout: 10000 });
      // Forward again: the answers made before going back are still there.
      await page.keyboard.press('Enter');
      await waitForStep(page, 2);
      const again = await wb.quickInputState();
      if (again.value !== PROJECT) throw new Error(`after Back to step 1 and on, step 2 shows "${again.value}", expected "${PROJECT}"`);
    });
    await step('Escape closes the wizard and nothing is written to the workspace', async () => {
      await page.keyboard.press('Escape');
      await wb.waitForQuickInput(false);
      await page.mouse.move(1390, 890); // off the title bar, so its Go Back tooltip is gone by the screenshot
      const deadline = Date.now() + QUIET_MS;
      while (Date.now() < deadline) {
        const files = fs.readdirSync(workspace, { recursive: true });
        if (files.length) throw new Error(`the cancelled wizard wrote: ${files.join(', ')}`);
        if (await wb.quickInputVisible()) throw new Error(`after Escape something asks again: ${(await wb.quickInputState()).title}`);
        await new Promise((resolve) => setTimeout(resolve, 250)); // polling the disk
      }
      log('workspace still empty after Escape');
      await wb.screenshot('09-scaffold-wizard-cancelled');
    });
  },
};
