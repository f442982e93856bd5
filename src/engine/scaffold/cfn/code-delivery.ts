import { GetAtt, Ref, Sub, type CfnValue } from './intrinsics';
import { output, tags, type BuildContext, type Section } from './section';

/**
 * Identical code on every node: CodePipeline (S3 zip, GitHub connection or CodeCommit) → CodeDeploy
 * in place on the Auto Scaling group, one server at a time. A failed deploy stops, and never rolls
 * back automatically: old code cannot run on a schema a newer version upgraded (Moodle refuses to
 * downgrade). Version upgrades are the UpgradeDocument operation, run after the code is deployed.
 * S3 and CodeCommit sources start the pipeline from EventBridge: AWS disables polling on pipelines
 * idle for 30 days, so a once-a-term upload would deploy nothing.
 */
export function codeDeliverySection(ctx: BuildContext): Section {
  const { code } = ctx.options;
  const parameters: Record<string, CfnValue> = {};
  const resources: Record<string, CfnValue> = {
    ArtifactBucket: {
      '//': 'Code delivery: the pipeline takes the Moodle bundle (moodle/) to CodeDeploy, one web server at a time.',
      Type: 'AWS::S3::Bucket', DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain',
      Properties: {
        VersioningConfiguration: { Status: 'Enabled' },
        BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
        PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
        OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
        // Each bundle is ~100 MB: old versions go after 90 days.
        LifecycleConfiguration: { Rules: [{ Id: 'expire-old-bundles', Status: 'Enabled', NoncurrentVersionExpiration: { NoncurrentDays: 90 } }] },
        ...(code.source === 's3' ? { NotificationConfiguration: { EventBridgeConfiguration: { EventBridgeEnabled: true } } } : {}),
        Tags: tags('artifacts'),
      },
    },
    CodeDeployApplication: { Type: 'AWS::CodeDeploy::Application', Properties: { ComputePlatform: 'Server', Tags: tags('moodle') } },
    CodeDeployServiceRole: {
      Type: 'AWS::IAM::Role',
      Properties: {
        AssumeRolePolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'codedeploy.amazonaws.com' }, Action: 'sts:AssumeRole' }] },
        ManagedPolicyArns: [Sub('arn:${AWS::Partition}:iam::aws:policy/service-role/AWSCodeDeployRole')],
        Tags: tags('codedeploy'),
      },
    },
    DeploymentGroup: {
      Type: 'AWS::CodeDeploy::DeploymentGroup',
      Properties: {
        ApplicationName: Ref('CodeDeployApplication'),
        ServiceRoleArn: GetAtt('CodeDeployServiceRole', 'Arn'),
        AutoScalingGroups: [Ref('WebAutoScalingGroup')],
        DeploymentConfigName: 'CodeDeployDefault.OneAtATime',
        DeploymentStyle: { DeploymentType: 'IN_PLACE', DeploymentOption: 'WITH_TRAFFIC_CONTROL' },
        LoadBalancerInfo: { TargetGroupInfoList: [{ Name: GetAtt('WebTargetGroup', 'TargetGroupName') }] },
        // Never redeploy old code by itself: after an upgrade it would meet a newer schema.
        AutoRollbackConfiguration: { Enabled: false },
        // Scale-in runs ApplicationStop (cron stops, running jobs finish) before a node goes.
        TerminationHookEnabled: true,
        Tags: tags('web'),
      },
    },
    PipelineRole: {
      Type: 'AWS::IAM::Role',
      Properties: {
        AssumeRolePolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'codepipeline.amazonaws.com' }, Action: 'sts:AssumeRole' }] },
        Policies: [{ PolicyName: 'moodle-pipeline', PolicyDocument: { Version: '2012-10-17', Statement: pipelineStatements(ctx) } }],
        Tags: tags('pipeline'),
      },
    },
    Pipeline: {
      Type: 'AWS::CodePipeline::Pipeline',
      Properties: {
        RoleArn: GetAtt('PipelineRole', 'Arn'),
        PipelineType: 'V2',
        ArtifactStore: { Type: 'S3', Location: Ref('ArtifactBucket') },
        Stages: [
          { Name: 'Source', Actions: [sourceAction(ctx, parameters)] },
          {
            Name: 'Deploy',
            Actions: [{
              Name: 'RollingDeploy', ActionTypeId: { Category: 'Deploy', Owner: 'AWS', Provider: 'CodeDeploy', Version: '1' },
              InputArtifacts: [{ Name: 'Bundle' }],
              Configuration: { ApplicationName: Ref('CodeDeployApplication'), DeploymentGroupName: Ref('DeploymentGroup') },
            }],
          },
        ],
        Tags: tags('pipeline'),
      },
    },
  };
  if (code.source !== 'github') Object.assign(resources, sourceTrigger(ctx));
  return {
    parameters,
    resources,
    outputs: {
      // `moodle-ha publish` and the extension's Publish Code read SourceBucket and SourceObjectKey.
      ...(code.source === 's3'
        ? {
          SourceBucket: output('Upload the bundle zip here under SourceObjectKey; the pipeline deploys it.', Ref('ArtifactBucket')),
          SourceObjectKey: output('Key of the bundle zip the pipeline watches.', Ref('SourceObjectKey')),
        }
        : { ArtifactBucketName: output('Pipeline artifacts.', Ref('ArtifactBucket')) }),
      CodeDeployApplicationName: output('CodeDeploy application.', Ref('CodeDeployApplication')),
      DeploymentGroupName: output('CodeDeploy deployment group (the web servers).', Ref('DeploymentGroup')),
      PipelineName: output('CodePipeline that deploys the bundle.', Ref('Pipeline')),
    },
  };
}

function sourceAction(ctx: BuildContext, parameters: Record<string, CfnValue>): CfnValue {
  const { code } = ctx.options;
  const base = { Name: 'Bundle', OutputArtifacts: [{ Name: 'Bundle' }] };
  if (code.source === 's3') {
    parameters.SourceObjectKey = { Type: 'String', Default: code.s3ObjectKey, Description: 'Key of the bundle zip (moodle/ zipped) in the artifact bucket.', AllowedPattern: '^[A-Za-z0-9!_.*\'()/-]+\\.zip$' };
    return { ...base, ActionTypeId: { Category: 'Source', Owner: 'AWS', Provider: 'S3', Version: '1' }, Configuration: { S3Bucket: Ref('ArtifactBucket'), S3ObjectKey: Ref('SourceObjectKey'), PollForSourceChanges: false } };
  }
  parameters.SourceBranch = { Type: 'String', Default: code.branch, Description: 'Branch whose commits are deployed.' };
  if (code.source === 'github') {
    parameters.GitHubConnectionArn = { Type: 'String', Default: code.githubConnectionArn, Description: 'CodeConnections connection to GitHub (create it in the console and complete the handshake first).', AllowedPattern: '^arn:aws[a-z-]*:(codestar-connections|codeconnections):[a-z0-9-]+:\\d{12}:connection/[0-9a-f-]+$' };
    parameters.GitHubRepository = { Type: 'String', Default: code.githubRepository, Description: 'GitHub repository (owner/name) holding the bundle.', AllowedPattern: '^[A-Za-z0-9-]+/[A-Za-z0-9._-]+$' };
    return { ...base, ActionTypeId: { Category: 'Source', Owner: 'AWS', Provider: 'CodeStarSourceConnection', Version: '1' }, Configuration: { ConnectionArn: Ref('GitHubConnectionArn'), FullRepositoryId: Ref('GitHubRepository'), BranchName: Ref('SourceBranch'), OutputArtifactFormat: 'CODE_ZIP' } };
  }
  parameters.CodeCommitRepositoryName = { Type: 'String', Default: code.codeCommitRepository, Description: 'Existing CodeCommit repository holding the bundle.', AllowedPattern: '^[\\w.-]{1,100}$' };
  return { ...base, ActionTypeId: { Category: 'Source', Owner: 'AWS', Provider: 'CodeCommit', Version: '1' }, Configuration: { RepositoryName: Ref('CodeCommitRepositoryName'), BranchName: Ref('SourceBranch'), PollForSourceChanges: false } };
}

function pipelineStatements(ctx: BuildContext): CfnValue[] {
  const statements: CfnValue[] = [
    { Sid: 'Artifacts', Effect: 'Allow', Action: ['s3:GetObject', 's3:GetObjectVersion', 's3:GetBucketVersioning', 's3:PutObject', 's3:ListBucket'], Resource: [GetAtt('ArtifactBucket', 'Arn'), Sub('${ArtifactBucket.Arn}/*')] },
    {
      Sid: 'Deploy', Effect: 'Allow',
      Action: ['codedeploy:CreateDeployment', 'codedeploy:GetApplication', 'codedeploy:GetApplicationRevision', 'codedeploy:GetDeployment', 'codedeploy:GetDeploymentConfig', 'codedeploy:RegisterApplicationRevision'],
      Resource: [
        Sub('arn:${AWS::Partition}:codedeploy:${AWS::Region}:${AWS::AccountId}:application:${CodeDeployApplication}'),
        Sub('arn:${AWS::Partition}:codedeploy:${AWS::Region}:${AWS::AccountId}:deploymentgroup:${CodeDeployApplication}/${DeploymentGroup}'),
        Sub('arn:${AWS::Partition}:codedeploy:${AWS::Region}:${AWS::AccountId}:deploymentconfig:*'),
      ],
    },
  ];
  if (ctx.options.code.source === 'github') statements.push({ Sid: 'UseConnection', Effect: 'Allow', Action: ['codestar-connections:UseConnection', 'codeconnections:UseConnection'], Resource: Ref('GitHubConnectionArn') });
  if (ctx.options.code.source === 'codecommit') {
    statements.push({
      Sid: 'ReadRepository', Effect: 'Allow',
      Action: ['codecommit:GetBranch', 'codecommit:GetCommit', 'codecommit:GetUploadArchiveStatus', 'codecommit:UploadArchive', 'codecommit:CancelUploadArchive'],
      Resource: Sub('arn:${AWS::Partition}:codecommit:${AWS::Region}:${AWS::AccountId}:${CodeCommitRepositoryName}'),
    });
  }
  return statements;
}

/** An EventBridge rule that starts the pipeline when the bundle is uploaded (S3) or the branch moves (CodeCommit). */
function sourceTrigger(ctx: BuildContext): Record<string, CfnValue> {
  const s3 = ctx.options.code.source === 's3';
  const pattern: CfnValue = s3
    ? { source: ['aws.s3'], 'detail-type': ['Object Created'], detail: { bucket: { name: [Ref('ArtifactBucket')] }, object: { key: [Ref('SourceObjectKey')] } } }
    : {
      source: ['aws.codecommit'], 'detail-type': ['CodeCommit Repository State Change'],
      resources: [Sub('arn:${AWS::Partition}:codecommit:${AWS::Region}:${AWS::AccountId}:${CodeCommitRepositoryName}')],
      detail: { event: ['referenceCreated', 'referenceUpdated'], referenceType: ['branch'], referenceName: [Ref('SourceBranch')] },
    };
  return {
    PipelineTriggerRole: {
      Type: 'AWS::IAM::Role',
      Properties: {
        AssumeRolePolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'events.amazonaws.com' }, Action: 'sts:AssumeRole' }] },
        Policies: [{ PolicyName: 'start-pipeline', PolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'codepipeline:StartPipelineExecution', Resource: Sub('arn:${AWS::Partition}:codepipeline:${AWS::Region}:${AWS::AccountId}:${Pipeline}') }] } }],
        Tags: tags('pipeline'),
      },
    },
    PipelineTrigger: {
      '//': s3 ? 'A new bundle version starts the pipeline (the S3 source does not poll).' : 'A push to the branch starts the pipeline (the CodeCommit source does not poll).',
      Type: 'AWS::Events::Rule',
      Properties: {
        Description: s3 ? 'Deploy a newly uploaded Moodle bundle' : 'Deploy a new commit of the Moodle bundle',
        EventPattern: pattern,
        Tags: tags('pipeline'),
        Targets: [{ Id: 'pipeline', Arn: Sub('arn:${AWS::Partition}:codepipeline:${AWS::Region}:${AWS::AccountId}:${Pipeline}'), RoleArn: GetAtt('PipelineTriggerRole', 'Arn') }],
      },
    },
  };
}
