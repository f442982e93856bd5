import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type Docker from 'dockerode';
import { ensureBaseImage, ensureImage } from '../../src/engine/sim/docker/images';
import { execIn, type ExecResult } from '../../src/engine/sim/docker/containers';
import { tarFiles } from '../../src/engine/sim/docker/tar';
import { LABEL_PROJECT, LABEL_ROLE } from '../../src/engine/sim/docker/labels';
import { delay } from '../../src/engine/common/cancellation';
import { runRecipe } from '../../src/engine/sim/replica/run-recipe';
import { freePort } from './moto';

/**
 * The parts a migration's restore job meets on AWS, from our own images, for running
 * ops/migrate-restore.sh as the MigrateRestoreDocument runs it on a web server:
 *  - the stack database: our db-mariadb image on 127.0.0.1:<port>, with Moodle's own user;
 *  - the instance: our web image plus the AWS CLI, jq and the MySQL client (what the scaffold's
 *    instances have), on the host network so it reaches moto and the database on 127.0.0.1 the way an
 *    instance reaches S3 and RDS; /etc/moodle-ha/moodle.env as the instance's boot writes it, the ops
 *    scripts root-owned on local disk, EFS stood in by a host folder mounted at /mnt/moodledata.
 */
const silent = { trace() {}, debug() {}, info() {}, warn() {}, error() {} };

export interface StackDatabase { container: Docker.Container; port: number; user: string; password: string; sql(query: string, database?: string): Promise<string> }

export async function startStackDatabase(docker: Docker, simDir: string, project: string): Promise<StackDatabase> {
  const base = await ensureBaseImage(docker, simDir, { isRoot: process.getuid?.() === 0, runRecipe }, () => undefined, silent);
  const { tag } = await ensureImage(docker, simDir, 'db-mariadb', base);
  const name = `${project}-stackdb`;
  await docker.getContainer(name).remove({ force: true, v: true }).catch(() => undefined);
  const port = await freePort();
  // Moodle's own user, as the stack's secret holds it; quotes and a backslash test the job's option file.
  const password = `Stack"Db\\'${createHash('sha1').update(String(Math.random())).digest('hex').slice(0, 12)}`;
  const container = await docker.createContainer({
    name, Image: tag, Env: ['MHA_DB_NAME=moodle', 'MHA_DB_USER=moodle', 'MHA_DB_PASS=first-start-only'],
    Labels: { [LABEL_PROJECT]: project, [LABEL_ROLE]: 'stack-db' },
    HostConfig: { PortBindings: { '3306/tcp': [{ HostIp: '127.0.0.1', HostPort: String(port) }] } },
    ExposedPorts: { '3306/tcp': {} },
  });
  await container.start();
  const sql = async (query: string, database = 'moodle'): Promise<string> => {
    const r = await execIn(container, ['mariadb', '-N', '-B', '--default-character-set=utf8mb4', database, '-e', query]);
    if (r.exitCode !== 0) throw new Error(`stack database: ${r.output}`);
    return r.output.trimEnd();
  };
  for (let i = 0; ; i++) {
    const r = await execIn(container, ['sh', '-c', 'test -f /var/lib/mysql/.mha-initialised && mariadb-admin ping']);
    if (r.exitCode === 0) break;
    if (i > 240) throw new Error(`the stack database did not start: ${r.output}`);
    await delay(500);
  }
  // Set here, not through the image's first start, whose SQL would read the backslash as an escape.
  await sql(`ALTER USER 'moodle'@'%' IDENTIFIED BY '${password.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`, 'mysql');
  return { container, port, user: 'moodle', password, sql };
}

export interface RestoreInstance {
  container: Docker.Container;
  /** The host folder standing in for EFS (mounted at /mnt/moodledata). */
  efs: string;
  /** Runs the restore job as SSM runs it: root, the document's command line. */
  restore(args: { bucket: string; prefix: string; account: string }, env?: Record<string, string>): Promise<ExecResult>;
}

export async function startRestoreInstance(docker: Docker, simDir: string, project: string, opts: {
  bundleDir: string; efs: string; awsEndpoint: string; moodleEnv: Record<string, string>;
}): Promise<RestoreInstance> {
  const base = await ensureBaseImage(docker, simDir, { isRoot: process.getuid?.() === 0, runRecipe }, () => undefined, silent);
  const web = await ensureImage(docker, simDir, 'web', base);
  const image = await buildRestoreJobImage(docker, web.tag);
  const name = `${project}-instance`;
  await docker.getContainer(name).remove({ force: true, v: true }).catch(() => undefined);
  fs.mkdirSync(opts.efs, { recursive: true });
  fs.chownSync(opts.efs, 33, 33); // www-data in our web image, as the stack's EFS access point gives the web user
  const container = await docker.createContainer({
    name, Image: image, Labels: { [LABEL_PROJECT]: project, [LABEL_ROLE]: 'restore-instance' },
    Env: ['AWS_ACCESS_KEY_ID=testing', 'AWS_SECRET_ACCESS_KEY=testing', 'AWS_EC2_METADATA_DISABLED=true'],
    HostConfig: { NetworkMode: 'host', Binds: [`${opts.efs}:/mnt/moodledata`] },
  });
  await container.start();
  // The ops scripts and common.sh where after-install.sh installs them (root's, on local disk).
  const opsDir = path.join(opts.bundleDir, 'ops');
  const ops = fs.readdirSync(opsDir).map((f) => ({ name: `opt/moodle-ha/ops/${f}`, content: fs.readFileSync(path.join(opsDir, f)), mode: 0o755 }));
  ops.push({ name: 'opt/moodle-ha/ops/common.sh', content: fs.readFileSync(path.join(opts.bundleDir, 'hooks', 'common.sh')), mode: 0o644 });
  const env = Object.entries(opts.moodleEnv).map(([k, v]) => `${k}=${v}\n`).join('');
  // The AWS CLI pointed at moto: the only difference from an instance, where the CLI finds AWS itself.
  const aws = `#!/bin/sh\nexec aws --endpoint-url ${opts.awsEndpoint} "$@"\n`;
  await container.putArchive(tarFiles([...ops, { name: 'etc/moodle-ha/moodle.env', content: env, mode: 0o600 }, { name: 'usr/local/bin/aws-moto', content: aws, mode: 0o755 }]), { path: '/' });
  return {
    container, efs: opts.efs,
    restore: (a, extra = {}) => execIn(container, ['bash', '/opt/moodle-ha/ops/migrate-restore.sh', '--bucket', a.bucket, '--prefix', a.prefix, '--account', a.account], extra, 'root'),
  };
}

/** test/support/restore-job-image on top of our web image; tagged by both, so it builds once. */
async function buildRestoreJobImage(docker: Docker, webTag: string): Promise<string> {
  const dir = path.join(__dirname, '..', '..', '..', 'test', 'support', 'restore-job-image');
  const dockerfile = fs.readFileSync(path.join(dir, 'Dockerfile'));
  const tag = `moodle-ha-test/restore-job:${createHash('sha256').update(webTag).update(dockerfile).digest('hex').slice(0, 12)}`;
  if (await docker.getImage(tag).inspect().then(() => true, () => false)) return tag;
  const stream = await docker.buildImage(tarFiles([{ name: 'Dockerfile', content: dockerfile }]) as unknown as NodeJS.ReadableStream, { t: tag, networkmode: 'host', rm: true, buildargs: { WEB_IMAGE: webTag } });
  let output = '';
  await new Promise<void>((resolve, reject) => docker.modem.followProgress(stream, (err: unknown) => (err ? reject(err) : resolve()), (e: { stream?: string; error?: string }) => { output += e.stream ?? e.error ?? ''; }));
  if (!(await docker.getImage(tag).inspect().then(() => true, () => false))) throw new Error(`building ${tag} failed:\n${output.slice(-2000)}`);
  return tag;
}

/** Secrets Manager in moto: the stack's database secret as RDS writes it ({"username","password"}). */
export async function createSecret(motoEndpoint: string, name: string, value: Record<string, string>): Promise<string> {
  // moto does not check request signatures, so its JSON protocol can be called without the SDK
  // (the project has no Secrets Manager client); the body is what the SDK would send.
  const res = await fetch(motoEndpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'secretsmanager.CreateSecret', authorization: 'AWS4-HMAC-SHA256 Credential=testing/20261201/us-east-1/secretsmanager/aws4_request, SignedHeaders=host, Signature=0' },
    body: JSON.stringify({ Name: name, SecretString: JSON.stringify(value) }),
  });
  const body = await res.json() as { ARN?: string };
  if (!res.ok || !body.ARN) throw new Error(`CreateSecret answered ${res.status}: ${JSON.stringify(body)}`);
  return body.ARN;
}

export async function removeRestoreJobParts(docker: Docker, project: string): Promise<void> {
  const list = await docker.listContainers({ all: true, filters: { label: [`${LABEL_PROJECT}=${project}`] } });
  for (const c of list) {
    if (c.Labels[LABEL_ROLE] === 'stack-db' || c.Labels[LABEL_ROLE] === 'restore-instance') await docker.getContainer(c.Id).remove({ force: true, v: true }).catch(() => undefined);
  }
}
