import { listProfiles, sharedFilePaths, type SharedFiles } from './profiles';

/**
 * Where the AWS SDK's default chain would find credentials on this machine without a network call,
 * or undefined when it would find none there: environment keys, a web identity token, a container
 * credentials endpoint, or the chosen profile in the shared files. (An EC2 instance role is only
 * found by asking the instance metadata service, so it cannot be seen from here.)
 */
export function localCredentialSource(profile: string | undefined, env: NodeJS.ProcessEnv = process.env, files: SharedFiles = sharedFilePaths(env)): string | undefined {
  if (env.AWS_ACCESS_KEY_ID && env.AWS_SECRET_ACCESS_KEY) return 'AWS_ACCESS_KEY_ID in the environment';
  if (env.AWS_WEB_IDENTITY_TOKEN_FILE) return 'AWS_WEB_IDENTITY_TOKEN_FILE in the environment';
  if (env.AWS_CONTAINER_CREDENTIALS_RELATIVE_URI || env.AWS_CONTAINER_CREDENTIALS_FULL_URI) return 'the container credentials endpoint';
  const name = profile || env.AWS_PROFILE || 'default';
  const found = listProfiles(files).find((p) => p.name === name);
  // A profile that only names a region holds no credentials.
  return found?.hasCredentials ? `profile ${name}` : undefined;
}
