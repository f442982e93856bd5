import type { TemplatePath } from '../../../template/nodes';
import type { TemplateModel } from '../../../template/template-model';
import { describeWhen } from '../../../topology/conditions';
import type { QuickFix, TextEdit } from '../../finding';
import { defineRule } from '../../rule';
import { block, insertKey, replaceScalar } from '../fixes/yaml-edit';
import { launchAlternativesOf, launchDataPath, webTierOf } from '../helpers';

export const imdsV2Required = defineRule({
  id: 'MHA1006',
  name: 'imdsv2-required',
  category: 'web-tier',
  defaultSeverity: 'warning',
  description: 'Web nodes require IMDSv2 session tokens, so a request forgery in PHP cannot read the instance role credentials.',
  check({ model, topology, report }) {
    const web = webTierOf(topology);
    if (!web || web.imdsV2Required !== false) return;
    // Every launch template/configuration the group can use (Fn::If), each judged with its AMI's own default.
    for (const launch of launchAlternativesOf(web)) {
      if (launch.imdsV2Required !== false) continue;
      const data = launchDataPath(launch);
      const tokens = [...data, 'MetadataOptions', 'HttpTokens'];
      const where = model.get(tokens) ? tokens : model.get([...data, 'MetadataOptions']) ? [...data, 'MetadataOptions'] : data;
      const edit = fixImds(model, data);
      const fixes: QuickFix[] = edit ? [{ title: 'Require IMDSv2 (HttpTokens: required)', edits: [edit], preferred: true }] : [];
      const when = launch.when.length ? ` (the group uses it when ${describeWhen(launch.when)})` : '';
      report({
        path: where, atKey: true,
        message: `${launch.logicalId}${when} allows IMDSv1. Set MetadataOptions: {HttpTokens: required} so a server-side request forgery in Moodle or a plugin cannot read the instance credentials.`,
        fixes,
      });
    }
  },
});

function fixImds(model: TemplateModel, data: TemplatePath): TextEdit | undefined {
  if (model.get([...data, 'MetadataOptions', 'HttpTokens'])) return replaceScalar(model, [...data, 'MetadataOptions', 'HttpTokens'], 'required');
  if (model.get([...data, 'MetadataOptions'])) return insertKey(model, [...data, 'MetadataOptions'], 'HttpTokens', 'required');
  return insertKey(model, data, 'MetadataOptions', block('HttpEndpoint: enabled', 'HttpTokens: required'));
}
