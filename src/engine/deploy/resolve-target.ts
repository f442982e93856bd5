import { MhaError } from '../common/errors';
import type { AwsTarget } from './aws-target';
import { checkEndpoint } from './endpoint-policy';
import { profileRegion, sharedFilePaths } from './profiles';

/**
 * The target from explicit choices (flag or setting), then the environment the AWS CLI honours,
 * then the profile's own region. No region at all is an error that says how to give one.
 */
export function resolveTarget(choice: { profile?: string; region?: string; endpointUrl?: string }, env: NodeJS.ProcessEnv = process.env): AwsTarget {
  const profile = choice.profile || env.AWS_PROFILE || undefined;
  const region = choice.region || env.AWS_REGION || env.AWS_DEFAULT_REGION || profileRegion(profile, sharedFilePaths(env));
  if (!region) {
    throw new MhaError('usage', 'No AWS region given.', {
      nextStep: `Pass --region (e.g. --region eu-west-1), set AWS_REGION, or add 'region = …' to ${profile ? `profile ${profile}` : 'the default profile'} in ~/.aws/config.`,
    });
  }
  const endpointUrl = choice.endpointUrl || env.MOODLE_HA_AWS_ENDPOINT_URL || undefined;
  if (endpointUrl) checkEndpoint(endpointUrl);
  return { profile, region, endpointUrl };
}
