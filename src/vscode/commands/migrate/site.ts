import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { MhaError } from '../../../engine/common/errors';
import type { ExtensionCommand } from '../command';
import type { Services } from '../../services';
import { withCancellableProgress } from '../../with-cancellable-progress';
import { errorOf, runMigrateCli, type MigrateRun } from '../../migrate/migrate-cli';
import { replicaProject } from '../../sim/replica-project';

const TITLE = 'Moodle HA: Migrate a Site';
/** USER@HOST[:PORT], as the CLI's --ssh takes it (the CLI checks it again); the host is group 1. */
const SSH_ADDRESS = /^[^@\s]+@([^@\s:]+)(?::\d{1,5})?$/;

interface PickedSource {
  /** The take's arguments (never a secret: the key is a file path, passwords are read from config.php on the server). */
  args: string[];
  /** A short name for the work folder. */
  name: string;
  ssh: boolean;
}

/**
 * "Moodle HA: Migrate a Site…": take a single-server site (over SSH, or from a dump, a moodledata
 * archive and a code folder), check it against the target, and rehearse it in the local replica.
 * Each step is `moodle-ha migrate …` in a child process, journalled in the work folder, so running
 * the command again with the same folder goes on where it stopped. The cutover stays on the CLI,
 * where each step that changes the live site is asked for by name.
 */
export const migrateSiteCommand: ExtensionCommand = {
  id: 'moodleHa.migrate.site',
  async run(services) {
    const source = await pickSource();
    if (!source) return;
    const work = await pickWorkFolder(source.name);
    if (!work) return;
    const take = await takeWithHostKey(services, source, work);
    if (!take) return;
    const check = await step(services, 'checking it against the target', ['check', '--work', work, '--project', replicaProject(services.context)]);
    if (check.code === 130) return;
    const report = await vscode.workspace.openTextDocument({ language: 'markdown', content: reportText(work, take.stdout, check) });
    await vscode.window.showTextDocument(report, { preview: false });
    if (check.code !== 0) {
      void vscode.window.showWarningMessage(`${TITLE}: the check refused the site (see the report). Fix what it names, then run Migrate a Site again with the same work folder.`);
      return;
    }
    const rehearse = 'Rehearse in the Local Replica';
    if (await vscode.window.showInformationMessage(`${TITLE}: taken and checked. Restore it into the running local replica and verify every table and file?`, rehearse) !== rehearse) return;
    const project = replicaProject(services.context);
    const run = await step(services, `rehearsing it in the local replica '${project}'`, ['rehearse', '--work', work, '--project', project]);
    if (run.code === 130) return;
    const rehearsal = await vscode.workspace.openTextDocument({ language: 'markdown', content: `# Rehearsal in the local replica '${project}'\n\n\`\`\`text\n${run.stdout || errorOf(run)}\n\`\`\`\n` });
    await vscode.window.showTextDocument(rehearsal, { preview: false });
    if (run.code === 0) void vscode.window.showInformationMessage(`${TITLE}: the rehearsal passed. The cutover to AWS runs from a terminal: moodle-ha migrate cutover --work "${work}" … (see its --help).`);
    else void vscode.window.showWarningMessage(`${TITLE}: the rehearsal did not pass: ${firstLine(run)}`);
  },
};

async function pickSource(): Promise<PickedSource | undefined> {
  const kind = await vscode.window.showQuickPick([
    { label: 'A running server, over SSH', detail: 'Dumps the database with the right options for Moodle, archives moodledata without caches, copies the code; nothing on the server changes', value: 'ssh' },
    { label: 'Files I already have', detail: 'A database dump (.sql or .sql.gz), a moodledata archive (.tar or .tar.gz) and the Moodle code folder', value: 'files' },
  ], { title: `${TITLE} (1/3)`, placeHolder: 'Where is the site now?', ignoreFocusOut: true });
  if (!kind) return undefined;
  if (kind.value === 'files') {
    const dump = await pickFile('The database dump', { 'SQL dump': ['sql', 'gz'] });
    const moodledata = dump && await pickFile('The moodledata archive', { Archive: ['tar', 'gz', 'tgz'] });
    const code = moodledata && await pickFolder('The Moodle code folder (with config.php and version.php)');
    if (!dump || !moodledata || !code) return undefined;
    // The work folder is named after the folder the dump came from (a site's export folder, usually).
    return { args: ['--dump', dump, '--moodledata', moodledata, '--code', code], name: path.basename(path.dirname(dump)), ssh: false };
  }
  const address = await vscode.window.showInputBox({
    title: `${TITLE} (1/3)`, prompt: 'The server, as for ssh: USER@HOST or USER@HOST:PORT', placeHolder: 'admin@moodle.school.edu', ignoreFocusOut: true,
    validateInput: (value) => (SSH_ADDRESS.test(value.trim()) ? undefined : 'Give USER@HOST, or USER@HOST:PORT (e.g. admin@moodle.school.edu:2222).'),
  });
  if (!address) return undefined;
  const key = await pickFile('The private key that logs in to the server', undefined, path.join(os.homedir(), '.ssh'));
  if (!key) return undefined;
  const codeDir = await vscode.window.showInputBox({ title: `${TITLE} (1/3)`, prompt: "Moodle's folder on the server (where config.php is)", value: '/var/www/moodle', ignoreFocusOut: true });
  if (!codeDir) return undefined;
  return { args: ['--ssh', address.trim(), '--key', key, '--code-dir', codeDir.trim()], name: SSH_ADDRESS.exec(address.trim())![1], ssh: true };
}

async function pickWorkFolder(name: string): Promise<string | undefined> {
  const suggested = path.join(os.homedir(), 'moodle-ha-migrate', name.replace(/[^A-Za-z0-9._-]/g, '-'));
  const value = await vscode.window.showInputBox({
    title: `${TITLE} (2/3)`, value: suggested, ignoreFocusOut: true,
    prompt: 'The work folder: it keeps the journal, the dump and moodledata (room for both), outside the workspace so nothing in it is linted or committed. The same folder later goes on where it stopped.',
    validateInput: (v) => (path.isAbsolute(v.trim()) ? undefined : 'Give an absolute path.'),
  });
  return value?.trim() || undefined;
}

/** The take; on a first connection the host key is shown and the take repeated once the user trusts it. */
async function takeWithHostKey(services: Services, source: PickedSource, work: string): Promise<MigrateRun | undefined> {
  const args = ['take', '--work', work, ...source.args];
  for (;;) {
    const run = await step(services, 'taking the site', args, false);
    if (run.code === 0) return run;
    if (run.code === 130) return undefined;
    const seen = /First connection to \S+: its SSH host key is (SHA256:\S+?)\./.exec(run.stderr)?.[1];
    if (!source.ssh || !seen || args.includes('--accept-host-key')) throw failure(run);
    const trust = 'Trust This Key';
    const answer = await vscode.window.showWarningMessage(
      `First connection to this server. Its SSH host key is ${seen}. Compare it with the server's own (on the server: ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub) before you trust it.`,
      { modal: true }, trust);
    if (answer !== trust) return undefined;
    args.push('--accept-host-key', seen);
  }
}

/** One CLI step under a cancellable progress notification; a failure other than findings is thrown. */
async function step(services: Services, what: string, args: string[], throwOnError = true): Promise<MigrateRun> {
  const run = await withCancellableProgress(`${TITLE}: ${what}`, (signal, report) => runMigrateCli(services.context, args, {
    signal, onProgress: (line) => { report({ message: line }); services.logger.info(line); },
  }));
  if (run.code === 130) void vscode.window.showInformationMessage(`${TITLE}: cancelled. What finished is kept in the work folder; run it again to go on.`);
  else if (throwOnError && run.code !== 0 && !run.stdout) throw failure(run);
  return run;
}

function failure(run: MigrateRun): MhaError {
  const [message, ...next] = errorOf(run).split('\n');
  return new MhaError('migrate.input', message, { nextStep: next.map((l) => l.replace(/^\s*→\s*/, '')).join(' ') || undefined });
}

function reportText(work: string, take: string, check: MigrateRun): string {
  return [
    `# Migration: what was taken and what the check says`, '',
    `Work folder: \`${work}\``, '',
    '## Take', '', '```text', take.trimEnd(), '```', '',
    '## Check', '', '```text', (check.stdout || errorOf(check)).trimEnd(), '```', '',
    check.code === 0 ? 'Nothing refused: next, the rehearsal in the local replica.' : 'Refused: nothing was moved. Fix what the check names, then run Migrate a Site again with the same work folder.', '',
  ].join('\n');
}

function firstLine(run: MigrateRun): string {
  return (run.stdout.split('\n').find((l) => /FAIL|fail/.test(l)) ?? errorOf(run).split('\n')[0]).trim();
}

async function pickFile(title: string, filters?: Record<string, string[]>, start?: string): Promise<string | undefined> {
  const picked = await vscode.window.showOpenDialog({ title, canSelectFiles: true, canSelectFolders: false, canSelectMany: false, filters, defaultUri: start ? vscode.Uri.file(start) : undefined, openLabel: 'Use This File' });
  return picked?.[0]?.fsPath;
}

async function pickFolder(title: string): Promise<string | undefined> {
  const picked = await vscode.window.showOpenDialog({ title, canSelectFiles: false, canSelectFolders: true, canSelectMany: false, openLabel: 'Use This Folder' });
  return picked?.[0]?.fsPath;
}
