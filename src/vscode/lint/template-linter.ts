import * as vscode from 'vscode';
import { looksLikeCloudFormation } from '../../engine/template/is-cloudformation';
import { isCancellation } from '../../engine/common/cancellation';
import type { Logger } from '../../engine/common/logger';
import type { Finding } from '../../engine/lint/finding';
import type { LintResult, LintSources } from '../../engine/lint/lint-template';
import { CfnLintProcess } from '../../engine/lint/sources/cfn-lint/cfn-lint-process';
import { cfnLintInstalled } from '../../engine/lint/sources/cfn-lint/locate-cfn-lint';
import { withCfnLint } from '../../engine/lint/sources/with-cfn-lint';
import { ValidatorPool } from '../../engine/lint/validator/validator-pool';
import { LintRegions } from './lint-region';
import { BudgetedLintWorker, LINT_BUDGET_RULE } from '../../engine/lint/worker/budgeted-lint-worker';
import type { PlainLintResult } from '../../engine/lint/worker/protocol';
import { TemplateModel } from '../../engine/template/template-model';
import { LINT_SECTION, readLintSettings, type LintSettings } from './lint-settings';
import { toDiagnostic, type RuleDocs } from './to-diagnostic';

/** How long typing must pause before the quick lints of an edit are followed by a full one. */
const FULL_LINT_AFTER_MS = 1200;

/**
 * Lints documents into one DiagnosticCollection. Each document has at most one lint in flight: a
 * newer edit cancels the older run, and a result for an outdated version is dropped.
 */
export class TemplateLinter implements vscode.Disposable {
  readonly collection = vscode.languages.createDiagnosticCollection('moodle-ha');
  private readonly findings = new Map<string, Finding[]>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly fullTimers = new Map<string, NodeJS.Timeout>();
  private readonly running = new Map<string, AbortController>();
  /** The newest lint() of each document, which answers for the runs it superseded. */
  private readonly latest = new Map<string, Promise<Finding[] | undefined>>();
  private readonly pool: ValidatorPool;
  private settings: LintSettings = readLintSettings(vscode.workspace.getConfiguration(LINT_SECTION));
  /** Each document's region: the setting if the user set it, else its project's (moodle-ha.options.json). */
  private readonly regions = new LintRegions(() => this.settings.region);
  private readonly validatorStartedEmitter = new vscode.EventEmitter<Promise<void>>();
  /** Fires once, when the first template needs AWS's validator (for the status bar). */
  readonly onValidatorStarting = this.validatorStartedEmitter.event;
  private validatorStarted = false;
  private cfnLint?: { process: CfnLintProcess; path: string | undefined };
  private readonly cfnLintRunning = new Map<string, AbortController>();
  private readonly sourcesEmitter = new vscode.EventEmitter<{ uri: vscode.Uri; sources: LintSources }>();
  /** Which lint sources ran on a document (for the status bar), after each full lint and cfn-lint. */
  readonly onSourcesChanged = this.sourcesEmitter.event;
  /**
   * Parsing, the checks and the Moodle-HA rules, in a worker thread under a time and memory budget
   * (hostile YAML must not freeze the editor); it keeps each document's incremental state and asks
   * this thread's validator pool for AWS's findings.
   */
  private readonly worker: BudgetedLintWorker;
  /** Whether each document is a Moodle stack (the Moodle-HA rules ran on it) and why, for the status bar. */
  private readonly decisions = new Map<string, { isMoodle: boolean; reason: string }>();
  private readonly decisionEmitter = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidDecideMoodleStack = this.decisionEmitter.event;
  private readonly lintedEmitter = new vscode.EventEmitter<{ uri: vscode.Uri; result: LintResult }>();
  /** Fires after each lint whose result was kept (the pictures redraw from its topology). */
  readonly onDidLint = this.lintedEmitter.event;

  constructor(private readonly logger: Logger, private readonly ruleDocs?: RuleDocs) {
    this.pool = new ValidatorPool({ size: 1, logger });
    this.worker = new BudgetedLintWorker({ validator: this.pool, logger });
  }

  reloadSettings(): void {
    this.settings = readLintSettings(vscode.workspace.getConfiguration(LINT_SECTION));
    this.regions.reload();
  }

  get enabled(): boolean { return this.settings.enabled; }

  /** Documents we look at: yaml/json-like, on disk or unsaved, matching include and not exclude. */
  isCandidate(document: vscode.TextDocument): boolean {
    if (!this.settings.enabled) return false;
    if (!['file', 'untitled', 'vscode-remote'].includes(document.uri.scheme)) return false;
    if (!['yaml', 'json', 'jsonc', 'plaintext'].includes(document.languageId) && !/\.(ya?ml|json|template)$/i.test(document.fileName)) return false;
    if (document.uri.scheme === 'untitled') return true;
    const matches = (glob: string) => vscode.languages.match({ pattern: glob }, document) > 0;
    return this.settings.include.some(matches) && !this.settings.exclude.some(matches);
  }

  /**
   * After an edit: a quick lint of what changed (debounced), then a full lint once typing pauses.
   * `full` skips the quick step (a document just opened, settings changed).
   */
  schedule(document: vscode.TextDocument, mode: 'edit' | 'full' = 'full'): void {
    const key = document.uri.toString();
    clearTimeout(this.timers.get(key));
    clearTimeout(this.fullTimers.get(key));
    this.timers.set(key, setTimeout(() => {
      this.timers.delete(key);
      void this.lint(document, mode === 'edit' ? 'fast' : 'full').then(() => {
        if (mode !== 'edit' || document.isClosed) return;
        this.fullTimers.set(key, setTimeout(() => { this.fullTimers.delete(key); void this.lint(document, 'full'); }, FULL_LINT_AFTER_MS));
      });
    }, this.settings.debounceMs));
  }

  /**
   * Lints now. Resolves with the findings, or undefined when the document is not a CloudFormation
   * template we lint (or was closed, or the lint failed). A run superseded by a newer lint of the
   * same document (an edit, the open-time lint, the command run twice) resolves with the newer
   * run's result, so a caller never mistakes "superseded" for "not a template".
   */
  lint(document: vscode.TextDocument, depth: 'fast' | 'full' = 'full'): Promise<Finding[] | undefined> {
    const key = document.uri.toString();
    const run: Promise<Finding[] | undefined> = this.lintOnce(document, depth).then((findings) => {
      const latest = this.latest.get(key);
      if (findings === undefined && latest && latest !== run) return latest;
      if (latest === run) this.latest.delete(key);
      return findings;
    });
    this.latest.set(key, run);
    return run;
  }

  private async lintOnce(document: vscode.TextDocument, depth: 'fast' | 'full'): Promise<Finding[] | undefined> {
    const key = document.uri.toString();
    if (!this.isCandidate(document)) {
      this.clear(document.uri);
      return undefined;
    }
    this.running.get(key)?.abort();
    const controller = new AbortController();
    this.running.set(key, controller);
    const version = document.version;
    const text = document.getText();
    try {
      const started = Date.now();
      const validator = this.settings.useValidator ? this.pool : undefined;
      if (validator && !this.validatorStarted && looksLikeCloudFormation(text)) {
        this.validatorStarted = true;
        this.validatorStartedEmitter.fire(this.pool.warmUp());
      }
      const region = await this.regions.of(document.uri);
      const plain = await this.worker.lint({
        // A plain copy: VS Code's setting values are proxies, which do not cross to a worker thread.
        key, name: document.fileName || key, text, depth, region, rules: this.settings.rules && JSON.parse(JSON.stringify(this.settings.rules)) as typeof this.settings.rules,
        useValidator: !!validator, onDisk: document.uri.scheme === 'file',
      }, controller.signal);
      const result = withModel(plain, document.fileName || key, text);
      if (controller.signal.aborted || document.version !== version || document.isClosed) return undefined;
      this.findings.set(key, result.findings);
      if (result.moodleStack) this.decisions.set(key, result.moodleStack); else this.decisions.delete(key);
      this.decisionEmitter.fire(document.uri);
      this.collection.set(document.uri, result.findings.map((f) => toDiagnostic(f, this.ruleDocs)));
      this.lintedEmitter.fire({ uri: document.uri, result });
      if (result.isCloudFormation) this.logger.debug(`${depth} lint of ${vscode.workspace.asRelativePath(document.uri)}: ${result.findings.length} findings in ${Date.now() - started} ms`);
      if (depth === 'full' && result.isCloudFormation) void this.addCfnLint(document, version, result, region);
      return result.isCloudFormation ? result.findings : undefined;
    } catch (error) {
      if (!isCancellation(error)) this.logger.error(`lint ${document.uri.fsPath}: ${(error as Error).message}`);
      return undefined;
    } finally {
      if (this.running.get(key) === controller) this.running.delete(key);
    }
  }

  /**
   * cfn-lint after the fast path, in the background: its merged result replaces the diagnostics
   * if the document has not changed meanwhile. Never in an untrusted workspace (it runs a local
   * Python program on the workspace's text).
   */
  private async addCfnLint(document: vscode.TextDocument, version: number, result: LintResult, region: string | undefined): Promise<void> {
    const key = document.uri.toString();
    const source = this.cfnLintSource();
    if (!source) { this.sourcesEmitter.fire({ uri: document.uri, sources: result.sources }); return; }
    this.cfnLintRunning.get(key)?.abort();
    const controller = new AbortController();
    this.cfnLintRunning.set(key, controller);
    try {
      const merged = await withCfnLint(result, source, { region, rules: this.settings.rules, signal: controller.signal, key, logger: this.logger });
      if (controller.signal.aborted || document.version !== version || document.isClosed) return;
      this.findings.set(key, merged.findings);
      this.collection.set(document.uri, merged.findings.map((f) => toDiagnostic(f, this.ruleDocs)));
      this.sourcesEmitter.fire({ uri: document.uri, sources: merged.sources });
    } catch (error) {
      if (!isCancellation(error)) this.logger.error(`cfn-lint ${document.uri.fsPath}: ${(error as Error).message}`);
    } finally {
      if (this.cfnLintRunning.get(key) === controller) this.cfnLintRunning.delete(key);
    }
  }

  private cfnLintSource(): CfnLintProcess | undefined {
    const { cfnLint: mode, cfnLintPath } = this.settings;
    if (mode === 'off' || !vscode.workspace.isTrusted) return undefined;
    if (mode === 'auto' && !cfnLintInstalled(cfnLintPath)) return undefined;
    if (this.cfnLint?.path !== cfnLintPath) {
      void this.cfnLint?.process.dispose();
      this.cfnLint = { process: new CfnLintProcess({ path: cfnLintPath, logger: this.logger }), path: cfnLintPath };
    }
    return this.cfnLint!.process;
  }

  /** Whether the document is a Moodle stack and why, once it has been linted. */
  moodleStackOf(uri: vscode.Uri): { isMoodle: boolean; reason: string } | undefined {
    return this.decisions.get(uri.toString());
  }

  /** Findings (with their quick fixes) behind the diagnostics currently shown for a document. */
  findingsFor(uri: vscode.Uri): Finding[] {
    return this.findings.get(uri.toString()) ?? [];
  }

  /** Publishes findings for a file that is not open (workspace lint). */
  publish(uri: vscode.Uri, findings: Finding[]): void {
    this.findings.set(uri.toString(), findings);
    this.collection.set(uri, findings.map((f) => toDiagnostic(f, this.ruleDocs)));
  }

  clear(uri: vscode.Uri): void {
    const key = uri.toString();
    clearTimeout(this.timers.get(key));
    clearTimeout(this.fullTimers.get(key));
    this.worker.forget(key);
    this.latest.delete(key);
    this.running.get(key)?.abort();
    this.cfnLintRunning.get(key)?.abort();
    this.findings.delete(key);
    this.decisions.delete(key);
    this.collection.delete(uri);
  }

  get validator(): ValidatorPool { return this.pool; }

  dispose(): void {
    for (const t of [...this.timers.values(), ...this.fullTimers.values()]) clearTimeout(t);
    for (const c of this.running.values()) c.abort();
    this.collection.dispose();
    this.regions.dispose();
    this.validatorStartedEmitter.dispose();
    for (const c of this.cfnLintRunning.values()) c.abort();
    this.sourcesEmitter.dispose();
    this.decisionEmitter.dispose();
    this.lintedEmitter.dispose();
    void this.worker.dispose();
    void this.pool.dispose();
    void this.cfnLint?.process.dispose();
  }
}

/**
 * The worker's result with a model for what draws from one (pictures, cost). It is parsed here
 * only when asked for, and the worker has by then read the same text within its budget.
 */
function withModel(plain: PlainLintResult, name: string, text: string): LintResult {
  let model: TemplateModel | undefined;
  // Text the worker was stopped on is never parsed here: what draws from it gets an empty template.
  const readable = !plain.findings.some((f) => f.ruleId === LINT_BUDGET_RULE) ? text : '';
  return { ...plain, get model() { return (model ??= TemplateModel.parse(name, readable)); } };
}
