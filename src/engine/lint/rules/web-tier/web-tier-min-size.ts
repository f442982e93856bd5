import type { QuickFix } from '../../finding';
import { defineRule } from '../../rule';
import { replaceScalar } from '../fixes/yaml-edit';
import { asgPathOf, propertyPath, webTierOf } from '../helpers';

export const webTierMinSize = defineRule({
  id: 'MHA1003',
  name: 'web-tier-min-size',
  category: 'web-tier',
  defaultSeverity: 'warning',
  description: 'MinSize is at least 2: one node is a single point of failure, zero nodes is no Moodle.',
  check({ model, topology, report }) {
    const web = webTierOf(topology);
    if (!web || web.minSize === 'unknown' || web.minSize >= 2) return;
    const path = propertyPath(asgPathOf(web), 'MinSize');
    const edit = web.maxSize !== 'unknown' && web.maxSize >= 2 ? replaceScalar(model, path, '2') : undefined;
    const fixes: QuickFix[] = edit ? [{ title: 'Set MinSize to 2', edits: [edit], preferred: true }] : [];
    report({
      path,
      severity: web.minSize <= 0 ? 'error' : 'warning',
      message: web.minSize <= 0
        ? `MinSize is ${web.minSize}: the group may run no Moodle node at all. Set MinSize to at least 2 (one per AZ).`
        : `MinSize is 1: while that node is replaced, Moodle is down. Set MinSize to at least 2 (one per AZ).`,
      fixes,
    });
  },
});
