import * as fs from 'node:fs';
import { createHash } from 'node:crypto';
import {
  CompleteMultipartUploadCommand, CreateMultipartUploadCommand, HeadBucketCommand, ListObjectsV2Command,
  ListPartsCommand, PutObjectCommand, UploadPartCommand, type S3Client,
} from '@aws-sdk/client-s3';
import { MhaError } from '../../common/errors';
import { throwIfCancelled } from '../../common/cancellation';
import type { SourceInventory } from '../inventory';
import type { MigrateContext } from '../take/take-context';
import { formatBytes } from '../take/part-file';
import { isGzip } from '../take/scan-file';
import { explainS3Error } from './s3-errors';
import { indexTar, migratedFiles } from './tar-index';
import { UploadLedger } from './upload-ledger';
import type { CutoverManifest } from './manifest';

export interface S3Destination {
  s3: S3Client;
  bucket: string;
  /** Key prefix of this site's objects (no leading or trailing slash), e.g. "migrate/school". */
  prefix: string;
  /** The stack's account id: every request carries it as ExpectedBucketOwner. */
  account: string;
}

export interface UploadOptions {
  /** Multipart part size for the dump (S3's minimum is 5 MiB). */
  partSize?: number;
  /** Objects uploaded at once. */
  concurrency?: number;
}

export interface UploadResult {
  manifestKey: string;
  objects: number;
  uploaded: number;
  skipped: number;
  bytesUploaded: number;
  bytesSkipped: number;
  seconds: number;
}

const MIB = 1 << 20;

/**
 * Puts the taken site in S3 for the restore job: the dump (multipart, resumable part by part),
 * every moodledata file the cluster keeps (read by byte range straight from the take's tar), then a
 * manifest the job verifies against. Each object carries its SHA-256 (metadata, and S3's own
 * checksum on single puts, so a corrupted body is refused on arrival). An object already in the
 * bucket with the same content is skipped, so a second pass after the final take sends only what
 * changed; pool files are named by their SHA-1, so an unchanged file never moves twice.
 */
export async function uploadSite(ctx: MigrateContext, inventory: SourceInventory, dest: S3Destination, options: UploadOptions = {}): Promise<UploadResult> {
  const started = Date.now();
  if (!/^\d{12}$/.test(dest.account)) throw new MhaError('usage', `--account must be the stack's 12-digit AWS account id (got "${dest.account}").`);
  const owner = dest.account;
  const fail = (doing: string) => (error: unknown) => { throw explainS3Error(error, dest.bucket, owner, doing); };
  await dest.s3.send(new HeadBucketCommand({ Bucket: dest.bucket, ExpectedBucketOwner: owner }), { abortSignal: ctx.signal }).catch(fail('checking the bucket'));

  const prefix = dest.prefix.replace(/^\/+|\/+$/g, '');
  const dumpKey = `${prefix}/database.sql${isGzip(inventory.files.dump) ? '.gz' : ''}`;
  const files = migratedFiles(indexTar(inventory.files.moodledata), inventory.moodledata.root);
  const listed = await listKeys(dest, `${prefix}/`, ctx.signal).catch(fail('listing what is already uploaded'));
  const ledger = new UploadLedger(ctx.journal.file('upload-ledger.jsonl'));
  const dumpSize = fs.statSync(inventory.files.dump).size;
  const total = dumpSize + files.reduce((n, f) => n + f.size, 0);

  const counts = { uploaded: 0, skipped: 0, bytesUploaded: 0, bytesSkipped: 0 };
  let lastReport = 0;
  const report = (force = false) => {
    const now = Date.now();
    if (!force && now - lastReport < 250) return;
    lastReport = now;
    const done = counts.bytesUploaded + counts.bytesSkipped;
    ctx.progress({ message: `Uploading to s3://${dest.bucket}/${prefix}: ${formatBytes(done)} of ${formatBytes(total)} (${counts.uploaded + counts.skipped} of ${files.length + 1} objects, ${formatBytes(counts.bytesSkipped)} already there)`, percent: total ? Math.round((done / total) * 100) : 100 });
  };

  const dumpSha = await sha256OfRange(inventory.files.dump, 0, dumpSize, ctx.signal);
  if (ledger.has(dumpKey, dumpSize, dumpSha) && listed.get(dumpKey) === dumpSize) {
    counts.skipped++; counts.bytesSkipped += dumpSize;
  } else {
    await uploadMultipart(ctx, dest, dumpKey, inventory.files.dump, dumpSize, dumpSha, options.partSize ?? 64 * MIB, (n) => { counts.bytesUploaded += n; report(); }).catch(fail(`uploading ${dumpKey}`));
    ledger.record(dumpKey, dumpSize, dumpSha);
    counts.uploaded++;
  }
  report(true);

  const manifestFiles: CutoverManifest['files'] = new Array(files.length);
  let next = 0;
  const worker = async () => {
    while (next < files.length) {
      throwIfCancelled(ctx.signal);
      const index = next++;
      const f = files[index];
      const key = `${prefix}/moodledata/${f.path}`;
      const sha = await sha256OfRange(inventory.files.moodledata, f.offset, f.size, ctx.signal);
      manifestFiles[index] = { path: f.path, size: f.size, sha256: sha };
      if (ledger.has(key, f.size, sha) && listed.get(key) === f.size) {
        counts.skipped++; counts.bytesSkipped += f.size;
      } else {
        await dest.s3.send(new PutObjectCommand({
          Bucket: dest.bucket, Key: key, ExpectedBucketOwner: owner, ContentLength: f.size,
          Body: f.size ? rangeStream(inventory.files.moodledata, f.offset, f.size) : Buffer.alloc(0),
          ChecksumSHA256: Buffer.from(sha, 'hex').toString('base64'), Metadata: { sha256: sha },
        }), { abortSignal: ctx.signal }).catch(fail(`uploading ${key}`));
        ledger.record(key, f.size, sha);
        counts.uploaded++; counts.bytesUploaded += f.size;
      }
      report();
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.concurrency ?? 8) }, worker));
  report(true);

  const manifest: CutoverManifest = {
    version: 1,
    dump: { key: dumpKey, size: dumpSize, sha256: dumpSha, gzip: isGzip(inventory.files.dump) },
    prefix: inventory.config.settings.prefix ?? 'mdl_',
    tables: Object.fromEntries(Object.values(inventory.database.tables).map((t) => [t.name, { rows: t.rows, checksum: t.checksum }])),
    referencedHashes: inventory.database.contentHashes,
    files: manifestFiles,
  };
  const manifestKey = `${prefix}/manifest.json`;
  const body = JSON.stringify(manifest);
  const bodySha = createHash('sha256').update(body).digest();
  // Last, so the restore job never sees a manifest whose objects are not all there.
  await dest.s3.send(new PutObjectCommand({
    Bucket: dest.bucket, Key: manifestKey, ExpectedBucketOwner: owner, Body: body, ContentType: 'application/json',
    ChecksumSHA256: bodySha.toString('base64'), Metadata: { sha256: bodySha.toString('hex') },
  }), { abortSignal: ctx.signal }).catch(fail(`uploading ${manifestKey}`));
  return { manifestKey, objects: files.length + 1, ...counts, seconds: (Date.now() - started) / 1000 };
}

/** Every key under the prefix with its size (pages of up to 1,000). */
async function listKeys(dest: S3Destination, prefix: string, signal?: AbortSignal): Promise<Map<string, number>> {
  const keys = new Map<string, number>();
  let token: string | undefined;
  do {
    const page = await dest.s3.send(new ListObjectsV2Command({ Bucket: dest.bucket, Prefix: prefix, ContinuationToken: token, ExpectedBucketOwner: dest.account }), { abortSignal: signal });
    for (const o of page.Contents ?? []) if (o.Key) keys.set(o.Key, o.Size ?? -1);
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token);
  return keys;
}

interface PendingUpload { key: string; uploadId: string; sha256: string; size: number; partSize: number }

/**
 * The dump in parts. The upload id is kept in the work folder, so an interrupted upload continues:
 * S3 lists the parts it holds, each is kept when its ETag is the MD5 of our bytes for that part,
 * and only the others are sent again.
 */
async function uploadMultipart(ctx: MigrateContext, dest: S3Destination, key: string, file: string, size: number, sha256: string, partSize: number, onBytes: (n: number) => void): Promise<void> {
  if (partSize < 5 * MIB) throw new MhaError('usage', 'The part size must be at least 5 MiB (S3\'s minimum).');
  const pendingFile = ctx.journal.file('upload-multipart.json');
  let pending = readPending(pendingFile);
  if (!pending || pending.key !== key || pending.sha256 !== sha256 || pending.size !== size || pending.partSize !== partSize) {
    const created = await dest.s3.send(new CreateMultipartUploadCommand({ Bucket: dest.bucket, Key: key, ExpectedBucketOwner: dest.account, Metadata: { sha256 } }), { abortSignal: ctx.signal });
    pending = { key, uploadId: created.UploadId!, sha256, size, partSize };
    fs.writeFileSync(pendingFile, JSON.stringify(pending), { mode: 0o600 });
  }
  const held = new Map<number, string>();
  try {
    let marker: string | undefined;
    do {
      const page = await dest.s3.send(new ListPartsCommand({ Bucket: dest.bucket, Key: key, UploadId: pending.uploadId, PartNumberMarker: marker, ExpectedBucketOwner: dest.account }), { abortSignal: ctx.signal });
      for (const p of page.Parts ?? []) if (p.PartNumber && p.ETag) held.set(p.PartNumber, p.ETag.replace(/"/g, ''));
      marker = page.IsTruncated ? page.NextPartNumberMarker : undefined;
    } while (marker);
  } catch (error) {
    if ((error as { name?: string }).name !== 'NoSuchUpload') throw error;
    // The upload was aborted (or expired by a lifecycle rule): start it again.
    fs.rmSync(pendingFile, { force: true });
    return uploadMultipart(ctx, dest, key, file, size, sha256, partSize, onBytes);
  }
  const parts: Array<{ PartNumber: number; ETag: string }> = [];
  const count = Math.max(1, Math.ceil(size / partSize));
  for (let n = 1; n <= count; n++) {
    throwIfCancelled(ctx.signal);
    const start = (n - 1) * partSize;
    const length = Math.min(partSize, size - start);
    const md5 = await md5OfRange(file, start, length, ctx.signal);
    if (held.get(n) === md5) { parts.push({ PartNumber: n, ETag: `"${md5}"` }); onBytes(length); continue; }
    const r = await dest.s3.send(new UploadPartCommand({
      Bucket: dest.bucket, Key: key, UploadId: pending.uploadId, PartNumber: n, ExpectedBucketOwner: dest.account,
      ContentLength: length, ContentMD5: Buffer.from(md5, 'hex').toString('base64'), Body: rangeStream(file, start, length),
    }), { abortSignal: ctx.signal });
    parts.push({ PartNumber: n, ETag: r.ETag ?? `"${md5}"` });
    onBytes(length);
  }
  await dest.s3.send(new CompleteMultipartUploadCommand({ Bucket: dest.bucket, Key: key, UploadId: pending.uploadId, ExpectedBucketOwner: dest.account, MultipartUpload: { Parts: parts } }), { abortSignal: ctx.signal });
  fs.rmSync(pendingFile, { force: true });
}

function readPending(file: string): PendingUpload | undefined {
  try { return JSON.parse(fs.readFileSync(file, 'utf8')) as PendingUpload; } catch { return undefined; }
}

function rangeStream(file: string, start: number, length: number): fs.ReadStream {
  return fs.createReadStream(file, { start, end: start + length - 1, highWaterMark: MIB });
}

async function hashRange(algorithm: string, file: string, start: number, length: number, signal?: AbortSignal): Promise<string> {
  const hash = createHash(algorithm);
  if (length > 0) for await (const chunk of fs.createReadStream(file, { start, end: start + length - 1, highWaterMark: MIB, signal })) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

const sha256OfRange = (file: string, start: number, length: number, signal?: AbortSignal) => hashRange('sha256', file, start, length, signal);
const md5OfRange = (file: string, start: number, length: number, signal?: AbortSignal) => hashRange('md5', file, start, length, signal);
