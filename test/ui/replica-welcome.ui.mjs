// An empty folder, no replica: the Local Replica view is a welcome page with New Project… and
// Start Local Replica buttons, and its title bar offers Start but not Drill, Scale or Remove
// (they need a running replica). Issue 15: welcome views, bug 7.
import { viewName } from './support/requirements.mjs';

export default {
  title: 'the Local Replica view without a replica: welcome page with buttons, only Start in the title',
  requires: { views: ['moodleHa.replica'], commands: ['moodleHa.project.new', 'moodleHa.replica.up', 'moodleHa.replica.drill', 'moodleHa.replica.scale'] },
  // A project name no one runs, so a replica elsewhere on the machine cannot show up here.
  workspace: 'fixtures/no-replica',
  async run({ wb, page, step, log, manifest }) {
    const title = (id) => manifest.contributes.commands.find((c) => c.command === id).title;
    const pane = await wb.showView(viewName(manifest, 'moodleHa.replica'));
    let welcome;
    await step('the welcome page offers New Project… and Start Local Replica', async () => {
      welcome = await wb.welcome(pane, /No local replica is running/);
      await welcome.getByRole('button', { name: title('moodleHa.replica.up') }).waitFor({ state: 'visible' });
      await welcome.getByRole('button', { name: title('moodleHa.project.new') }).waitFor({ state: 'visible' });
      log(`welcome: ${(await welcome.innerText()).replace(/\s+/g, ' ')}`);
      await wb.screenshot('08a-replica-welcome');
    });
    await step('the title bar has Start, not Drill or Scale', async () => {
      const actions = await wb.titleActions(pane);
      log(`title actions: ${actions.join(' | ')}`);
      if (!actions.some((a) => a.startsWith(title('moodleHa.replica.up')))) throw new Error(`no Start button: ${actions.join(' | ')}`);
      const wrong = ['moodleHa.replica.drill', 'moodleHa.replica.scale'].map(title).filter((t) => actions.some((a) => a.startsWith(t)));
      if (wrong.length) throw new Error(`shown with no replica running: ${wrong.join(', ')}`);
    });
    await step('New Project… opens the wizard', async () => {
      await welcome.getByRole('button', { name: title('moodleHa.project.new') }).click();
      await page.waitForFunction(() => /New Project/.test(document.querySelector('.quick-input-widget .quick-input-title')?.textContent ?? ''), undefined, { timeout: 20000 });
      await wb.closeQuickInput();
    });
  },
};
