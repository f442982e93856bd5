import { Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { MoodleHa } from './moodle-ha';

export class MoodleHaStack extends Stack {
  readonly moodle: MoodleHa;

  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);
    this.moodle = new MoodleHa(this, 'Moodle');
    // Customise through the construct, e.g.:
    // this.moodle.autoScalingGroup.maxSize = '12';
  }
}
