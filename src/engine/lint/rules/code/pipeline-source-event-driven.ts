import { isMap, isSeq, toPlain } from '../../../template/nodes';
import { defineRule } from '../../rule';
import { isTrue } from '../../../topology/facts/template-facts';

/** Source providers whose PollForSourceChanges defaults to true. */
const POLLING = new Set(['S3', 'CodeCommit']);

export const pipelineSourceEventDriven = defineRule({
  id: 'MHA5004',
  name: 'pipeline-source-event-driven',
  category: 'code',
  defaultSeverity: 'warning',
  description: 'An S3 or CodeCommit pipeline source is started by an EventBridge rule (PollForSourceChanges: false): AWS disables polling on pipelines idle for 30 days, so a once-a-term upload would deploy nothing.',
  check({ model, topology, report }) {
    if (!topology.webTier.found) return;
    for (const pipeline of model.resourcesOfType('AWS::CodePipeline::Pipeline')) {
      const stages = model.get([...pipeline.path, 'Properties', 'Stages']);
      if (!isSeq(stages)) continue;
      stages.items.forEach((stage, s) => {
        const actions = isMap(stage) ? stage.entries.find((e) => e.key === 'Actions')?.value : undefined;
        if (!isSeq(actions)) return;
        actions.items.forEach((action, a) => {
          const plain = toPlain(action) as { Name?: string; ActionTypeId?: { Category?: string; Provider?: string }; Configuration?: Record<string, unknown> };
          if (plain.ActionTypeId?.Category !== 'Source' || !POLLING.has(String(plain.ActionTypeId.Provider))) return;
          const poll = plain.Configuration?.PollForSourceChanges;
          if (poll !== undefined && !isTrue(poll)) return;
          const path = [...pipeline.path, 'Properties', 'Stages', s, 'Actions', a, 'Configuration', ...(poll === undefined ? [] : ['PollForSourceChanges'])];
          report({
            path, atKey: poll === undefined,
            message: `Pipeline ${pipeline.logicalId}'s ${plain.ActionTypeId.Provider} source ${plain.Name ?? ''} ${poll === undefined ? 'polls (PollForSourceChanges defaults to true)' : 'polls for changes'}. CodePipeline disables polling on pipelines inactive for 30 days, so after a quiet month (or the summer) a new bundle deploys nothing. Set PollForSourceChanges: false and start the pipeline from an AWS::Events::Rule (${plain.ActionTypeId.Provider === 'S3' ? 'S3 "Object Created" for the key, with EventBridge notifications on the bucket' : 'CodeCommit "Repository State Change" for the branch'}) targeting the pipeline.`,
          });
        });
      });
    }
  },
});
