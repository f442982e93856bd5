import * as fs from 'node:fs';
import * as path from 'node:path';
import { MhaError } from '../../engine/common/errors';
import type { CliCommand, CliContext } from '../cli-command';
import { ExitCode } from '../cli-command';
import { parseCommandArgs } from '../parse-args';
import { Journal } from '../../engine/migrate/journal';
import { takeFromFiles } from '../../engine/migrate/take/take-files';
import { takeOverSsh } from '../../engine/migrate/take/take-ssh';
import { parseSshAddress } from '../../engine/migrate/ssh/ssh-session';
import { forgetHost } from '../../engine/migrate/ssh/host-keys';
import { STEP, type MigrateContext } from '../../engine/migrate/take/take-context';
import { describeChanges, type SourceInventory } from '../../engine/migrate/inventory';
import { checkSite } from '../../engine/migrate/check/check-site';
import { targetFacts } from '../../engine/migrate/check/target-facts';
import { formatFindings, refusals } from '../../engine/migrate/check/finding';
import { rehearse } from '../../engine/migrate/rehearse/rehearse';
import { formatRehearsal, rehearsalPassed } from '../../engine/migrate/report';
import { createDockerClient } from '../../engine/sim/docker/docker-client';
import { locateSimAssets } from '../../engine/sim/sim-assets';
import { readReplica } from '../../engine/sim/replica/replica-state';
import { DEFAULT_PROJECT } from '../../engine/sim/plan/replica-plan';
import { readVersion } from '../../engine/migrate/take/read-code';
import { createAwsClientFactory } from '../../engine/deploy/aws-clients';
import { resolveTarget } from '../../engine/deploy/resolve-target';
import { restoreOnStack } from '../../engine/migrate/cutover/restore-on-stack';
import { formatSiteMessage } from './site';

const usage = `Usage: moodle-ha migrate <subcommand> --work DIR [options]

Moves a single-server Moodle into the HA design: take → check → rehearse in the local replica.
Every step is journalled in the work folder: run a command again and it goes on where it stopped.

Subcommands:
  take     --ssh USER@HOST[:PORT] --key FILE [--code-dir /var/www/moodle] [--accept-host-key SHA256:…]
           or --dump FILE.sql[.gz] --moodledata FILE.tar[.gz] --code DIR
           copies (SSH) or reads (files) the site, prints what it found and what will change
  check    [--target-code DIR]   refusals and warnings before anything moves (exit 1 on a refusal)
  rehearse [--target-code DIR] [--login USER]…   restore into the running replica (--project), verify,
           upgrade when the target is newer, try the logins (password: MHA_MIGRATE_LOGIN_PASSWORD)
  run      take + check + rehearse, stopping at the first refusal
  cutover  --stack NAME --bucket BUCKET --account ID --name SITE [--profile P] [--region R] [--endpoint-url URL]
           uploads the taken site to the stack's artifact bucket (migrate/SITE) and restores it on one
           web server through the stack's MigrateRestoreDocument, verified there; each step once
           (not built yet: maintenance on the source, the final take, the DNS switch, finish/rollback)
  forget-host HOST:PORT          drop a trusted SSH host key (after you checked the new one)

The target code defaults to the replica's: the probe app, or the Moodle folder it was started with.
Options: --project NAME (replica, default ${DEFAULT_PROJECT}), --format text|json, --verbose`;

export const migrateCommand: CliCommand = {
  name: 'migrate',
  summary: 'Migrate a single-server Moodle: take, check, rehearse in the replica',
  usage,
  async run(args, context) {
    const [sub, ...rest] = args;
    const { values, positionals } = parseCommandArgs('migrate', rest, {
      work: { type: 'string' },
      ssh: { type: 'string' },
      key: { type: 'string' },
      'code-dir': { type: 'string', default: '/var/www/moodle' },
      'accept-host-key': { type: 'string' },
      dump: { type: 'string' },
      moodledata: { type: 'string' },
      code: { type: 'string' },
      'target-code': { type: 'string' },
      project: { type: 'string', default: DEFAULT_PROJECT },
      login: { type: 'string', multiple: true },
      format: { type: 'string', default: 'text' },
      stack: { type: 'string' }, bucket: { type: 'string' }, account: { type: 'string' }, name: { type: 'string' },
      profile: { type: 'string' }, region: { type: 'string' }, 'endpoint-url': { type: 'string' },
    });
    if (!values.work) throw new MhaError('usage', 'No --work folder given.', { nextStep: 'Pass --work DIR: the folder where the migration keeps its journal and copies (it needs room for the dump and moodledata).' });
    const work = path.resolve(context.cwd, values.work as string);
    const journal = Journal.open(work);
    const ctx: MigrateContext = { journal, logger: context.logger, signal: context.signal, progress: (p) => context.err(`${p.message}\n`) };
    const v = values as Record<string, unknown>;
    switch (sub) {
      case 'take': { const inv = await take(ctx, context, v); printTake(context, inv); return ExitCode.ok; }
      case 'check': return (await check(ctx, context, v, requireInventory(journal))) ? ExitCode.ok : ExitCode.findings;
      case 'rehearse': return rehearseStep(ctx, context, v, requireInventory(journal));
      case 'run': {
        const inv = await take(ctx, context, v);
        printTake(context, inv);
        if (!(await check(ctx, context, v, inv))) return ExitCode.findings;
        return rehearseStep(ctx, context, v, inv);
      }
      case 'cutover': return cutoverStep(ctx, context, v, requireInventory(journal));
      case 'forget-host': {
        const endpoint = positionals[0];
        if (!endpoint) throw new MhaError('usage', 'Which host? Give HOST:PORT.', { nextStep: "Run 'moodle-ha migrate --help'." });
        context.out(forgetHost(journal.file('known_hosts.json'), endpoint) ? `Forgot the host key of ${endpoint}.\n` : `No key was trusted for ${endpoint}.\n`);
        return ExitCode.ok;
      }
      default:
        throw new MhaError('usage', sub ? `Unknown migrate subcommand '${sub}'.` : 'No migrate subcommand given.', { nextStep: "Run 'moodle-ha migrate --help'." });
    }
  },
};

async function take(ctx: MigrateContext, context: CliContext, v: Record<string, unknown>): Promise<SourceInventory> {
  if (v.ssh) {
    if (!v.key) throw new MhaError('usage', 'Taking over SSH needs --key FILE (the private key that logs in to the source).');
    const address = parseSshAddress(v.ssh as string);
    return takeOverSsh(ctx, { ...address, privateKeyFile: path.resolve(context.cwd, v.key as string), codeDir: v['code-dir'] as string, acceptHostKey: v['accept-host-key'] as string | undefined });
  }
  if (v.dump || v.moodledata || v.code) {
    if (!v.dump || !v.moodledata || !v.code) throw new MhaError('usage', 'Taking from files needs all three: --dump, --moodledata and --code.');
    const r = (x: unknown) => path.resolve(context.cwd, x as string);
    return takeFromFiles(ctx, { dump: r(v.dump), moodledata: r(v.moodledata), code: r(v.code) });
  }
  const done = ctx.journal.result<SourceInventory>(STEP.inventory);
  if (done) return done;
  throw new MhaError('usage', 'Take from where? Give --ssh USER@HOST (with --key) or --dump, --moodledata and --code.');
}

function requireInventory(journal: Journal): SourceInventory {
  const inv = journal.result<SourceInventory>(STEP.inventory);
  if (!inv) throw new MhaError('usage', 'Nothing was taken into this work folder yet.', { nextStep: "Run 'moodle-ha migrate take --work <same folder> …' first." });
  return inv;
}

function printTake(context: CliContext, inv: SourceInventory): void {
  const s = inv.config.settings;
  context.out([
    `Source: ${inv.origin}`,
    `  Moodle ${inv.version.release || '?'} (version ${inv.version.version}${inv.database.moodleVersion && inv.database.moodleVersion !== inv.version.version ? `, database ${inv.database.moodleVersion}` : ''})${inv.phpVersion ? `, PHP ${inv.phpVersion}` : ''}`,
    `  database ${s.dbtype} ${inv.database.serverVersion ?? ''}: ${Object.keys(inv.database.tables).length} tables, ${inv.database.rows.toLocaleString('en')} rows, dump ${(inv.database.bytes / 1024 ** 2).toFixed(1)} MB`,
    `  moodledata ${s.dataroot}: ${inv.moodledata.files.toLocaleString('en')} files, ${(inv.moodledata.bytes / 1024 ** 2).toFixed(1)} MB, ${inv.moodledata.poolHashes.length.toLocaleString('en')} in the file pool`,
    `  ${inv.plugins.length} plugin(s) in the code; config.php secrets kept out of the work folder: ${inv.config.secretNames.join(', ') || 'none'}`,
    'What will change:',
    ...describeChanges(inv, { dbFamily: inv.database.family === 'postgres' ? 'PostgreSQL' : 'Aurora MySQL / MariaDB' }).map((c) => `  - ${c}`),
    '',
  ].join('\n'));
}

async function targetCodeDir(v: Record<string, unknown>, context: CliContext): Promise<string> {
  if (v['target-code']) return path.resolve(context.cwd, v['target-code'] as string);
  const state = await readReplica(createDockerClient(), v.project as string).catch(() => undefined);
  if (state?.plan.app.kind === 'moodle') return state.plan.app.dir;
  return path.join(locateSimAssets(), 'probe');
}

async function check(ctx: MigrateContext, context: CliContext, v: Record<string, unknown>, inv: SourceInventory): Promise<boolean> {
  const codeDir = await targetCodeDir(v, context);
  const facts = await targetFacts({ codeDir, workDir: ctx.journal.dir, docker: createDockerClient(), project: v.project as string, workBytesNeeded: 0 });
  const findings = checkSite(inv, facts);
  for (const note of facts.notes) context.err(`note: ${note}\n`);
  if (v.format === 'json') context.out(JSON.stringify(findings, null, 2) + '\n');
  else context.out(`Check against ${codeDir} (version ${facts.version.version}), PHP ${facts.phpVersion}, ${facts.db.vendor} ${facts.db.version}:\n${formatFindings(findings) || '  nothing to refuse or warn about\n'}`);
  const refused = refusals(findings);
  if (refused.length) context.err(`${refused.length} refusal(s): nothing was moved. Fix them, then run the same command again.\n`);
  return refused.length === 0;
}

async function rehearseStep(ctx: MigrateContext, context: CliContext, v: Record<string, unknown>, inv: SourceInventory): Promise<number> {
  const codeDir = await targetCodeDir(v, context);
  if (!fs.existsSync(path.join(codeDir, 'version.php'))) throw new MhaError('usage', `${codeDir} has no version.php.`);
  const password = context.env.MHA_MIGRATE_LOGIN_PASSWORD;
  const users = (v.login as string[] | undefined) ?? [];
  if (users.length && !password) throw new MhaError('usage', '--login needs the password in MHA_MIGRATE_LOGIN_PASSWORD (never on the command line).');
  const result = await rehearse(ctx, inv, {
    docker: createDockerClient(), project: v.project as string, targetVersion: readVersion(codeDir).version,
    logins: users.map((username) => ({ username, password: password! })),
  });
  context.out(v.format === 'json' ? JSON.stringify(result, null, 2) + '\n' : formatRehearsal(inv, result));
  return rehearsalPassed(result) ? ExitCode.ok : ExitCode.findings;
}

async function cutoverStep(ctx: MigrateContext, context: CliContext, v: Record<string, unknown>, inv: SourceInventory): Promise<number> {
  for (const need of ['stack', 'bucket', 'account', 'name']) {
    if (!v[need]) throw new MhaError('usage', `migrate cutover needs --${need}.`, { nextStep: "Run 'moodle-ha migrate --help'." });
  }
  const target = resolveTarget({ profile: v.profile as string, region: v.region as string, endpointUrl: v['endpoint-url'] as string }, context.env);
  const aws = createAwsClientFactory(target, context.logger);
  const result = await restoreOnStack(ctx, inv, {
    stackName: v.stack as string, bucket: v.bucket as string, account: v.account as string, name: v.name as string,
    s3: aws.s3(), aws, emit: (m) => context.err(`${formatSiteMessage(m)}\n`),
  });
  context.out(`Uploaded ${result.upload.uploaded} object(s) (${result.upload.skipped} already there); restored and verified on ${result.restore.instanceId}:\n${result.restore.summary}\n`);
  return ExitCode.ok;
}
