import {
  CreateChangeSetCommand, DeleteChangeSetCommand, DescribeChangeSetCommand, ExecuteChangeSetCommand,
  type Change, type CloudFormationClient, type Parameter, type Tag,
} from '@aws-sdk/client-cloudformation';
import { delay } from '../common/cancellation';
import { MhaError } from '../common/errors';
import { awsErrorCode } from './map-aws-error';

export interface ChangeSetRequest {
  stackName: string;
  type: 'CREATE' | 'UPDATE';
  templateBody?: string;
  templateUrl?: string;
  parameters: Parameter[];
  capabilities: string[];
  tags: Tag[];
  signal?: AbortSignal;
}

export interface CreatedChangeSet {
  name: string;
  id?: string;
  stackId?: string;
  changes: Change[];
  /** CloudFormation found nothing to do; the change set has been deleted. */
  empty: boolean;
}

const NO_CHANGES = /didn't contain changes|No updates are to be performed|no changes/i;

/** Creates a change set, waits until it is ready, and reads every page of its changes. */
export async function createChangeSet(cfn: CloudFormationClient, request: ChangeSetRequest, now = Date.now): Promise<CreatedChangeSet> {
  const name = `moodle-ha-${now()}`;
  let created;
  try {
    created = await cfn.send(new CreateChangeSetCommand({
      StackName: request.stackName,
      ChangeSetName: name,
      ChangeSetType: request.type,
      TemplateBody: request.templateBody,
      TemplateURL: request.templateUrl,
      Parameters: request.parameters,
      Capabilities: request.capabilities as never,
      Tags: request.tags,
      Description: 'Created by Moodle HA Toolkit',
    }), { abortSignal: request.signal });
  } catch (error) {
    // moto answers an empty update here; AWS makes a FAILED change set instead (handled below).
    if (awsErrorCode(error) === 'ValidationError' && NO_CHANGES.test((error as Error).message)) return { name, changes: [], empty: true };
    throw error;
  }
  const id = created.Id ?? name;
  let waited = 0;
  for (let attempt = 0; ; attempt++) {
    const first = await cfn.send(new DescribeChangeSetCommand({ StackName: request.stackName, ChangeSetName: id }), { abortSignal: request.signal });
    if (first.Status === 'FAILED') {
      if (NO_CHANGES.test(first.StatusReason ?? '')) {
        await deleteChangeSet(cfn, request.stackName, id, request.signal);
        return { name, id, stackId: first.StackId, changes: [], empty: true };
      }
      throw new MhaError('aws.invalidInput', `CloudFormation could not create the change set: ${first.StatusReason ?? 'no reason given'}`, {
        nextStep: 'Fix the template or parameters named in the reason and deploy again.',
      });
    }
    if (first.Status === 'CREATE_COMPLETE') {
      const changes = [...(first.Changes ?? [])];
      let token = first.NextToken;
      while (token) {
        const page = await cfn.send(new DescribeChangeSetCommand({ StackName: request.stackName, ChangeSetName: id, NextToken: token }), { abortSignal: request.signal });
        changes.push(...(page.Changes ?? []));
        token = page.NextToken;
      }
      // A ready change set without resource changes still changes something (outputs, parameters):
      // only a FAILED "didn't contain changes" one is empty.
      return { name, id, stackId: first.StackId, changes, empty: false };
    }
    // Change sets usually take a few seconds; start quick, then ease off.
    const wait = Math.min(5000, 500 * 2 ** Math.min(attempt, 3));
    waited += wait;
    if (waited > 15 * 60_000) throw new MhaError('internal', 'The change set did not become ready in 15 minutes.', { userFixable: false });
    await delay(wait, request.signal);
  }
}

export async function executeChangeSet(cfn: CloudFormationClient, stackName: string, changeSetId: string, signal?: AbortSignal): Promise<void> {
  await cfn.send(new ExecuteChangeSetCommand({ StackName: stackName, ChangeSetName: changeSetId }), { abortSignal: signal });
}

export async function deleteChangeSet(cfn: CloudFormationClient, stackName: string, changeSetId: string, signal?: AbortSignal): Promise<void> {
  await cfn.send(new DeleteChangeSetCommand({ StackName: stackName, ChangeSetName: changeSetId }), { abortSignal: signal });
}
