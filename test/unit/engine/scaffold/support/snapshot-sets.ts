import * as fs from 'node:fs';
import * as path from 'node:path';
import { resolveOptions } from '../../../../../src/engine/scaffold/options';
import { planScaffold, type PlannedFile } from '../../../../../src/engine/scaffold/plan';
import { allVariants } from '../../../../../src/engine/scaffold/variants';

/** Folders of checked-in generated files, and what should be in them. One script rewrites them all. */
export interface SnapshotSet {
  /** Relative to the repository root. */
  dir: string;
  files: PlannedFile[];
}

export const REPO_ROOT = path.resolve(__dirname, '../../../../../..');

/** Variants worth reading in a review: together they use every engine, cache, storage and source. */
export const SNAPSHOT_VARIANTS = [
  'cfn-aurora-mysql-redis-efs-s3-2az',
  'cfn-mariadb-memcached-nfs-codecommit-2az',
  'cdk-aurora-postgresql-valkey-glusterfs-github-3az',
  'cfn-postgres-redis-efs-github-3az',
  'cfn-mysql-memcached-efs-s3-3az',
];

export function snapshotSets(): SnapshotSet[] {
  const byName = new Map(allVariants().map((v) => [v.name, v]));
  return [
    // What the product ships: the default design, as a CDK project (a superset of the CloudFormation one).
    { dir: 'infra-templates/default', files: planScaffold(resolveOptions({ format: 'cdk' })).files },
    ...SNAPSHOT_VARIANTS.map((name) => ({ dir: `test/fixtures/scaffold/snapshots/${name}`, files: planScaffold(byName.get(name)!.options).files })),
  ];
}

/** Files under `dir` on disk, relative, with forward slashes. */
export function filesOnDisk(dir: string): string[] {
  const out: string[] = [];
  const walk = (folder: string) => {
    if (!fs.existsSync(folder)) return;
    for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
      const full = path.join(folder, entry.name);
      if (entry.isDirectory()) walk(full);
      else out.push(path.relative(dir, full).split(path.sep).join('/'));
    }
  };
  walk(dir);
  return out.sort();
}

/** Rewrites every snapshot folder from the current source (used by scripts/regen-scaffold-snapshots.mjs). */
export function writeSnapshots(root = REPO_ROOT): string[] {
  const written: string[] = [];
  for (const set of snapshotSets()) {
    const dir = path.join(root, set.dir);
    fs.rmSync(dir, { recursive: true, force: true });
    for (const file of set.files) {
      const target = path.join(dir, file.path);
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.writeFileSync(target, file.content, { mode: file.mode ?? 0o644 });
    }
    written.push(set.dir);
  }
  return written;
}
