import { defineRule } from '../../rule';

export const databasePasswordSecret = defineRule({
  id: 'MHA3007',
  name: 'database-password-secret',
  category: 'database',
  defaultSeverity: 'error',
  description: 'The master password comes from Secrets Manager (ManageMasterUserPassword or a dynamic reference), never from the template text.',
  check({ topology, report }) {
    const db = topology.database;
    if (!db.found || db.kind === 'on-web-servers' || !db.passwordPath) return;
    const fix = 'Set ManageMasterUserPassword: true (RDS keeps it in Secrets Manager and rotates it) or use \'{{resolve:secretsmanager:<secret>:SecretString:password}}\'.';
    const param = db.passwordParameter;
    switch (db.passwordSource) {
      case 'literal':
        report({ path: db.passwordPath, message: `The database master password is written in the template, so everyone who can read it (and every stack event) has it. ${fix}` });
        return;
      case 'parameter-default':
        report({ path: db.passwordPath, message: `The database master password comes from parameter ${param?.name}, which has a Default: the password is in the template text. ${fix}` });
        return;
      case 'parameter-noecho':
        report({ path: db.passwordPath, severity: 'info', message: `The database master password is a NoEcho parameter (${param?.name}): it is hidden, but never rotated and must be typed at each deploy. ${fix}` });
        return;
      default:
        if (param && !param.noEcho) {
          report({ path: db.passwordPath, severity: 'warning', message: `The database master password comes from parameter ${param.name} without NoEcho: console and API calls show it in clear. ${fix}` });
        }
    }
  },
});
