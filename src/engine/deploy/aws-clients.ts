import { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { CodeDeployClient } from '@aws-sdk/client-codedeploy';
import { CodePipelineClient } from '@aws-sdk/client-codepipeline';
import { EC2Client } from '@aws-sdk/client-ec2';
import { Route53Client } from '@aws-sdk/client-route-53';
import { S3Client } from '@aws-sdk/client-s3';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { SSMClient } from '@aws-sdk/client-ssm';
import { fromIni, fromNodeProviderChain } from '@aws-sdk/credential-providers';
import type { Logger } from '../common/logger';
import { DEFAULT_MAX_ATTEMPTS, type AwsTarget } from './aws-target';
import { CallCounter } from './call-counter';

/** Who the credentials belong to: deploy state is kept per account and region, and S3 calls name the owner. */
export interface CallerIdentity {
  account: string;
  arn: string;
}

/** Builds SDK clients for one target; the engine receives this, never a global client. */
export interface AwsClientFactory {
  readonly target: AwsTarget;
  cloudFormation(): CloudFormationClient;
  s3(): S3Client;
  codePipeline(): CodePipelineClient;
  codeDeploy(): CodeDeployClient;
  sts(): STSClient;
  /** sts:GetCallerIdentity, asked once per factory (it needs no permission). */
  callerIdentity(signal?: AbortSignal): Promise<CallerIdentity>;
  ssm(): SSMClient;
  ec2(): EC2Client;
  /** Route 53 is global: the SDK signs for us-east-1 whatever the target's region. */
  route53(): Route53Client;
  /** Every API call made through these clients, by operation name. */
  readonly calls: CallCounter;
}

interface Clients {
  cloudformation: CloudFormationClient;
  s3: S3Client;
  codepipeline: CodePipelineClient;
  codedeploy: CodeDeployClient;
  sts: STSClient;
  ssm: SSMClient;
  ec2: EC2Client;
  route53: Route53Client;
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
  const cache: Partial<Clients> = {};
  const once = <K extends keyof Clients>(key: K, make: () => Clients[K]): Clients[K] => {
    const cached = cache[key];
    if (cached) return cached as Clients[K];
    const client = make();
    calls.attach(client, key, logger);
    cache[key] = client;
    return client;
  };
  const sts = () => once('sts', () => new STSClient(common));
  let identity: Promise<CallerIdentity> | undefined;
  return {
    target,
    calls,
    cloudFormation: () => once('cloudformation', () => new CloudFormationClient(common)),
    // Path-style keeps bucket names out of host names, which local endpoints need.
    s3: () => once('s3', () => new S3Client({ ...common, forcePathStyle: !!target.endpointUrl })),
    codePipeline: () => once('codepipeline', () => new CodePipelineClient(common)),
    codeDeploy: () => once('codedeploy', () => new CodeDeployClient(common)),
    sts,
    callerIdentity(signal) {
      identity ??= sts().send(new GetCallerIdentityCommand({}), { abortSignal: signal }).then((r) => ({ account: r.Account ?? '', arn: r.Arn ?? '' }));
      // A failed or cancelled ask is not remembered: the next call tries again.
      identity.catch(() => { identity = undefined; });
      return identity;
    },
    ssm: () => once('ssm', () => new SSMClient(common)),
    ec2: () => once('ec2', () => new EC2Client(common)),
    route53: () => once('route53', () => new Route53Client(common)),
  };
}
