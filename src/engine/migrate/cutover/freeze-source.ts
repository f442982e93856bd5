import * as fs from 'node:fs';
import type { Route53Client } from '@aws-sdk/client-route-53';
import { MhaError } from '../../common/errors';
import { Journal } from '../journal';
import type { SourceInventory } from '../inventory';
import { SshSession } from '../ssh/ssh-session';
import { takeOverSsh, type SshSource } from '../take/take-ssh';
import type { MigrateContext } from '../take/take-context';
import { setSourceMaintenance } from './source-maintenance';
import { CUTOVER_STEP } from './restore-on-stack';
import { DNS_STEP, revertDnsSwitch } from './dns-switch';

/** The cutover's steps on the source, in the journal with the take's and the upload's. */
export const SOURCE_STEP = { maintenance: 'cutover.maintenance', finalTake: 'cutover.final-take', finished: 'cutover.finished' } as const;

/** The source over SSH, with the user that owns its moodledata (maintenance.php runs as that user). */
export interface CutoverSource extends SshSource { webUser: string }

/** The final take lives in its own journal under the work folder, so a rollback can drop it whole. */
const FINAL_DIR = 'final';

/**
 * The start of the cutover: the source goes into Moodle's CLI maintenance (users get its 503 page,
 * nothing changes from then on), then the site is taken again, whole, so what is uploaded is what
 * the last user left. Each is a journal step: run again, neither is repeated.
 */
export async function freezeSource(ctx: MigrateContext, inventory: SourceInventory, source: CutoverSource): Promise<SourceInventory> {
  const { journal } = ctx;
  refuseWhenFinished(journal);
  // An upload recorded before the source was frozen (an earlier release uploaded the first take) is stale.
  if (journal.done(CUTOVER_STEP.upload) && !journal.done(SOURCE_STEP.maintenance)) journal.forget(CUTOVER_STEP.upload);
  await journal.step(SOURCE_STEP.maintenance, async () => {
    ctx.progress({ message: `Putting ${source.host}'s site into maintenance (users see Moodle's maintenance page from now on)…` });
    const session = await SshSession.connect(source, journal.file('known_hosts.json'), ctx.signal);
    try {
      await setSourceMaintenance(session, siteOf(inventory, source), true, ctx.signal);
    } finally {
      session.close();
    }
    return { at: new Date().toISOString() };
  });
  const { result } = await journal.step(SOURCE_STEP.finalTake, async () => {
    ctx.progress({ message: 'Taking the site again, now that nobody can change it…' });
    const final = Journal.open(journal.file(FINAL_DIR));
    // The host key the user confirmed for the first take is the one trusted here.
    if (fs.existsSync(journal.file('known_hosts.json'))) fs.copyFileSync(journal.file('known_hosts.json'), final.file('known_hosts.json'));
    return takeOverSsh({ ...ctx, journal: final }, source);
  });
  return result;
}

/**
 * Back to the source until the user says the new site is good: the site's name back to the records it
 * had (when the cutover switched it), maintenance off on the source, and the cutover's steps forgotten (with the final take), so the next cutover freezes and takes anew.
 * The stack keeps what was restored into it; nothing on the source is changed but the maintenance file.
 */
export async function rollbackToSource(ctx: MigrateContext, inventory: SourceInventory, source: CutoverSource, route53?: Route53Client): Promise<{ wasInMaintenance: boolean; dnsReverted: boolean }> {
  const { journal } = ctx;
  refuseWhenFinished(journal);
  const wasInMaintenance = journal.done(SOURCE_STEP.maintenance);
  // DNS first: users are sent back to the source before it opens, never to a half-closed one.
  if (journal.done(DNS_STEP) && !route53) {
    throw new MhaError('usage', "This cutover switched the site's name to the stack: the rollback must put the old record back, which needs AWS access.", { nextStep: 'Run the rollback again with --profile/--region (as for the cutover).' });
  }
  const { reverted: dnsReverted } = route53 ? await revertDnsSwitch(journal, route53, ctx.signal) : { reverted: false };
  ctx.progress({ message: `Ending maintenance on ${source.host}: its users are served by it again…` });
  const session = await SshSession.connect(source, journal.file('known_hosts.json'), ctx.signal);
  try {
    await setSourceMaintenance(session, siteOf(inventory, source), false, ctx.signal);
  } finally {
    session.close();
  }
  for (const step of [SOURCE_STEP.maintenance, CUTOVER_STEP.upload]) journal.forget(step);
  fs.rmSync(journal.file(FINAL_DIR), { recursive: true, force: true });
  return { wasInMaintenance, dnsReverted };
}

/** The user says the new site is good: from now on there is no rollback, and the source may be retired. */
export async function finishCutover(journal: Journal): Promise<{ finishedAt: string }> {
  if (!journal.done(CUTOVER_STEP.restore)) {
    throw new MhaError('usage', 'The cutover has not restored the site on the stack yet: there is nothing to finish.', { nextStep: "Run 'moodle-ha migrate cutover …' first, and check the new site." });
  }
  const { result } = await journal.step(SOURCE_STEP.finished, async () => ({ finishedAt: new Date().toISOString() }));
  return result;
}

function refuseWhenFinished(journal: Journal): void {
  const finished = journal.result<{ finishedAt: string }>(SOURCE_STEP.finished);
  if (finished) {
    throw new MhaError('usage', `This migration was finished on ${finished.finishedAt}: the new site was declared good, so the source is not touched again.`, {
      nextStep: 'To migrate again, start with an empty work folder.',
    });
  }
}

function siteOf(inventory: SourceInventory, source: CutoverSource) {
  const dataroot = inventory.config.settings.dataroot;
  if (!dataroot) throw new MhaError('migrate.input', "The take found no $CFG->dataroot in the source's config.php.", { nextStep: 'Take the site again.' });
  return { codeDir: source.codeDir, dataroot, webUser: source.webUser, sshUser: source.username };
}
