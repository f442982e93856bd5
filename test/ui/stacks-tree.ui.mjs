// The Stacks view populates: stacks from the configured CloudFormation endpoint, or a "Sign in" node.
import { viewName } from './support/requirements.mjs';

export default {
  title: 'the Stacks view populates',
  requires: { views: ['moodleHa.stacks'] },
  async run({ wb, step, log, manifest }) {
    await step('open the Stacks view and see its items', async () => {
      const pane = await wb.showView(viewName(manifest, 'moodleHa.stacks'));
      const items = await wb.treeItems(pane);
      log(`items: ${items.map((i) => i.replace(/\n/g, ' ')).join(' | ')}`);
      await wb.screenshot('09-stacks-tree');
    });
  },
};
