// Bug 7 of issue 15: the Local Replica view's title buttons follow the replica's state (Drill,
// Scale and Remove only while one runs; Start hidden then), and a node row has a context menu
// (Kill, Stop, Restart, Show Logs on a running node, and no Start); a node stopped from that menu
// says stopped and offers Start (issue 15: the row said Docker's "exited"). Needs Docker: it
// starts a real replica (the HA defaults, probe app) under its own name and removes it at the end.
import { viewName } from './support/requirements.mjs';
import { sweepReplica } from './support/replica-sweep.mjs';

const PROJECT = 'mhaui-replica-menus';
const IDS = { up: 'moodleHa.replica.up', down: 'moodleHa.replica.down', drill: 'moodleHa.replica.drill', scale: 'moodleHa.replica.scale',
  kill: 'moodleHa.replica.kill', stop: 'moodleHa.replica.stop', start: 'moodleHa.replica.start', restart: 'moodleHa.replica.restart', logs: 'moodleHa.replica.logs' };

export default {
  title: 'the Local Replica view: title buttons follow the running replica, and node rows have a context menu',
  requires: { commands: Object.values(IDS), views: ['moodleHa.replica'] },
  async run({ wb, page, step, log, manifest }) {
    const title = (key) => manifest.contributes.commands.find((c) => c.command === IDS[key]).title;
    const category = manifest.contributes.commands.find((c) => c.command === IDS.up).category;
    const shown = (actions, key) => actions.some((a) => a.startsWith(title(key)));
    const pane = await wb.showView(viewName(manifest, 'moodleHa.replica'));
    // The title's buttons and its "More Actions..." menu (Remove sits there, away from a slip of the mouse).
    const titleCommands = async () => {
      const buttons = await wb.titleActions(pane);
      const more = pane.locator('.pane-header .actions .action-label[aria-label^="More Actions"]').first();
      if (!(await more.count())) return buttons;
      await more.click();
      const menu = page.locator('.context-view .monaco-menu');
      await menu.first().waitFor({ state: 'visible', timeout: 20000 });
      const entries = (await menu.locator('.action-label').allInnerTexts()).map((t) => t.trim()).filter(Boolean);
      await page.keyboard.press('Escape');
      await menu.first().waitFor({ state: 'hidden', timeout: 20000 });
      return [...buttons, ...entries];
    };
    sweepReplica(PROJECT, log);
    await step('no replica: Start is offered; Drill, Scale and Remove are not', async () => {
      await pane.locator('.welcome-view-content', { hasText: /No local replica|Start/ }).first().waitFor({ state: 'visible', timeout: 30000 });
      const actions = await titleCommands();
      log(`title buttons: ${actions.join(' | ')}`);
      if (!shown(actions, 'up')) throw new Error(`no ${title('up')} button without a replica: ${actions.join(' | ')}`);
      const wrong = ['drill', 'scale', 'down'].filter((k) => shown(actions, k));
      if (wrong.length) throw new Error(`shown with no replica: ${wrong.map(title).join(', ')}`);
    });
    try {
      await step(`start a replica of the HA defaults named ${PROJECT}`, async () => {
        await wb.runCommand(`${category}: ${title('up')}`);
        await wb.pick('HA defaults');
        await page.waitForFunction(() => /\(2\/2\)/.test(document.querySelector('.quick-input-widget .quick-input-title')?.textContent ?? ''), undefined, { timeout: 20000 });
        await page.locator('.quick-input-widget input[type="text"]').fill(PROJECT);
        await page.keyboard.press('Enter');
        // The tree names nodes by role (web-1, db…), under the site's row.
        await pane.locator('[role="treeitem"]', { hasText: 'http://127.0.0.1' }).first().waitFor({ state: 'visible', timeout: 300000 });
        await pane.locator('[role="treeitem"]', { hasText: /web-\d+\s*web · running · healthy/ }).first().waitFor({ state: 'visible', timeout: 300000 });
      });
      await step('running: Drill, Scale and Remove are offered; Start is not', async () => {
        // The start ends (busy → idle) a moment after the tree shows the healthy nodes: wait for that, up to a minute.
        let actions = [];
        for (const until = Date.now() + 60000; Date.now() < until;) {
          actions = await titleCommands();
          if (shown(actions, 'drill')) break;
          await page.waitForTimeout(1000);
        }
        log(`title buttons: ${actions.join(' | ')}`);
        const missing = ['drill', 'scale', 'down'].filter((k) => !shown(actions, k));
        if (missing.length) throw new Error(`not shown while the replica runs: ${missing.map(title).join(', ')} (${actions.join(' | ')})`);
        if (shown(actions, 'up')) throw new Error(`${title('up')} is still offered while the replica runs`);
        await wb.screenshot('replica-running-title-buttons');
      });
      const web = pane.locator('[role="treeitem"]', { hasText: /web-\d+\s*web · running/ }).first();
      const webName = /web-\d+/.exec(await web.innerText())[0];
      await step(`a running node (${webName}): Kill, Stop, Restart and Show Logs on its context menu, not Start`, async () => {
        await web.click({ button: 'right' });
        await page.locator('.context-view .monaco-menu').first().waitFor({ state: 'visible', timeout: 20000 });
        await wb.screenshot('replica-node-context-menu');
        await page.keyboard.press('Escape');
        const entries = await wb.contextMenuEntries(web);
        log(`menu: ${entries.join(' | ')}`);
        const missing = ['kill', 'stop', 'restart', 'logs'].filter((k) => !entries.includes(title(k)));
        if (missing.length) throw new Error(`missing on a running node: ${missing.map(title).join(', ')} (${entries.join(' | ')})`);
        if (entries.includes(title('start'))) throw new Error(`${title('start')} offered on a running node`);
      });
      await step(`Stop ${webName} from its context menu: the row says stopped and its menu offers Start, not Stop or Kill`, async () => {
        await wb.chooseFromContextMenu(web, title('stop'));
        // The row is found by its name alone: its text is what a user reads as the node's state.
        const row = pane.locator('[role="treeitem"]', { hasText: new RegExp(`\\b${webName}\\b`) }).first();
        const stopped = pane.locator('[role="treeitem"]', { hasText: new RegExp(`\\b${webName}\\s*web · stopped`) }).first();
        await stopped.waitFor({ state: 'visible', timeout: 120000 }).catch(async () => {
          throw new Error(`the row of ${webName} does not say stopped: "${(await row.innerText()).replace(/\s+/g, ' ')}"`);
        });
        await wb.screenshot('replica-node-stopped');
        const entries = await wb.contextMenuEntries(stopped);
        log(`menu of the stopped node: ${entries.join(' | ')}`);
        if (!entries.includes(title('start'))) throw new Error(`no ${title('start')} on a stopped node (${entries.join(' | ')})`);
        const wrong = ['stop', 'kill'].filter((k) => entries.includes(title(k)));
        if (wrong.length) throw new Error(`offered on a stopped node: ${wrong.map(title).join(', ')}`);
      });
      await step(`Start ${webName} from its menu: the row is running and healthy again`, async () => {
        const stopped = pane.locator('[role="treeitem"]', { hasText: new RegExp(`\\b${webName}\\s*web · stopped`) }).first();
        await wb.chooseFromContextMenu(stopped, title('start'));
        await pane.locator('[role="treeitem"]', { hasText: new RegExp(`\\b${webName}\\s*web · running · healthy`) }).first().waitFor({ state: 'visible', timeout: 180000 });
      });
    } finally {
      sweepReplica(PROJECT, log);
    }

  },
};
