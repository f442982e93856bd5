// The Local Replica view shows its tree: the replica's nodes when one runs, otherwise what to do next.
import { viewName } from './support/requirements.mjs';

export default {
  title: 'the Local Replica view populates',
  requires: { views: ['moodleHa.replica'] },
  async run({ wb, step, log, manifest }) {
    await step('open the Local Replica view and see its items', async () => {
      const pane = await wb.showView(viewName(manifest, 'moodleHa.replica'));
      const items = await wb.treeItems(pane);
      log(`items: ${items.map((i) => i.replace(/\n/g, ' ')).join(' | ')}`);
      if (process.env.MHA_UI_EXPECT_REPLICA) {
        // Set MHA_UI_EXPECT_REPLICA=1 when a replica is running: then its web nodes must be listed.
        if (!items.some((i) => /web/i.test(i))) throw new Error(`no web node in the replica tree: ${items.join(' | ')}`);
      }
      await wb.screenshot('08-replica-tree');
    });
  },
};
