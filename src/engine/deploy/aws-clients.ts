import { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { CodeDeployClient } from '@aws-sdk/client-codedeploy';
import { CodePipelineClient } from '@aws-sdk/client-codepipeline';
import { EC2Client } from '@aws-sdk/client-ec2';
import { S3Client } from '@aws-sdk/client-s3';
import { SSMClient } from '@aws-sdk/client-ssm';
import { fromIni, fromNodeProviderChain } from '@aws-sdk/credential-providers';
import type { Logger } from '../common/logger';
import { DEFAULT_MAX_ATTEMPTS, type AwsTarget } from './aws-target';
import { CallCounter } from './call-counter';

/** Builds SDK clients for one target; the engine receives this, never a global client. */
export interface AwsClientFactory {
  readonly target: AwsTarget;
  cloudFormation(): CloudFormationClient;
  s3(): S3Client;
  codePipeline(): CodePipelineClient;
  codeDeploy(): CodeDeployClient;
  ssm(): SSMClient;
  ec2(): EC2Client;
  /** Every API call made through these clients, by operation name. */
  readonly calls: CallCounter;
}

export function createAwsClientFactory(target: AwsTarget, logger?: Logger): AwsClientFactory {
  // SSO profiles resolve through fromIni too (it reads sso_session / sso_start_url from the config file).
  const credentials = target.credentials
    ?? (target.profile ? fromIni({ profile: target.profile }) : fromNodeProviderChain());
  const common = {
    region: target.region,
    credentials,
    endpoint: target.endpointUrl,
    maxAttempts: target.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
    retryMode: 'standard',
  } as const;
  const calls = new CallCounter();
  const cache = new Map<string, unknown>();
  const once = <T extends { middlewareStack: CloudFormationClient['middlewareStack'] }>(key: string, make: () => T): T => {
    let client = cache.get(key) as T | undefined;
    if (!client) {
      client = make();
      calls.attach(client as never, key, logger);
      cache.set(key, client);
    }
    return client;
  };
  return {
    target,
    calls,
    cloudFormation: () => once('cloudformation', () => new CloudFormationClient(common)),
    // Path-style keeps bucket names out of host names, which local endpoints need.
    s3: () => once('s3', () => new S3Client({ ...common, forcePathStyle: !!target.endpointUrl }) as never),
    codePipeline: () => once('codepipeline', () => new CodePipelineClient(common) as never),
    codeDeploy: () => once('codedeploy', () => new CodeDeployClient(common) as never),
    ssm: () => once('ssm', () => new SSMClient(common) as never),
    ec2: () => once('ec2', () => new EC2Client(common) as never),
  };
}
