// The getting-started walkthrough opens and lists its five steps.
export default {
  title: 'the walkthrough shows scaffold → lint → replica → drill → deploy',
  requires: { walkthroughs: true },
  async run({ wb, page, step, manifest }) {
    const walkthrough = manifest.contributes.walkthroughs[0];
    await step('open it from Welcome: Open Walkthrough...', async () => {
      await wb.runCommand('Welcome: Open Walkthrough...');
      await wb.pick(walkthrough.title);
      await page.locator('.gettingStartedContainer').waitFor({ state: 'visible', timeout: 20000 });
    });
    await step('every step is listed, the first with its page', async () => {
      for (const s of walkthrough.steps) {
        await page.locator('.getting-started-step', { hasText: s.title }).first().waitFor({ state: 'visible', timeout: 20000 });
      }
      await page.locator('.gettingStartedContainer .getting-started-media, .gettingStartedContainer iframe, .gettingStartedContainer webview').first()
        .waitFor({ state: 'attached', timeout: 20000 });
      await wb.screenshot('02-walkthrough');
    });
  },
};
