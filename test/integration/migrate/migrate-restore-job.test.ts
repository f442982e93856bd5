import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CreateBucketCommand, DeleteObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { createDockerClient, checkDocker } from '../../../src/engine/sim/docker/docker-client';
import { locateSimAssets } from '../../../src/engine/sim/sim-assets';
import { execIn } from '../../../src/engine/sim/docker/containers';
import { resolveOptions } from '../../../src/engine/scaffold/options';
import { planScaffold } from '../../../src/engine/scaffold/plan';
import { writePlan } from '../../../src/engine/scaffold/write-plan';
import { Journal } from '../../../src/engine/migrate/journal';
import { takeOverSsh } from '../../../src/engine/migrate/take/take-ssh';
import type { MigrateContext } from '../../../src/engine/migrate/take/take-context';
import type { SourceInventory } from '../../../src/engine/migrate/inventory';
import { uploadSite } from '../../../src/engine/migrate/cutover/s3-upload';
import { silentLogger } from '../../../src/engine/common/logger';
import { MOTO_CREDENTIALS, startMoto, type MotoServer } from '../../support/moto';
import { startOwnerEnforcingS3, type OwnerEnforcingS3 } from '../../support/owner-enforcing-s3';
import { makeKey, removeLegacy, startLegacyServer, type LegacyServer } from '../../support/legacy-server';
import { createSecret, removeRestoreJobParts, startRestoreInstance, startStackDatabase, type RestoreInstance, type StackDatabase } from '../../support/restore-job-host';

const PROJECT = `${process.env.MHA_TEST_PROJECT ?? 'mha-it'}-restore`;
const ACCOUNT = '123456789012';
const BUCKET = 'mha-stack-artifacts';

/** Values the TypeScript checksum must read as the database does: binary with NUL and quote, empty, NULL, doubles, decimals, Unicode. */
const AWKWARD_TABLE = `CREATE TABLE mdl_mha_awkward (id BIGINT PRIMARY KEY, data LONGBLOB, ratio DOUBLE, amount DECIMAL(12,5), note VARCHAR(50)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
INSERT INTO mdl_mha_awkward VALUES (1, UNHEX('00FF275C0A'), 0.1, 3.14159, 'Ünïcode «x» \\'q\\''), (2, '', 1e-7, -0.5, ''), (3, NULL, 123456789.125, NULL, NULL), (4, RANDOM_BYTES(200), -2.5e300, 99999.99999, 'tab\\there');`;

describe('migrate cutover: the restore job (ops/migrate-restore.sh) on an instance of our images, against moto S3 and a MariaDB stack database (needs Docker Engine)', function () {
  this.timeout(900_000);
  const docker = createDockerClient();
  const simDir = locateSimAssets(__dirname);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mha-restore-job-'));
  let moto: MotoServer;
  let proxy: OwnerEnforcingS3;
  let legacy: LegacyServer;
  let inv: SourceInventory;
  let db: StackDatabase;
  let instance: RestoreInstance;
  const s3 = () => new S3Client({ endpoint: moto.endpoint, region: 'us-east-1', forcePathStyle: true, credentials: MOTO_CREDENTIALS });
  const ctx = (): MigrateContext => ({ journal: Journal.open(path.join(dir, 'take')), logger: silentLogger, progress: () => undefined });
  const upload = (prefix: string) => uploadSite(ctx(), inv, { s3: s3(), bucket: BUCKET, prefix, account: ACCOUNT });
  const restore = (prefix: string, env: Record<string, string> = {}) => instance.restore({ bucket: BUCKET, prefix, account: ACCOUNT }, env);
  const sha256 = (file: string) => createHash('sha256').update(fs.readFileSync(file)).digest('hex');

  before(async () => {
    await checkDocker(docker);
    await removeRestoreJobParts(docker, PROJECT);
    await removeLegacy(docker, PROJECT);
    legacy = await startLegacyServer(docker, simDir, PROJECT, 'legacy', makeKey(dir), { users: 20, files: 120, logRows: 3000 });
    const extra = await execIn(legacy.container, ['mariadb', '--default-character-set=utf8mb4', 'moodle', '-e', AWKWARD_TABLE]);
    assert.equal(extra.exitCode, 0, extra.output);
    inv = await takeOverSsh(ctx(), { host: '127.0.0.1', port: legacy.port, username: 'moodleadmin', privateKeyFile: legacy.keyFile, codeDir: '/var/www/moodle', acceptHostKey: legacy.fingerprint });

    moto = await startMoto();
    proxy = await startOwnerEnforcingS3(moto.endpoint, ACCOUNT);
    await s3().send(new CreateBucketCommand({ Bucket: BUCKET }));
    await upload('migrate/school');

    db = await startStackDatabase(docker, simDir, PROJECT);
    const secretArn = await createSecret(moto.endpoint, 'school-db-app', { username: db.user, password: db.password });
    await writePlan(planScaffold(resolveOptions({})), path.join(dir, 'project'));
    instance = await startRestoreInstance(docker, simDir, PROJECT, {
      bundleDir: path.join(dir, 'project', 'moodle'), efs: path.join(dir, 'efs'), awsEndpoint: proxy.endpoint,
      moodleEnv: {
        MOODLE_DB_SECRET_ARN: secretArn, MOODLE_DB_HOST: '127.0.0.1', MOODLE_DB_PORT: String(db.port), MOODLE_DB_NAME: 'moodle',
        MOODLE_WEB_USER: 'www-data', MOODLE_DATA_DIR: '/mnt/moodledata', MOODLE_AWS: '/usr/local/bin/aws-moto', MOODLE_AWS_REGION: 'us-east-1',
      },
    });
  });
  after(async () => {
    await removeRestoreJobParts(docker, PROJECT);
    await removeLegacy(docker, PROJECT);
    await proxy?.close();
    await moto?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('restores the database and moodledata from a real take: every table\'s rows and checksum and every file\'s hash as on the source, files the web user\'s', async () => {
    proxy.requests.length = 0;
    const r = await restore('migrate/school');
    assert.equal(r.exitCode, 0, r.output);
    assert.match(r.output, /moodle-ha-migrate: verified/);
    const tables = Object.values(inv.database.tables);
    assert.match(r.output, new RegExp(`tables ${tables.length} rows and checksums equal`));
    for (const t of tables) assert.equal(Number(await db.sql(`SELECT COUNT(*) FROM \`${t.name}\``)), t.rows, t.name);
    assert.equal(await db.sql('SELECT HEX(data) FROM mdl_mha_awkward WHERE id = 1'), '00FF275C0A');
    assert.equal(await db.sql('SELECT firstname FROM mdl_user WHERE username = \'user1\''), 'Ünïcode 1');

    assert.equal(inv.moodledata.poolHashes.length, 120);
    for (const h of inv.moodledata.poolHashes) {
      const file = path.join(instance.efs, 'filedir', h.slice(0, 2), h.slice(2, 4), h);
      assert.equal(createHash('sha1').update(fs.readFileSync(file)).digest('hex'), h);
      assert.equal(fs.statSync(file).uid, 33, 'written as the web user');
    }
    const manifest = JSON.parse((await execIn(instance.container, ['sh', '-c', 'cat /var/lib/moodle-ha/migrate/*/manifest.json'])).output) as { files: Array<{ path: string; sha256: string }> };
    for (const f of manifest.files) assert.equal(sha256(path.join(instance.efs, f.path)), f.sha256, f.path);
    // The job's own S3 calls (s3api) name the account; `aws s3 sync` cannot (the CLI has no such option):
    // its files are trusted by the SHA-256s of the manifest, which was read with the owner check.
    const api = proxy.requests.filter((q) => q.method !== 'POST' && !decodeURIComponent(q.url).includes('moodledata'));
    assert.ok(api.length >= 4, `HEAD bucket, list, manifest, dump: ${api.map((q) => q.method + ' ' + q.url).join(', ')}`);
    assert.deepEqual(api.filter((q) => q.owner !== ACCOUNT).map((q) => `${q.method} ${q.url}`), [], 'every s3api request names the account');
    assert.ok(!r.output.includes(db.password), 'the password is never printed');
  });

  it('run again: nothing downloaded or restored again, the verification repeated', async () => {
    proxy.requests.length = 0;
    const r = await restore('migrate/school');
    assert.equal(r.exitCode, 0, r.output);
    assert.doesNotMatch(r.output, /downloading|restoring the database|copying moodledata/);
    assert.match(r.output, /verified/);
    const keysRead = proxy.requests.filter((q) => q.method === 'GET').map((q) => decodeURIComponent(q.url.split('?')[0]));
    assert.deepEqual(keysRead.filter((k) => !k.endsWith('/manifest.json')), [], 'only the manifest was read');
  });

  it('a row changed after the restore (same row count): the job names the table by its checksum and fails', async () => {
    const before = await db.sql('SELECT fullname FROM mdl_course WHERE id = 1');
    await db.sql('UPDATE mdl_course SET fullname = CONCAT(fullname, \'!\') WHERE id = 1');
    const r = await restore('migrate/school');
    assert.equal(r.exitCode, 6, r.output);
    assert.match(r.output, /mdl_course\t20\t[0-9a-f]{16}/);
    assert.doesNotMatch(r.output, /mdl_user\t/, 'only the changed table is named');
    await db.sql(`UPDATE mdl_course SET fullname = '${before.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}' WHERE id = 1`);
    assert.equal((await restore('migrate/school')).exitCode, 0, 'the original value restores the checksum');
  });

  it('a dump whose bytes differ from the manifest\'s SHA-256: refused before the database is touched', async () => {
    await upload('migrate/corrupt');
    await s3().send(new PutObjectCommand({ Bucket: BUCKET, Key: 'migrate/corrupt/database.sql', Body: fs.readFileSync(inv.files.dump).subarray(0, 1000) }));
    await db.sql('CREATE DATABASE moodle2; GRANT ALL ON moodle2.* TO \'moodle\'@\'%\'');
    const r = await restore('migrate/corrupt', { MOODLE_DB_NAME: 'moodle2' });
    assert.equal(r.exitCode, 4, r.output);
    assert.match(r.output, /database\.sql does not match its SHA-256 in the manifest/);
    assert.equal(await db.sql('SHOW TABLES', 'moodle2'), '', 'nothing restored');
  });

  it('an object the manifest names missing from the bucket: refused before anything is restored, the missing key named', async () => {
    await upload('migrate/partial');
    const h = inv.moodledata.poolHashes[7];
    await s3().send(new DeleteObjectCommand({ Bucket: BUCKET, Key: `migrate/partial/moodledata/filedir/${h.slice(0, 2)}/${h.slice(2, 4)}/${h}` }));
    await db.sql('DROP DATABASE IF EXISTS moodle2; CREATE DATABASE moodle2');
    const efsBefore = fs.readdirSync(instance.efs).length;
    const r = await restore('migrate/partial', { MOODLE_DB_NAME: 'moodle2', MOODLE_DATA_DIR: '/tmp/efs-partial' });
    assert.equal(r.exitCode, 3, r.output);
    assert.match(r.output, new RegExp(`1 object.*not in the bucket.*filedir/${h.slice(0, 2)}/${h.slice(2, 4)}/${h}`, 's'));
    assert.match(r.output, /moodle-ha migrate cutover/);
    assert.equal(await db.sql('SHOW TABLES', 'moodle2'), '', 'nothing restored');
    assert.equal((await execIn(instance.container, ['sh', '-c', 'ls -A /tmp/efs-partial 2>/dev/null | wc -l'])).output.trim(), '0', 'nothing copied');
    assert.equal(fs.readdirSync(instance.efs).length, efsBefore);
  });
});
