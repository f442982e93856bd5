import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@aws-sdk/types';

/** Where the engine talks to: an AWS account through a profile, or a local endpoint (moto, LocalStack). */
export interface AwsTarget {
  region: string;
  /** A profile from the shared config/credentials files; absent means the SDK's default chain. */
  profile?: string;
  /** Sends every call here instead of AWS (http://127.0.0.1:PORT for moto). */
  endpointUrl?: string;
  /** Overrides the provider chain (tests, or a host that already resolved credentials). */
  credentials?: AwsCredentialIdentity | AwsCredentialIdentityProvider;
  /** SDK attempts per call, retries included (standard mode: exponential backoff with jitter). */
  maxAttempts?: number;
}

export const DEFAULT_MAX_ATTEMPTS = 6;

export function describeTarget(target: AwsTarget): string {
  const where = target.endpointUrl ? ` at ${target.endpointUrl}` : '';
  return `${target.profile ?? 'default credentials'} · ${target.region}${where}`;
}
