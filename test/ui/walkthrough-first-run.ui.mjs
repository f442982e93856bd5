// The walkthrough opens by itself the first time the extension runs (once: not again after a
// reload), its "Scaffold a project" step is not ticked by merely opening the wizard, and each step
// has something in its media area. Bug 6 of issue 15. The other UI tests run with
// moodleHa.walkthrough.openOnFirstRun off (test/vscode/code-server-settings.json); this folder turns it on.
export default {
  title: 'the walkthrough opens on first run, once; opening the wizard does not tick "Scaffold a project"',
  requires: { walkthroughs: true, commands: ['moodleHa.project.new'] },
  workspace: 'fixtures/first-run',
  async run({ wb, page, step, log, manifest }) {
    const walkthrough = manifest.contributes.walkthroughs[0];
    const container = page.locator('.gettingStartedContainer');
    const scaffoldStep = () => page.locator('.getting-started-step', { hasText: walkthrough.steps[0].title }).first();
    await step('it opens without being asked', async () => {
      await container.waitFor({ state: 'visible', timeout: 30000 });
      await page.locator('.gettingStartedContainer', { hasText: walkthrough.title }).waitFor({ state: 'visible', timeout: 20000 });
    });
    await step('the first step shows its page (not an empty media area)', async () => {
      await scaffoldStep().click();
      const frame = page.frameLocator('.gettingStartedContainer .getting-started-media iframe').first()
        .frameLocator('iframe').first();
      const inline = page.locator('.gettingStartedContainer .getting-started-media img, .gettingStartedContainer .getting-started-media h1');
      await frame.locator('h1').first().or(frame.locator('img').first()).waitFor({ state: 'visible', timeout: 20000 })
        .catch(() => inline.first().waitFor({ state: 'visible', timeout: 5000 }))
        .catch(async () => { throw new Error('the step\'s media area shows nothing'); });
      await wb.screenshot('02a-walkthrough-first-run');
    });
    await step('opening New Project and cancelling leaves "Scaffold a project" unticked', async () => {
      // VS Code keeps walkthrough progress per profile, which the UI tests share: a test that wrote a
      // project (first-hour) ticked the step for good. Start this check from no progress.
      await wb.runCommand('Developer: Reset Welcome Page Walkthrough Progress');
      await page.waitForFunction((t) => [...document.querySelectorAll('.getting-started-step')].some((el) => el.textContent.includes(t) && el.getAttribute('aria-checked') === 'false'), walkthrough.steps[0].title, { timeout: 20000 })
        .catch(() => { throw new Error('"Scaffold a project" is still ticked after the progress was reset'); });
      const { title, category } = manifest.contributes.commands.find((c) => c.command === 'moodleHa.project.new');
      await wb.runCommand(`${category}: ${title}`);
      await page.waitForFunction(() => /New Project/.test(document.querySelector('.quick-input-widget .quick-input-title')?.textContent ?? ''), undefined, { timeout: 20000 });
      await wb.closeQuickInput();
      const checked = await scaffoldStep().getAttribute('aria-checked');
      log(`scaffold step aria-checked: ${checked}`);
      if (checked !== 'false') throw new Error(`"Scaffold a project" is ticked (aria-checked=${checked}) though nothing was written`);
    });
    await step('after a reload it does not open again', async () => {
      // Close it first, so the reload does not just restore an open editor.
      await page.locator('.tab', { hasText: /Walkthrough|Welcome|Get Started/ }).first().locator('.codicon-close').click({ force: true }).catch(() => {});
      await wb.runCommand('View: Close All Editors');
      await container.waitFor({ state: 'hidden', timeout: 20000 });
      // Reload as a user does (the window shuts down properly, so globalState is saved first).
      await wb.runCommand('Developer: Reload Window');
      await page.waitForEvent('load', { timeout: 60000 }).catch(() => {});
      await page.locator('.monaco-workbench').waitFor({ timeout: 60000 });
      await page.locator('.explorer-folders-view, .part.sidebar').first().waitFor({ state: 'visible', timeout: 60000 });
      // Once the replica bundle has asked Docker, activation (where the walkthrough opens) is long done.
      const replica = await wb.showView(Object.values(manifest.contributes.views).flat().find((v) => v.id === 'moodleHa.replica').name);
      await replica.locator('.welcome-view-content, [role="treeitem"]', { hasText: /No local replica is running|Docker is not available|\bweb\b/ }).first()
        .waitFor({ state: 'visible', timeout: 30000 });
      if (await container.isVisible()) throw new Error('the walkthrough opened again after a reload');
    });
  },
};
