#!/usr/bin/env node
import { App } from 'aws-cdk-lib';
import { MoodleHaStack } from '../lib/moodle-ha-stack';

const app = new App();
new MoodleHaStack(app, app.node.tryGetContext('stackName') ?? 'MoodleHa', {
  // The template resolves AZs and the AMI at deploy time, so the account can stay open.
  env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION ?? 'eu-west-1' },
  description: 'Highly-available Moodle (moodle-ha scaffold, CDK)',
});
