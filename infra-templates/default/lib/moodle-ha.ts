import * as path from 'node:path';
import type { aws_autoscaling as autoscaling, aws_ec2 as ec2, aws_elasticloadbalancingv2 as elbv2 } from 'aws-cdk-lib';
import { CfnResource } from 'aws-cdk-lib';
import { CfnInclude } from 'aws-cdk-lib/cloudformation-include';
import { Construct } from 'constructs';

export interface MoodleHaProps {
  /** The template the scaffolder wrote; regenerate it with moodle-ha rather than editing it. */
  templateFile?: string;
  /** Parameter values that replace the template's parameters at synth time. */
  parameters?: Record<string, string | number>;
}

/**
 * Highly-available Moodle: VPC over several AZs, ALB, Auto Scaling web tier, shared moodledata,
 * Multi-AZ database, session cache, CodePipeline + CodeDeploy. Built on infra/moodle-ha.yaml with
 * cloudformation-include, so the CDK app and the CloudFormation template are the same stack.
 */
export class MoodleHa extends Construct {
  readonly template: CfnInclude;

  constructor(scope: Construct, id: string, props: MoodleHaProps = {}) {
    super(scope, id);
    this.template = new CfnInclude(this, 'Template', {
      templateFile: props.templateFile ?? path.join(__dirname, '..', 'infra', 'moodle-ha.yaml'),
      parameters: props.parameters,
    });
  }

  get vpc(): ec2.CfnVPC { return this.template.getResource('Vpc') as ec2.CfnVPC; }
  get loadBalancer(): elbv2.CfnLoadBalancer { return this.template.getResource('LoadBalancer') as elbv2.CfnLoadBalancer; }
  get autoScalingGroup(): autoscaling.CfnAutoScalingGroup { return this.template.getResource('WebAutoScalingGroup') as autoscaling.CfnAutoScalingGroup; }
  get launchTemplate(): ec2.CfnLaunchTemplate { return this.template.getResource('WebLaunchTemplate') as ec2.CfnLaunchTemplate; }

  /** Any resource of the template by its logical id (e.g. 'Database', 'SessionCache', 'Pipeline'). */
  resource(logicalId: string): CfnResource {
    return this.template.getResource(logicalId);
  }
}
