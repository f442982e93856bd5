import { Equals, If, Not, Ref, Sub, type CfnValue } from './intrinsics';
import { output, tags, type BuildContext, type Section } from './section';

/**
 * Moodle's outgoing mail (password resets, notifications): EC2 may not send on port 25, so Moodle
 * uses an SMTP relay on 587, Amazon SES in the stack's region or the school's own. The SMTP user
 * and password live in a Secrets Manager secret the operator fills in; the template never holds them.
 */
export function mailSection(ctx: BuildContext): Section {
  const { mail } = ctx.options;
  const parameters: Record<string, CfnValue> = {
    MailRelay: { Type: 'String', Default: mail.relay, AllowedValues: ['none', 'ses', 'smtp'], Description: 'ses: Amazon SES SMTP in this region (verify the sender identity first); smtp: your relay (MailSmtpHost); none: Moodle sends no mail.' },
    MailSmtpHost: { Type: 'String', Default: mail.smtpHost, AllowedPattern: '^[A-Za-z0-9.-]*$', Description: 'SMTP relay host name when MailRelay is smtp.' },
    MailSmtpPort: { Type: 'Number', Default: mail.smtpPort, MinValue: 1, MaxValue: 65535, Description: 'SMTP port (587: STARTTLS submission).' },
    MailNoReplyAddress: { Type: 'String', Default: mail.noReplyAddress, AllowedPattern: '^$|^[^@\\s]+@[^@\\s]+$', Description: "Moodle's no-reply sender address (an SES-verified identity with ses)." },
  };
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
  };
  return {
    parameters,
    conditions: { MailOn: Not(Equals(Ref('MailRelay'), 'none')), MailSes: Equals(Ref('MailRelay'), 'ses') },
    resources,
    outputs: { SmtpCredentialsSecretArn: { ...(output('Put the SMTP user and password here (aws secretsmanager put-secret-value).', Ref('SmtpCredentialsSecret')) as Record<string, CfnValue>), Condition: 'MailOn' } },
  };
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
