// Issue 14: the running replica's live picture. The replica is started from a hand-written
// template (fixtures/minimal-stack), then every editor is closed: "Show Live Replica Topology" draws
// that template (the replica's plan records it) with the replica's own web nodes marked by health
// in words and marks, and during a kill-web drill the node answering users is filled, flashes and
// says its requests a second. Needs Docker; starts its own replica (mhaui-live-topology) and
// removes it before and after.
import { viewName } from './support/requirements.mjs';
import { sweepReplica } from './support/replica-sweep.mjs';

const PROJECT = 'mhaui-live-topology';
const IDS = { up: 'moodleHa.replica.up', live: 'moodleHa.replica.showTopology', drill: 'moodleHa.replica.drill' };

export default {
  title: 'the live replica picture opens without an open template, marks nodes by health and shows the serving node during a drill',
  requires: { commands: Object.values(IDS), views: ['moodleHa.replica'] },
  workspace: 'fixtures/minimal-stack',
  async run({ wb, page, step, log, manifest }) {
    const label = (key) => { const c = manifest.contributes.commands.find((x) => x.command === IDS[key]); return `${c.category}: ${c.title}`; };
    const picture = () => page.frameLocator('iframe.webview.ready').last().frameLocator('#active-frame');
    // The panel's HTML is replaced on every redraw (every 2 s, every second in a drill), which can
    // detach the frame being read: read again then.
    const pictureLines = async () => {
      for (let attempt = 1; ; attempt++) {
        try {
          return (await picture().locator('svg text').allTextContents()).map((t) => t.trim());
        } catch (error) {
          if (attempt >= 5 || !/detached/i.test(error.message)) throw error;
        }
      }
    };
    sweepReplica(PROJECT, log);
    try {
      const pane = await wb.showView(viewName(manifest, 'moodleHa.replica'));
      await step(`start a replica of minimal-stack.yaml named ${PROJECT}`, async () => {
        await wb.runCommand(label('up'));
        await wb.pick('minimal-stack.yaml');
        await page.waitForFunction(() => /\(2\/2\)/.test(document.querySelector('.quick-input-widget .quick-input-title')?.textContent ?? ''), undefined, { timeout: 20000 });
        await page.locator('.quick-input-widget input[type="text"]').fill(PROJECT);
        await page.keyboard.press('Enter');
        await pane.locator('[role="treeitem"]', { hasText: /web-2\s*web · running · healthy/ }).first().waitFor({ state: 'visible', timeout: 300000 });
        // The start ends (the busy row goes) a moment after the nodes are healthy.
        await pane.locator('[role="treeitem"]', { hasText: /Starting the local replica/ }).first().waitFor({ state: 'detached', timeout: 120000 });
      });
      await step('no editor open: Show Live Replica Topology draws the template the replica was started from', async () => {
        await wb.runCommand('View: Close All Editors');
        await page.locator('.tabs-container .tab').first().waitFor({ state: 'detached', timeout: 10000 }).catch(() => {});
        await wb.runCommand(label('live'));
        await picture().locator('svg text', { hasText: /^✔ web-2 healthy$/ }).first().waitFor({ timeout: 60000 });
        // Read until one drawing has it all (a read between two drawings finds an empty frame).
        const wanted = [`Replica ${PROJECT} · minimal-stack.yaml`, '✔ web-1 healthy', 'Replica: 2 of 2 web node(s) healthy'];
        let lines = [];
        for (const until = Date.now() + 30000; Date.now() < until; await page.waitForTimeout(500)) {
          lines = await pictureLines();
          if (wanted.every((w) => lines.includes(w))) break;
        }
        log(`picture: ${lines.join(' | ')}`);
        for (const want of wanted) {
          if (!lines.includes(want)) throw new Error(`no "${want}" in the live picture`);
        }
        if (!lines.some((l) => l.startsWith('nodes: ✔ healthy (solid)'))) throw new Error('no legend for the marks');
        await wb.screenshot('replica-live-topology');
      });
      await step('Run Drill kill-web: the serving node is filled, flashes and says its requests a second; the killed node is marked down; the report comes', async () => {
        await wb.runCommand(label('drill'));
        await wb.pick('kill-web');
        // The panel is redrawn every second and the drill's moments pass: look twice a second until the report opens.
        const report = page.locator('.tab', { hasText: 'Drill: kill-web' }).first();
        let serving, down;
        for (const until = Date.now() + 600000; Date.now() < until && !(await report.isVisible());) {
          const lines = await pictureLines().catch(() => []);
          // The killed node is down (then its replacement starting) for a few seconds only: looked for first.
          if (!down) {
            down = lines.find((l) => /^(■ web-\d+ stopped|✖ web-\d+ unhealthy( ▶ \d+ req\/s)?|… web-\d+ starting( ▶ \d+ req\/s)?)$/.test(l));
            if (down) { log(`down: ${down}`); await wb.screenshot('replica-live-topology-node-down'); }
          }
          if (!serving) {
            const line = lines.find((l) => /^✔ web-\d+ healthy ▶ \d+ req\/s$/.test(l));
            const node = line && /web-\d+/.exec(line)[0];
            const animation = node && await picture().locator(`svg rect.serving[data-node="${node}"]`).first()
              .evaluate((el) => el.ownerDocument.defaultView.getComputedStyle(el).animationName, undefined, { timeout: 2000 }).catch(() => undefined);
            if (animation === 'mha-serving') { serving = line; log(`serving: ${line}`); await wb.screenshot('replica-live-topology-drill'); }
          }
          await page.waitForTimeout(500);
        }
        if (!serving) throw new Error('no node was drawn serving (filled, flashing, ▶ req/s) during the drill');
        if (!down) throw new Error('the killed node was never drawn stopped, unhealthy or starting');
        await report.waitFor({ state: 'visible', timeout: 10000 });
      });
    } finally {
      sweepReplica(PROJECT, log);
    }

  },
};
