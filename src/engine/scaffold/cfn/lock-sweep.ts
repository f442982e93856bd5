import { GetAtt, Ref, Sub, type CfnValue } from './intrinsics';
import { OPS_DIR } from './operations';
import { output, tags, type BuildContext, type Section } from './section';

/** The SSM parameter that carries the promotion time; SSM checks it before the shell sees it. */
const PROMOTED_AT: CfnValue = {
  type: 'String', allowedPattern: '^[0-9]{13}$',
  description: "The session cache's promotion (Unix milliseconds): locks taken before it are deleted, never those taken after.",
};

/**
 * The failover lock sweep (Redis/Valkey sessions only). A failover drops every connection to the
 * old primary, so each session lock replicated to the promoted node has lost its holder and would
 * stall its user until it expires. ElastiCache publishes FailoverComplete to the replication group's
 * NotificationTopicArn; a small Lambda sends the bundle's ops/sweep-session-locks.php to the web
 * servers through SSM Run Command (they alone reach the cache and read config.php), with the
 * notification's time as the cutoff. No VPC for the Lambda: it only calls the SSM API.
 */
export function lockSweepSection(ctx: BuildContext): Section {
  if (ctx.options.cache.engine === 'memcached') return { resources: {} };
  const resources: Record<string, CfnValue> = {
    SessionFailoverTopic: {
      '//': "Failover lock sweep: ElastiCache's notifications for the session cache → LockSweepFunction → SessionLockSweepDocument on the web servers.",
      Type: 'AWS::SNS::Topic',
      // Not encrypted, on purpose: ElastiCache cannot publish to an encrypted topic (its notifications
      // carry only event names and node ids).
      Properties: { DisplayName: 'Moodle session cache events', Tags: tags('cache-events') },
    },
    SessionFailoverTopicPolicy: {
      Type: 'AWS::SNS::TopicPolicy',
      Properties: {
        Topics: [Ref('SessionFailoverTopic')],
        PolicyDocument: {
          Version: '2012-10-17',
          Statement: [{
            // ElastiCache publishes on the account's behalf and is admitted by AWS:SourceOwner only
            // (its documentation: a policy on aws:SourceAccount, SNS's newer default, stops it).
            Sid: 'ElastiCacheEventsFromThisAccount', Effect: 'Allow', Principal: { AWS: '*' }, Action: 'sns:Publish',
            Resource: Ref('SessionFailoverTopic'), Condition: { StringEquals: { 'AWS:SourceOwner': Ref('AWS::AccountId') } },
          }],
        },
      },
    },
    SessionLockSweepDocument: {
      Type: 'AWS::SSM::Document',
      Properties: {
        DocumentType: 'Command', DocumentFormat: 'YAML',
        Content: {
          schemaVersion: '2.2',
          description: "Failover lock sweep: deletes the Moodle session locks taken before the session cache's promotion (their holders died with the old primary's connections).",
          parameters: { PromotedAt: PROMOTED_AT },
          mainSteps: [{
            action: 'aws:runShellScript', name: 'sweep-session-locks',
            inputs: {
              timeoutSeconds: '120',
              runCommand: ['set -euo pipefail', `source ${OPS_DIR}/common.sh`, `as_web_user "$MOODLE_PHP" ${OPS_DIR}/sweep-session-locks.php "$MOODLE_CODE_DIR" --promoted-at "{{PromotedAt}}"`],
            },
          }],
        },
        Tags: tags('ops-sweep-session-locks'),
      },
    },
    LockSweepLogGroup: {
      Type: 'AWS::Logs::LogGroup', DeletionPolicy: 'Delete', UpdateReplacePolicy: 'Delete',
      Properties: { RetentionInDays: 30, Tags: tags('lock-sweep') },
    },
    LockSweepRole: {
      Type: 'AWS::IAM::Role',
      Properties: {
        AssumeRolePolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }] },
        Policies: [{
          PolicyName: 'moodle-lock-sweep',
          PolicyDocument: {
            Version: '2012-10-17',
            Statement: [
              { Sid: 'RunTheSweepDocument', Effect: 'Allow', Action: 'ssm:SendCommand', Resource: Sub('arn:${AWS::Partition}:ssm:${AWS::Region}:${AWS::AccountId}:document/${SessionLockSweepDocument}') },
              {
                Sid: 'OnTheWebServersOnly', Effect: 'Allow', Action: 'ssm:SendCommand',
                Resource: Sub('arn:${AWS::Partition}:ec2:${AWS::Region}:${AWS::AccountId}:instance/*'),
                Condition: { StringEquals: { 'ssm:resourceTag/aws:autoscaling:groupName': Ref('WebAutoScalingGroup') } },
              },
              { Sid: 'OwnLogGroup', Effect: 'Allow', Action: ['logs:CreateLogStream', 'logs:PutLogEvents'], Resource: GetAtt('LockSweepLogGroup', 'Arn') },
            ],
          },
        }],
        Tags: tags('lock-sweep'),
      },
    },
    LockSweepFunction: {
      Type: 'AWS::Lambda::Function',
      Properties: {
        Description: "Runs the failover lock sweep on the web servers when the session cache's primary fails over",
        Runtime: 'python3.12', Handler: 'index.handler', Timeout: 30, MemorySize: 128,
        Role: GetAtt('LockSweepRole', 'Arn'),
        LoggingConfig: { LogGroup: Ref('LockSweepLogGroup') },
        Environment: { Variables: { SWEEP_DOCUMENT: Ref('SessionLockSweepDocument'), WEB_GROUP: Ref('WebAutoScalingGroup') } },
        Code: { ZipFile: LOCK_SWEEP_HANDLER },
        Tags: tags('lock-sweep'),
      },
    },
    LockSweepInvokePermission: {
      Type: 'AWS::Lambda::Permission',
      Properties: { Action: 'lambda:InvokeFunction', FunctionName: Ref('LockSweepFunction'), Principal: 'sns.amazonaws.com', SourceArn: Ref('SessionFailoverTopic') },
    },
    LockSweepSubscription: {
      Type: 'AWS::SNS::Subscription',
      Properties: { TopicArn: Ref('SessionFailoverTopic'), Protocol: 'lambda', Endpoint: GetAtt('LockSweepFunction', 'Arn') },
    },
  };
  return {
    resources,
    outputs: { SessionLockSweepDocumentName: output("Runs by itself on a session cache failover; by hand: aws ssm send-command --document-name <this> --targets Key=tag:aws:autoscaling:groupName,Values=<web group> --parameters PromotedAt=<Unix ms>.", Ref('SessionLockSweepDocument')) },
  };
}

/**
 * The Lambda: FailoverComplete only (the topic also carries maintenance and scaling events). Every
 * web server runs the sweep in turn (MaxConcurrency 1): the first that reaches the new primary does
 * the work, the others find nothing, and one broken server does not stop the rest. The cutoff is the
 * notification's own Timestamp, so a late or retried delivery never sweeps newer locks.
 */
export const LOCK_SWEEP_HANDLER = `import datetime
import json
import os

import boto3

ssm = boto3.client("ssm")


def handler(event, context):
    for record in event.get("Records", []):
        sns = record.get("Sns", {})
        try:
            message = json.loads(sns.get("Message", ""))
        except ValueError:
            continue
        if not isinstance(message, dict) or "ElastiCache:FailoverComplete" not in message:
            continue
        at = datetime.datetime.strptime(sns["Timestamp"], "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=datetime.timezone.utc)
        promoted_at = str(int(at.timestamp() * 1000))
        sent = ssm.send_command(
            DocumentName=os.environ["SWEEP_DOCUMENT"],
            Targets=[{"Key": "tag:aws:autoscaling:groupName", "Values": [os.environ["WEB_GROUP"]]}],
            MaxConcurrency="1",
            MaxErrors="100%",
            TimeoutSeconds=60,
            Parameters={"PromotedAt": [promoted_at]},
            Comment="failover lock sweep: " + json.dumps(message)[:70],
        )
        print("sweep sent", sent["Command"]["CommandId"], "promoted at", promoted_at, message)
`;
