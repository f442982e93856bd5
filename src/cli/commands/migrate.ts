import * as fs from 'node:fs';
import * as path from 'node:path';
import { MhaError } from '../../engine/common/errors';
import type { CliCommand, CliContext } from '../cli-command';
import { ExitCode } from '../cli-command';
import { parseCommandArgs } from '../parse-args';
import { Journal } from '../../engine/migrate/journal';
import { takeFromFiles } from '../../engine/migrate/take/take-files';
import { takeOverSsh, type SshSource } from '../../engine/migrate/take/take-ssh';
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
import { createAwsClientFactory, type AwsClientFactory } from '../../engine/deploy/aws-clients';
import { describeStack } from '../../engine/deploy/stack-reader';
import { mapAwsError } from '../../engine/deploy/map-aws-error';
import { applyDnsSwitch, describeDnsSwitch, DNS_STEP, planDnsSwitch } from '../../engine/migrate/cutover/dns-switch';
import { resolveTarget } from '../../engine/deploy/resolve-target';
import { restoreOnStack } from '../../engine/migrate/cutover/restore-on-stack';
import { finishCutover, freezeSource, rollbackToSource, type CutoverSource } from '../../engine/migrate/cutover/freeze-source';
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
  cutover  --ssh USER@HOST[:PORT] --key FILE [--code-dir DIR] [--web-user www-data]
           --stack NAME --bucket BUCKET --account ID --name SITE [--profile P] [--region R] [--endpoint-url URL]
           puts the source into Moodle's CLI maintenance (run as --web-user through sudo -n, then
           checked: climaintenance.html in its dataroot), takes the site again whole, uploads it to the
           stack's artifact bucket (migrate/SITE; objects already there are not sent again) and restores
           it on one web server through the stack's MigrateRestoreDocument, verified there; each step once
  switch-dns --zone-id ID --record NAME (--stack NAME | --to LB-DNS-NAME) [--yes] [--profile P] [--region R]
           points the site's name (a CNAME, TTL 60 s) at the stack's load balancer once the cutover has
           restored the site; shows the change and applies it only with --yes; refused at the zone apex
  rollback --ssh USER@HOST[:PORT] --key FILE [--code-dir DIR] [--web-user www-data] [--profile P] [--region R]
           puts the site's old DNS record back (when switch-dns ran), ends maintenance on the source
           (its users are served by it again) and forgets the cutover,
           so the next cutover freezes and takes anew; refused once the migration is finished
  finish   the new site is good: no rollback from now on (the source stays in maintenance)
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
      'web-user': { type: 'string', default: 'www-data' },
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
      'zone-id': { type: 'string' }, record: { type: 'string' }, to: { type: 'string' }, yes: { type: 'boolean', default: false },
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
      case 'switch-dns': return switchDnsStep(ctx, context, v);
      case 'rollback': {
        const route53 = journal.done(DNS_STEP) ? awsFor(context, v).route53() : undefined;
        const { wasInMaintenance, dnsReverted } = await rollbackToSource(ctx, requireInventory(journal), cutoverSource(context, v), route53);
        context.out(`${dnsReverted ? "The site's name points at the source again. " : ''}The source serves its users again${wasInMaintenance ? '' : ' (maintenance was off already, or set by hand)'}; the cutover is forgotten: the next 'migrate cutover' freezes and takes the site anew.\n`);
        return ExitCode.ok;
      }
      case 'finish': {
        const { finishedAt } = await finishCutover(journal);
        context.out(`Migration finished (${finishedAt}): no rollback from now on. The source stays in maintenance; keep its last backup, then retire it.\n`);
        return ExitCode.ok;
      }
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
  if (v.ssh) return takeOverSsh(ctx, sshSource(context, v));
  if (v.dump || v.moodledata || v.code) {
    if (!v.dump || !v.moodledata || !v.code) throw new MhaError('usage', 'Taking from files needs all three: --dump, --moodledata and --code.');
    const r = (x: unknown) => path.resolve(context.cwd, x as string);
    return takeFromFiles(ctx, { dump: r(v.dump), moodledata: r(v.moodledata), code: r(v.code) });
  }
  const done = ctx.journal.result<SourceInventory>(STEP.inventory);
  if (done) return done;
  throw new MhaError('usage', 'Take from where? Give --ssh USER@HOST (with --key) or --dump, --moodledata and --code.');
}

function sshSource(context: CliContext, v: Record<string, unknown>): SshSource {
  if (!v.key) throw new MhaError('usage', 'Reaching the source over SSH needs --key FILE (the private key that logs in to it).');
  const address = parseSshAddress(v.ssh as string);
  return { ...address, privateKeyFile: path.resolve(context.cwd, v.key as string), codeDir: v['code-dir'] as string, acceptHostKey: v['accept-host-key'] as string | undefined };
}

function cutoverSource(context: CliContext, v: Record<string, unknown>): CutoverSource {
  if (!v.ssh) throw new MhaError('usage', 'The cutover works on the source: give --ssh USER@HOST and --key FILE, as for the take.', { nextStep: "Run 'moodle-ha migrate --help'." });
  return { ...sshSource(context, v), webUser: v['web-user'] as string };
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
  const source = cutoverSource(context, v);
  const aws = awsFor(context, v);
  const final = await freezeSource(ctx, inv, source);
  context.err(`The source is in maintenance; the final take has ${final.database.rows.toLocaleString('en')} rows and ${final.moodledata.files.toLocaleString('en')} files.\n`);
  const result = await restoreOnStack(ctx, final, {
    stackName: v.stack as string, bucket: v.bucket as string, account: v.account as string, name: v.name as string,
    s3: aws.s3(), aws, emit: (m) => context.err(`${formatSiteMessage(m)}\n`),
  }).catch((error: unknown) => {
    context.err("The source is still in maintenance. Once the cause below is fixed, run the same command again (it goes on where it stopped), or 'moodle-ha migrate rollback' to serve users from the source meanwhile.\n");
    throw error;
  });
  context.out(`Uploaded ${result.upload.uploaded} object(s) (${result.upload.skipped} already there); restored and verified on ${result.restore.instanceId}:\n${result.restore.summary}\n`
    + `Check the new site now. Good: 'moodle-ha migrate finish'. Not good: 'moodle-ha migrate rollback' (same --ssh and --key) serves users from the source again.\n`);
  return ExitCode.ok;
}

function awsFor(context: CliContext, v: Record<string, unknown>): AwsClientFactory {
  const target = resolveTarget({ profile: v.profile as string, region: v.region as string, endpointUrl: v['endpoint-url'] as string }, context.env);
  return createAwsClientFactory(target, context.logger);
}

async function switchDnsStep(ctx: MigrateContext, context: CliContext, v: Record<string, unknown>): Promise<number> {
  for (const need of ['zone-id', 'record']) {
    if (!v[need]) throw new MhaError('usage', `migrate switch-dns needs --${need}.`, { nextStep: "Run 'moodle-ha migrate --help'." });
  }
  if (!v.stack === !v.to) throw new MhaError('usage', 'Point the name at what? Give --stack NAME (its LoadBalancerDnsName output) or --to the load balancer DNS name, not both.');
  const aws = awsFor(context, v);
  const target = (v.to as string | undefined) ?? await stackLoadBalancer(aws, v.stack as string, ctx.signal);
  const route53 = aws.route53();
  const plan = await planDnsSwitch({ route53, zoneId: v['zone-id'] as string, recordName: v.record as string, target, signal: ctx.signal })
    .catch((error: unknown) => { throw mapAwsError(error, aws.target, 'reading the DNS zone'); });
  context.out(`${describeDnsSwitch(plan)}\n`);
  if (!v.yes) {
    context.out('Nothing changed. Check that the new site answers on the load balancer, then run the same command with --yes.\n');
    return ExitCode.ok;
  }
  const { skipped } = await applyDnsSwitch(ctx.journal, route53, plan, ctx.signal);
  context.out(skipped ? 'The name was switched already (nothing sent).\n' : `Switched. Good: 'moodle-ha migrate finish'. Not good: 'moodle-ha migrate rollback' puts the record above back.\n`);
  return ExitCode.ok;
}

async function stackLoadBalancer(aws: AwsClientFactory, stackName: string, signal?: AbortSignal): Promise<string> {
  const stack = await describeStack(aws.cloudFormation(), stackName, signal);
  if (!stack) throw new MhaError('usage', `There is no stack '${stackName}' in ${aws.target.region}.`, { nextStep: "Check --stack and --region ('moodle-ha stacks' lists them)." });
  const dns = stack.Outputs?.find((o) => o.OutputKey === 'LoadBalancerDnsName')?.OutputValue;
  if (!dns) throw new MhaError('usage', `The stack '${stackName}' has no LoadBalancerDnsName output (it was not made by moodle-ha scaffold).`, { nextStep: 'Give the load balancer\'s DNS name with --to instead.' });
  return dns;
}
