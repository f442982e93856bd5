import { isCancellation } from '../common/cancellation';
import { isMhaError, MhaError } from '../common/errors';
import type { AwsTarget } from './aws-target';

interface SdkErrorShape {
  name?: string;
  message?: string;
  Code?: string;
  code?: string;
  $metadata?: { attempts?: number; httpStatusCode?: number };
  $fault?: string;
}

const THROTTLE = /^(Throttling|ThrottlingException|TooManyRequestsException|RequestLimitExceeded|SlowDown|RequestThrottled)$/;
const EXPIRED = /^(ExpiredToken|ExpiredTokenException|RequestExpired|TokenRefreshRequired)$/;
const DENIED = /^(AccessDenied|AccessDeniedException|UnauthorizedOperation|UnrecognizedClientException|InvalidClientTokenId|SignatureDoesNotMatch|AuthFailure)$/;

/** The SDK error's code, whichever field this client put it in. */
export function awsErrorCode(error: unknown): string | undefined {
  const e = error as SdkErrorShape | undefined;
  return e?.name ?? e?.Code ?? e?.code;
}

/**
 * Turns an SDK or credential-provider failure into an MhaError that says what to do next.
 * Cancellation and errors already mapped pass through unchanged.
 */
export function mapAwsError(error: unknown, target: Pick<AwsTarget, 'profile' | 'region' | 'endpointUrl'>, doing: string): unknown {
  if (isMhaError(error) || isCancellation(error)) return error;
  const e = (error ?? {}) as SdkErrorShape;
  const code = awsErrorCode(error) ?? '';
  const message = e.message ?? String(error);
  const profileFlag = target.profile ? ` --profile ${target.profile}` : '';

  if (/sso/i.test(message) && /(expired|invalid|refresh)/i.test(message) || code === 'TokenProviderError' && /sso/i.test(message)) {
    return new MhaError('aws.ssoExpired', `The AWS SSO session for ${target.profile ?? 'the default profile'} has expired.`, {
      nextStep: `Run 'aws sso login${profileFlag}', then try again.`, cause: error,
    });
  }
  if (code === 'CredentialsProviderError' || /could not load credentials/i.test(message)) {
    return new MhaError('aws.credentials', `No AWS credentials found${target.profile ? ` for profile '${target.profile}'` : ''}.`, {
      nextStep: target.profile
        ? `Check the profile in ~/.aws/config (for SSO: 'aws sso login${profileFlag}'), or pick another profile.`
        : "Run 'aws configure' (or 'aws configure sso'), or pick a profile.",
      cause: error,
    });
  }
  if (EXPIRED.test(code)) {
    return new MhaError('aws.ssoExpired', `The AWS credentials have expired (${code}) while ${doing}.`, {
      nextStep: `Refresh them: 'aws sso login${profileFlag}' for an SSO profile, or renew the session keys.`, cause: error,
    });
  }
  if (DENIED.test(code) || /not authorized to perform/i.test(message)) {
    return new MhaError('aws.accessDenied', `Access denied while ${doing}: ${message}`, {
      nextStep: 'Use a profile whose role may do this, or ask your AWS administrator for the permission named above.', cause: error,
    });
  }
  if (THROTTLE.test(code) || /rate exceeded/i.test(message)) {
    const attempts = e.$metadata?.attempts;
    return new MhaError('aws.throttled', `AWS kept throttling the requests while ${doing}${attempts ? ` (gave up after ${attempts} attempts with backoff)` : ''}.`, {
      nextStep: 'Wait a minute and try again; other tools in this account may be calling the same API.', cause: error,
    });
  }
  if (/ENOTFOUND|EAI_AGAIN|UnknownEndpoint|getaddrinfo/.test(`${code} ${message}`)) {
    return new MhaError('aws.invalidInput', `Cannot reach CloudFormation in region '${target.region}'.`, {
      nextStep: 'Check the region name (e.g. eu-west-1); the service may not be offered there, or the network is down.', cause: error,
    });
  }
  if (/ECONNREFUSED|ECONNRESET/.test(`${code} ${message}`) && target.endpointUrl) {
    return new MhaError('aws.invalidInput', `Nothing answers at the endpoint override ${target.endpointUrl}.`, {
      nextStep: 'Start moto_server or LocalStack there, or clear the moodleHa.aws.endpointUrl setting.', cause: error,
    });
  }
  if (code === 'ValidationError' && /stackname|stack name|regular expression pattern/i.test(message)) {
    return new MhaError('aws.invalidInput', `CloudFormation rejected the stack name: ${message}`, {
      nextStep: 'Use letters, digits and hyphens, starting with a letter, at most 128 characters.', cause: error,
    });
  }
  if (code === 'ValidationError' || code === 'InsufficientCapabilitiesException' || code === 'AlreadyExistsException') {
    return new MhaError('aws.invalidInput', `CloudFormation refused while ${doing}: ${message}`, { cause: error });
  }
  return new MhaError('internal', `AWS call failed while ${doing}: ${code ? `${code}: ` : ''}${message}`, { cause: error, userFixable: false });
}

/** Stack names CloudFormation accepts, checked before any call. */
export function checkStackName(name: string): void {
  if (!/^[A-Za-z][A-Za-z0-9-]{0,127}$/.test(name)) {
    throw new MhaError('aws.invalidInput', `'${name}' is not a valid stack name.`, {
      nextStep: 'Use letters, digits and hyphens, starting with a letter, at most 128 characters.',
    });
  }
}

export function isStackMissing(error: unknown): boolean {
  return awsErrorCode(error) === 'ValidationError' && /does not exist/i.test((error as Error).message ?? '');
}
