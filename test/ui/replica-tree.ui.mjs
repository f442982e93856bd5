// The Local Replica view shows its tree: the replica's nodes when one runs, otherwise what to do next.
import fs from 'node:fs';
import { viewName } from './support/requirements.mjs';

// replica-tree.ts: the rows the view can show once it has asked Docker (with none running, the
// welcome page from package.json's viewsWelcome).
const ANSWERED = /No local replica is running|Docker is not available|\bweb\b/;

export default {
  title: 'the Local Replica view shows what Docker says',
  requires: { views: ['moodleHa.replica'] },
  async run({ wb, step, log, manifest }) {
    await step('open the Local Replica view and see its answer from Docker', async () => {
      const pane = await wb.showView(viewName(manifest, 'moodleHa.replica'));
      const row = pane.locator('[role="treeitem"], .welcome-view-content', { hasText: ANSWERED }).first();
      await row.waitFor({ state: 'visible', timeout: 30000 }).catch(async () => {
        throw new Error(`the view shows no answer from Docker: ${(await pane.locator('[role="treeitem"]').allInnerTexts()).join(' | ')}`);
      });
      const items = await pane.locator('[role="treeitem"], .welcome-view-content').allInnerTexts();
      log(`items: ${items.map((i) => i.replace(/\n/g, ' ')).join(' | ')}`);
      const dockerHere = fs.existsSync(process.env.DOCKER_SOCKET ?? '/var/run/docker.sock');
      if (dockerHere && items.some((i) => /Docker is not available/.test(i))) throw new Error(`Docker runs on this machine but the view says it is not available: ${items.join(' | ')}`);
      if (process.env.MHA_UI_EXPECT_REPLICA && !items.some((i) => /\bweb\b/i.test(i))) {
        // Set MHA_UI_EXPECT_REPLICA=1 when a replica is running: then its web nodes must be listed.
        throw new Error(`no web node in the replica tree: ${items.join(' | ')}`);
      }
      await wb.screenshot('08-replica-tree');
    });
  },
};
