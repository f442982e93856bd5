import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CreateBucketCommand, GetObjectCommand, HeadObjectCommand, ListMultipartUploadsCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { Journal } from '../../../src/engine/migrate/journal';
import { takeFromFiles } from '../../../src/engine/migrate/take/take-files';
import type { MigrateContext } from '../../../src/engine/migrate/take/take-context';
import { uploadSite, type S3Destination } from '../../../src/engine/migrate/cutover/s3-upload';
import type { CutoverManifest } from '../../../src/engine/migrate/cutover/manifest';
import { silentLogger } from '../../../src/engine/common/logger';
import { asMhaError } from '../../../src/engine/common/errors';
import { isCancellation } from '../../../src/engine/common/cancellation';
import { MOTO_CREDENTIALS, startMoto, type MotoServer } from '../../support/moto';
import { startOwnerEnforcingS3, type OwnerEnforcingS3 } from '../../support/owner-enforcing-s3';
import { writeSiteOnDisk } from '../../support/site-on-disk';

const ACCOUNT = '123456789012';
const BUCKET = 'mha-migrate-cutover';
const MIB = 1 << 20;

describe('migrate cutover: the taken site uploaded to S3 (moto_server on 127.0.0.1, behind a proxy that enforces ExpectedBucketOwner as S3 does)', function () {
  this.timeout(300_000);
  let moto: MotoServer;
  let s3proxy: OwnerEnforcingS3;
  let dir: string;
  const client = (endpoint: string) => new S3Client({ endpoint, region: 'us-east-1', forcePathStyle: true, credentials: MOTO_CREDENTIALS });
  const direct = () => client(moto.endpoint);
  const dest = (over: Partial<S3Destination> = {}): S3Destination => ({ s3: client(s3proxy.endpoint), bucket: BUCKET, prefix: 'migrate/school', account: ACCOUNT, ...over });
  const ctxFor = (work: string, progress: string[] = [], signal?: AbortSignal): MigrateContext => ({ journal: Journal.open(path.join(dir, work)), logger: silentLogger, progress: (p) => progress.push(p.message), signal });
  const keys = async () => ((await direct().send(new ListObjectsV2Command({ Bucket: BUCKET }))).Contents ?? []).map((o) => o.Key!).sort();
  const body = async (key: string) => Buffer.from(await (await direct().send(new GetObjectCommand({ Bucket: BUCKET, Key: key }))).Body!.transformToByteArray());

  before(async () => { moto = await startMoto(); s3proxy = await startOwnerEnforcingS3(moto.endpoint, ACCOUNT); });
  after(async () => { await s3proxy?.close(); await moto?.stop(); });
  beforeEach(async () => {
    await moto.reset();
    s3proxy.requests.length = 0;
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mha-cutover-s3-'));
    await direct().send(new CreateBucketCommand({ Bucket: BUCKET }));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('uploads the dump in parts and every kept moodledata file with its SHA-256, then a manifest; caches and config.php stay behind; every request names the account', async () => {
    const site = writeSiteOnDisk(path.join(dir, 'site'), { files: 30, logRows: 40_000 });
    const progress: string[] = [];
    const ctx = ctxFor('work', progress);
    const inv = await takeFromFiles(ctx, site);
    const r = await uploadSite(ctx, inv, dest(), { partSize: 5 * MIB });
    assert.ok(fs.statSync(site.dump).size > 10 * MIB, 'the dump needs three parts');
    assert.equal(r.uploaded, 32);
    assert.equal(r.skipped, 0);

    const all = await keys();
    assert.ok(all.includes('migrate/school/database.sql'));
    for (const h of site.poolHashes) assert.ok(all.includes(`migrate/school/moodledata/filedir/${h.slice(0, 2)}/${h.slice(2, 4)}/${h}`), h);
    assert.ok(all.includes('migrate/school/moodledata/lang/en_local/x.php'));
    assert.ok(!all.some((k) => /\/(cache|temp)\//.test(k)), 'caches and temp are not uploaded');
    assert.equal(all.length, 33);

    const dump = fs.readFileSync(site.dump);
    assert.deepEqual(await body('migrate/school/database.sql'), dump);
    const head = await direct().send(new HeadObjectCommand({ Bucket: BUCKET, Key: 'migrate/school/database.sql' }));
    assert.equal(head.Metadata?.sha256, createHash('sha256').update(dump).digest('hex'));
    const manifest = JSON.parse((await body(r.manifestKey)).toString('utf8')) as CutoverManifest;
    assert.equal(manifest.files.length, 31);
    for (const f of manifest.files) {
      const content = await body(`migrate/school/moodledata/${f.path}`);
      assert.equal(createHash('sha256').update(content).digest('hex'), f.sha256, f.path);
    }
    assert.equal(manifest.tables.mdl_logstore_standard_log.rows, 40_000);
    assert.equal(manifest.referencedHashes.length, 30);

    const objects = await Promise.all(all.map(body));
    assert.ok(objects.every((b) => !b.includes('Source-Secret-9')), 'no object holds the source database password');
    assert.ok(s3proxy.requests.length > 0 && s3proxy.requests.every((q) => q.owner === ACCOUNT), 'every request carries ExpectedBucketOwner');
    assert.ok(progress.some((m) => /Uploading to s3:\/\/.* of .*MB/.test(m)), `progress in bytes: ${progress.at(-1)}`);
  });

  it('a second pass after the final take sends only the new and changed files', async () => {
    const siteDir = path.join(dir, 'site');
    const site = writeSiteOnDisk(siteDir, { files: 20 });
    await uploadSite(ctxFor('work'), await takeFromFiles(ctxFor('work'), site), dest());
    fs.writeFileSync(path.join(site.dataDir, 'lang/en_local/x.php'), '<?php // changed after the first pass');
    const added = 'uploaded between the passes';
    const sha = createHash('sha1').update(added).digest('hex');
    fs.mkdirSync(path.join(site.dataDir, 'filedir', sha.slice(0, 2), sha.slice(2, 4)), { recursive: true });
    fs.writeFileSync(path.join(site.dataDir, 'filedir', sha.slice(0, 2), sha.slice(2, 4), sha), added);
    fs.rmSync(site.moodledata);
    execFileSync('tar', ['-C', site.dataDir, '-cf', site.moodledata, '.']);

    s3proxy.requests.length = 0;
    const second = await uploadSite(ctxFor('work'), await takeFromFiles(ctxFor('work'), site), dest());
    assert.equal(second.uploaded, 2, 'the changed language file and the new pool file');
    assert.equal(second.skipped, 21);
    assert.equal(s3proxy.requests.filter((q) => q.method === 'PUT').length, 3, 'two files and the manifest');
    assert.equal((await body(`migrate/school/moodledata/filedir/${sha.slice(0, 2)}/${sha.slice(2, 4)}/${sha}`)).toString(), added);
    assert.match((await body('migrate/school/moodledata/lang/en_local/x.php')).toString(), /changed after the first pass/);
  });

  it('a missing bucket: a clear error naming it, nothing uploaded anywhere', async () => {
    const site = writeSiteOnDisk(path.join(dir, 'site'));
    const ctx = ctxFor('work');
    const error = await uploadSite(ctx, await takeFromFiles(ctx, site), dest({ bucket: 'mha-no-such-bucket' })).catch((e) => e);
    assert.equal(asMhaError(error)?.code, 'migrate.upload', String(error));
    assert.match(error.message, /There is no S3 bucket named mha-no-such-bucket/);
    assert.match(asMhaError(error)!.nextStep!, /--bucket/);
    assert.deepEqual(s3proxy.requests.map((q) => q.method), ['HEAD']);
  });

  it('a bucket of another account (ExpectedBucketOwner refused): stops before the first byte, says which account was expected', async () => {
    const site = writeSiteOnDisk(path.join(dir, 'site'));
    const ctx = ctxFor('work');
    const error = await uploadSite(ctx, await takeFromFiles(ctx, site), dest({ account: '999999999999' })).catch((e) => e);
    assert.equal(asMhaError(error)?.code, 'migrate.upload', String(error));
    assert.match(error.message, /not owned by account 999999999999/);
    assert.deepEqual(await keys(), []);
    assert.ok(!s3proxy.requests.some((q) => q.method === 'PUT' || q.method === 'POST'), 'nothing was sent to the bucket');
  });

  it('an upload interrupted after the first part of the dump: the next run keeps that part, sends the rest, and the object is whole', async () => {
    const site = writeSiteOnDisk(path.join(dir, 'site'), { files: 10, logRows: 40_000 });
    const take = ctxFor('work');
    const inv = await takeFromFiles(take, site);
    const controller = new AbortController();
    const s3 = client(s3proxy.endpoint);
    let parts = 0;
    s3.middlewareStack.add((next, context) => async (args) => {
      const result = await next(args);
      if (context.commandName === 'UploadPartCommand' && ++parts === 1) controller.abort();
      return result;
    }, { step: 'initialize', name: 'cutAfterFirstPart' });
    const error = await uploadSite(ctxFor('work', [], controller.signal), inv, dest({ s3 }), { partSize: 5 * MIB }).catch((e) => e);
    assert.ok(isCancellation(error), `cancelled, not failed: ${error}`);
    assert.ok(!(await keys()).includes('migrate/school/database.sql'), 'no half object is visible');
    const open = await direct().send(new ListMultipartUploadsCommand({ Bucket: BUCKET }));
    assert.equal(open.Uploads?.length, 1);

    s3proxy.requests.length = 0;
    const r = await uploadSite(ctxFor('work'), inv, dest(), { partSize: 5 * MIB });
    const partPuts = s3proxy.requests.filter((q) => q.method === 'PUT' && /partNumber=/.test(q.url));
    assert.deepEqual(partPuts.map((q) => /partNumber=(\d+)/.exec(q.url)![1]).sort(), ['2', '3'], 'part 1 is not sent again');
    assert.deepEqual(await body('migrate/school/database.sql'), fs.readFileSync(site.dump));
    assert.equal(r.manifestKey, 'migrate/school/manifest.json');
  });
});
