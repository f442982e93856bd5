import {
  DescribeStackDriftDetectionStatusCommand, DescribeStackResourceDriftsCommand, DetectStackDriftCommand, type StackResourceDrift,
} from '@aws-sdk/client-cloudformation';
import { delay } from '../common/cancellation';
import { isMhaError, MhaError } from '../common/errors';
import type { AwsClientFactory } from './aws-clients';
import { mapAwsError } from './map-aws-error';

export interface DriftReport {
  stackDriftStatus: string;
  drifted: StackResourceDrift[];
  checked: number;
}

/** Runs drift detection and reads which resources differ from the template. */
export async function detectDrift(clients: AwsClientFactory, stackName: string, signal?: AbortSignal): Promise<DriftReport> {
  const cfn = clients.cloudFormation();
  try {
    const { StackDriftDetectionId: id } = await cfn.send(new DetectStackDriftCommand({ StackName: stackName }), { abortSignal: signal });
    for (let wait = 1000; ; wait = Math.min(wait * 2, 5000)) {
      const status = await cfn.send(new DescribeStackDriftDetectionStatusCommand({ StackDriftDetectionId: id }), { abortSignal: signal });
      if (status.DetectionStatus === 'DETECTION_FAILED' && !status.StackDriftStatus) {
        throw new MhaError('aws.stackState', `Drift detection failed: ${status.DetectionStatusReason ?? 'no reason given'}`);
      }
      if (status.DetectionStatus !== 'DETECTION_IN_PROGRESS') {
        const drifts: StackResourceDrift[] = [];
        let token: string | undefined;
        do {
          const page = await cfn.send(new DescribeStackResourceDriftsCommand({ StackName: stackName, NextToken: token }), { abortSignal: signal });
          drifts.push(...(page.StackResourceDrifts ?? []));
          token = page.NextToken;
        } while (token);
        return {
          stackDriftStatus: status.StackDriftStatus ?? 'UNKNOWN',
          drifted: drifts.filter((d) => d.StackResourceDriftStatus === 'MODIFIED' || d.StackResourceDriftStatus === 'DELETED'),
          checked: drifts.length,
        };
      }
      await delay(wait, signal);
    }
  } catch (error) {
    throw mapUnimplemented(mapAwsError(error, clients.target, `detecting drift on ${stackName}`), clients.target.endpointUrl, 'drift detection');
  }
}

/** Local endpoints (moto) answer unimplemented APIs with an HTML page the SDK cannot parse. */
export function mapUnimplemented(error: unknown, endpointUrl: string | undefined, what: string): unknown {
  if (endpointUrl && isMhaError(error) && error.code === 'internal' && /Deserialization|parse|Unexpected|char|Non-whitespace/i.test(error.message)) {
    return new MhaError('aws.invalidInput', `The endpoint ${endpointUrl} does not implement ${what}.`, { nextStep: 'Use a real AWS account (clear moodleHa.aws.endpointUrl), or LocalStack.', cause: error });
  }
  return error;
}
