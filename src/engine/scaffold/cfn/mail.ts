import type { ScaffoldOptions } from '../options';
import { And, Equals, If, Not, Ref, Sub, type CfnValue } from './intrinsics';
import { output, tags, type BuildContext, type Section } from './section';

/**
 * Moodle's outgoing mail (password resets, notifications): EC2 may not send on port 25, so Moodle
 * uses an SMTP relay on 587, Amazon SES in the stack's region or the school's own. The SMTP user
 * and password live in a Secrets Manager secret the operator fills in; the template never holds them.
 */
export function mailSection(ctx: BuildContext): Section {
  const { mail } = ctx.options;
  const parameters: Record<string, CfnValue> = {
    MailRelay: { Type: 'String', Default: mail.relay, AllowedValues: ['none', 'ses', 'smtp'], Description: 'ses: Amazon SES SMTP in this region (the stack creates the SES identity; see the MailNextSteps output); smtp: your relay (MailSmtpHost); none: Moodle sends no mail.' },
    MailSmtpHost: { Type: 'String', Default: mail.smtpHost, AllowedPattern: '^[A-Za-z0-9.-]*$', Description: 'SMTP relay host name when MailRelay is smtp.' },
    MailSmtpPort: { Type: 'Number', Default: mail.smtpPort, MinValue: 1, MaxValue: 65535, Description: 'SMTP port (587: STARTTLS submission).' },
    MailNoReplyAddress: { Type: 'String', Default: mail.noReplyAddress, AllowedPattern: '^$|^[^@\\s]+@[^@\\s]+$', Description: "Moodle's no-reply sender address (an SES-verified identity with ses)." },
  };
  const identity = sesIdentity(ctx.options);
  const identityParameter = identity.kind === 'domain' ? 'MailSesDomain' : 'MailSesAddress';
  parameters[identityParameter] = identity.kind === 'domain'
    ? { Type: 'String', Default: identity.value, AllowedPattern: '^$|^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$', Description: 'With MailRelay ses: the domain SES verifies and signs for (DKIM); Moodle may then send from any address at it. Empty: verify a sender in SES yourself.' }
    : { Type: 'String', Default: identity.value, AllowedPattern: '^$|^[^@\\s]+@[^@\\s]+$', Description: 'With MailRelay ses: the one sender address SES verifies (SES mails it a link to follow). Empty: verify a sender in SES yourself.' };
  const resources: Record<string, CfnValue> = {
    SmtpCredentialsSecret: {
      '//': 'Mail: the SMTP user and password (for SES: SMTP credentials from the SES console). Replace the generated placeholder with put-secret-value.',
      Type: 'AWS::SecretsManager::Secret', Condition: 'MailOn', DeletionPolicy: 'Delete', UpdateReplacePolicy: 'Delete',
      Properties: {
        Description: Sub('${AWS::StackName}: SMTP credentials for Moodle mail ({"username": ..., "password": ...}); replace the placeholder.'),
        GenerateSecretString: { SecretStringTemplate: '{"username":"replace-me"}', GenerateStringKey: 'password', ExcludePunctuation: true, PasswordLength: 32 },
        Tags: tags('smtp'),
      },
    },
    MailIdentity: {
      '//': identity.kind === 'domain'
        ? 'Mail: SES verifies the domain when its DNS has the three DKIM CNAME records of the outputs (Easy DKIM), then signs every message.'
        : 'Mail: SES mails the address a verification link; until it is followed, SES refuses to send from it.',
      Type: 'AWS::SES::EmailIdentity', Condition: 'MailSesIdentityOn',
      Properties: {
        EmailIdentity: Ref(identityParameter),
        ...(identity.kind === 'domain' ? { DkimSigningAttributes: { NextSigningKeyLength: 'RSA_2048_BIT' }, DkimAttributes: { SigningEnabled: true } } : {}),
        Tags: tags('mail'),
      },
    },
  };
  const outputs: Record<string, CfnValue> = {
    SmtpCredentialsSecretArn: { ...(output('Put the SMTP user and password here (aws secretsmanager put-secret-value).', Ref('SmtpCredentialsSecret')) as Record<string, CfnValue>), Condition: 'MailOn' },
    MailNextSteps: { ...(output('What SES needs before Moodle\'s mail is delivered.', identity.kind === 'domain'
      ? Sub('Add the three MailDkimRecord CNAME records to the DNS of ${MailSesDomain}; SES verifies the domain when it sees them (up to 72 hours). ' + SANDBOX)
      : Sub('Follow the link SES mailed to ${MailSesAddress}. ' + SANDBOX)) as Record<string, CfnValue>), Condition: 'MailSesIdentityOn' },
  };
  if (identity.kind === 'domain') {
    for (const n of [1, 2, 3]) {
      outputs[`MailDkimRecord${n}`] = { ...(output(`DKIM record ${n} of 3 for SES: a CNAME, name then value.`, Sub(`\${MailIdentity.DkimDNSTokenName${n}} CNAME \${MailIdentity.DkimDNSTokenValue${n}}`)) as Record<string, CfnValue>), Condition: 'MailSesIdentityOn' };
    }
  }
  return {
    parameters,
    conditions: {
      MailOn: Not(Equals(Ref('MailRelay'), 'none')),
      MailSes: Equals(Ref('MailRelay'), 'ses'),
      MailSesIdentityOn: And(Equals(Ref('MailRelay'), 'ses'), Not(Equals(Ref(identityParameter), ''))),
    },
    resources,
    outputs,
  };
}

const SANDBOX = 'A new SES account is in the sandbox (mail only to verified addresses, 200 a day): request production access (SES console, or aws sesv2 put-account-details --production-access-enabled). Then store SMTP credentials in SmtpCredentialsSecretArn.';

/**
 * What SES verifies: the sender's domain (or the site's) when the site has a domain, verified by
 * DKIM records the school adds to its DNS; without a domain, the one no-reply address, verified by
 * a link SES mails to it. Decided here, as the DKIM outputs exist only for a domain.
 */
export function sesIdentity(options: ScaffoldOptions): { kind: 'domain' | 'address'; value: string } {
  const sender = options.mail.noReplyAddress;
  const senderDomain = sender.includes('@') ? sender.split('@')[1].toLowerCase() : '';
  if (options.domain.name) return { kind: 'domain', value: senderDomain || options.domain.name.toLowerCase() };
  if (sender) return { kind: 'address', value: sender };
  return { kind: 'domain', value: '' };
}

/** moodle.env lines (inside the user data's Fn::Sub): empty when no relay is configured. */
export function mailEnv(_ctx: BuildContext): { lines: string[]; vars: Record<string, CfnValue> } {
  const host = If('MailSes', Sub('email-smtp.${AWS::Region}.${AWS::URLSuffix}'), Ref('MailSmtpHost'));
  return {
    lines: ['${MailSettings}'],
    vars: {
      MailSettings: If('MailOn', Sub('MOODLE_SMTP_HOST=${Host}\nMOODLE_SMTP_PORT=${MailSmtpPort}\nMOODLE_SMTP_SECRET_ARN=${SmtpCredentialsSecret}\nMOODLE_NOREPLY_ADDRESS=${MailNoReplyAddress}', { Host: host }), '# no mail relay (MailRelay=none)'),
    },
  };
}
