import type { Output } from '@aws-sdk/client-cloudformation';
import { MhaError } from '../../common/errors';
import type { ReleaseTarget } from './publish-messages';

/** The S3 key the pipeline's source action watches, when the stack does not name one. */
export const DEFAULT_SOURCE_KEY = 'moodle/app.zip';

/**
 * Reads the release wiring from the stack's outputs: SourceBucket (required), SourceObjectKey,
 * PipelineName, CodeDeployApplication, DeploymentGroup.
 */
export function releaseTargetFromOutputs(stackName: string, outputs: Output[]): ReleaseTarget {
  const get = (re: RegExp) => outputs.find((o) => re.test(o.OutputKey ?? ''))?.OutputValue || undefined;
  const sourceBucket = get(/^(Pipeline)?SourceBucket(Name)?$/i);
  if (!sourceBucket) {
    throw new MhaError('aws.stackState', `Stack ${stackName} has no SourceBucket output, so there is nowhere to publish code to.`, {
      nextStep: 'Deploy a template with the code pipeline (S3 source), which outputs SourceBucket and PipelineName.',
    });
  }
  return {
    sourceBucket,
    sourceKey: get(/^SourceObjectKey$/i) ?? DEFAULT_SOURCE_KEY,
    pipelineName: get(/^PipelineName$/i),
    codeDeployApplication: get(/^CodeDeployApplication(Name)?$/i),
    deploymentGroup: get(/^(CodeDeploy)?DeploymentGroup(Name)?$/i),
  };
}
