import { CACHE_ENGINES, CODE_SOURCES, DATABASE_ENGINES, STORAGE_KINDS, resolveOptions, type ScaffoldFormat, type ScaffoldOptions } from './options';

export interface Variant {
  /** e.g. cfn-aurora-mysql-redis-efs-s3-2az */
  name: string;
  options: ScaffoldOptions;
}

const EXAMPLE_ACCOUNT = '123456789012';
const EXAMPLE_ID = '0b5c1d2e-3f40-4a5b-8c6d-7e8f90a1b2c3';

/**
 * Every wizard variant: format × database × cache × storage × code source × AZ count. The other
 * answers (web server, scaling metric, HTTPS, Moodle version) rotate with them so each value is
 * covered too. Tests, the snapshot script and the benchmark all use this one list.
 */
export function allVariants(): Variant[] {
  const variants: Variant[] = [];
  for (const format of ['cloudformation', 'cdk'] as ScaffoldFormat[]) {
    for (const database of DATABASE_ENGINES) {
      for (const cache of CACHE_ENGINES) {
        for (const storage of STORAGE_KINDS) {
          for (const code of CODE_SOURCES) {
            for (const azCount of [2, 3] as const) {
              const name = [format === 'cdk' ? 'cdk' : 'cfn', database, cache, storage, code, `${azCount}az`].join('-');
              variants.push({ name, options: variantOptions(format, database, cache, storage, code, azCount) });
            }
          }
        }
      }
    }
  }
  return variants;
}

function variantOptions(format: ScaffoldFormat, database: ScaffoldOptions['database']['engine'], cache: ScaffoldOptions['cache']['engine'], storage: ScaffoldOptions['storage']['kind'], code: ScaffoldOptions['code']['source'], azCount: 2 | 3): ScaffoldOptions {
  const region = 'eu-west-1';
  const https = azCount === 3;
  return resolveOptions({
    format, region, azCount,
    web: { server: code === 'github' ? 'nginx' : 'apache', moodleVersion: database.includes('postgres') ? '5.1' : cache === 'valkey' ? '4.5' : '5.0' },
    scaling: { metric: cache === 'memcached' ? 'requests' : 'cpu', targetValue: cache === 'memcached' ? 800 : 60 },
    storage: { kind: storage, endpoint: storage === 'efs' ? '' : '10.80.20.10:/moodledata' },
    database: { engine: database },
    cache: { engine: cache, nodeCount: azCount },
    code: {
      source: code,
      githubConnectionArn: code === 'github' ? `arn:aws:codeconnections:${region}:${EXAMPLE_ACCOUNT}:connection/${EXAMPLE_ID}` : '',
      githubRepository: code === 'github' ? 'example-university/moodle-site' : '',
      codeCommitRepository: code === 'codecommit' ? 'moodle-site' : '',
    },
    domain: https ? { name: 'moodle.example.edu', certificateArn: `arn:aws:acm:${region}:${EXAMPLE_ACCOUNT}:certificate/${EXAMPLE_ID}` } : { name: '', certificateArn: '' },
  });
}

/** The CloudFormation template does not depend on the format: one template per other combination. */
export function templateVariants(): Variant[] {
  return allVariants().filter((v) => v.options.format === 'cloudformation');
}
