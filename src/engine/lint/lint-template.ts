import * as path from 'node:path';
import { isCancellation } from '../common/cancellation';
import type { ParseProblem } from '../template/parse';
import { TemplateModel } from '../template/template-model';
import { deriveTopology } from '../topology/derive';
import { sharedTemplateModel } from '../topology/stack-family/family';
import type { TemplateFiles } from '../topology/stack-family/template-files';
import type { HaTopology } from '../topology/types';
import { withDefaultRuleSettings } from './default-rule-settings';
import { compareFindings, type Finding, type Severity } from './finding';
import { withoutIgnored } from './ignore-metadata';
import { mapValidatorDiagnostics } from './map-validator';
import { runHaRules } from './run-ha-rules';
import type { HaRule } from './rule';
import { haRules } from './rules';
import { runGenericChecks, withoutValidatorRepeats } from './generic/run-generic-checks';
import { checkTemplateLimits } from './validator/template-limits';
import { atExclusiveProperties } from './validator/exclusive-groups';
import { withoutValidatorFalseErrors } from './validator/validator-false-errors';
import type { TemplateValidator } from './validator/validator-pool';

/** Per rule id (MHA1001, E3012…): turn it off or change its severity. */
export type RuleSettings = Record<string, 'off' | Severity>;

export interface LintOptions {
  /** AWS's validator; without one only the parser and the HA rules run. */
  validator?: TemplateValidator;
  /**
   * A newer validation of the same file drops one still queued (default, right for an editor where
   * only the latest text matters). Off for batch runs: two at once must both finish.
   */
  supersede?: boolean;
  region?: string;
  rules?: RuleSettings;
  haRules?: HaRule[];
  signal?: AbortSignal;
  /** Our generic CloudFormation checks (default on). */
  genericChecks?: boolean;
  /** Reads the stack's other templates (parent, nested stacks), so parts found there count. */
  files?: TemplateFiles;
}

/** What one lint source did on this run: for the status line, the log and the bench. */
export type SourceState = 'ran' | 'off' | 'skipped' | 'failed';

export interface LintSources {
  validator: SourceState;
  generic: SourceState;
  haRules: SourceState;
  /** Set by reconcileWithCfnLint; absent when cfn-lint was not asked. */
  cfnLint?: SourceState;
  /** Why a source was skipped or failed, in a sentence. */
  notes: string[];
}

export interface LintResult {
  model: TemplateModel;
  isCloudFormation: boolean;
  findings: Finding[];
  topology?: HaTopology;
  sources: LintSources;
  /** Whether the Moodle-HA rules ran (a Moodle stack) and why: for --verbose and the editor's status. */
  moodleStack?: { isMoodle: boolean; reason: string };
}

/** Parse errors use cfn-lint's id for them, so both tools agree on what a broken file is. */
export const PARSE_ERROR_RULE = 'E0000';

export async function lintTemplate(uri: string, text: string, options: LintOptions = {}): Promise<LintResult> {
  // A CLI path (not an editor URI) may share its model with the run's stack-family reader.
  const model = options.files && !uri.includes('://') && path.isAbsolute(uri) ? sharedTemplateModel(options.files, uri, text) : TemplateModel.parse(uri, text);
  const { validator } = options;
  return lintModel(model, options, () => validator?.validate(uri, text, { region: options.region, signal: options.signal, key: options.supersede === false ? undefined : uri })
    .then((diagnostics) => mapValidatorDiagnostics(model, diagnostics)));
}

/** Whether the validator and the rules should see this model at all: not when the text does not read cleanly. */
export function canValidate(model: TemplateModel): boolean {
  // Duplicate keys included: cfn-lint then reports only them, and the validator would check a
  // template that silently lost one of the two values.
  return !!model.root && model.problems.length === 0;
}

/**
 * Everything after parsing: parse problems, our rules over the topology, and the validator's
 * findings (started by `validate` only when the text parses, and awaited while our rules run).
 */
export async function lintModel(model: TemplateModel, options: LintOptions, validate: () => Promise<Finding[]> | undefined): Promise<LintResult> {
  const isCloudFormation = model.isCloudFormation;
  const sources: LintSources = { validator: options.validator ? 'skipped' : 'off', generic: 'skipped', haRules: 'skipped', notes: [] };
  if (!isCloudFormation) return { model, isCloudFormation, findings: [], sources };
  const findings: Finding[] = model.problems.map(parseFinding);
  if (!canValidate(model)) {
    sources.notes.push('The template did not parse; only the parse errors are reported.');
    return { model, isCloudFormation, findings: applySettings(findings, options.rules), sources };
  }

  const limits = checkTemplateLimits(model);
  findings.push(...limits.findings);
  if (limits.skipValidator && options.validator) sources.notes.push(limits.skipValidator);
  const validated = limits.skipValidator ? undefined : validate();
  const generic = options.genericChecks === false ? undefined : runGenericChecks(model);
  sources.generic = generic ? 'ran' : 'off';
  if (generic) findings.push(...generic.findings);
  const topology = deriveTopology(model, { files: options.files });
  const rules = options.haRules ?? haRules;
  // A template that is not a Moodle stack gets no Moodle-HA finding: its groups and databases are someone else's design.
  const moodleStack = topology.moodleStack ?? { isMoodle: true, reason: 'no decision was made' };
  if (moodleStack.isMoodle) findings.push(...runHaRules(model, topology, rules, options.region));
  sources.haRules = moodleStack.isMoodle ? 'ran' : 'skipped';
  if (!moodleStack.isMoodle) sources.notes.push(`Moodle-HA rules skipped: ${moodleStack.reason}`);
  if (validated) {
    try {
      const fromValidator = atExclusiveProperties(model, withoutValidatorFalseErrors(model, withoutValidatorRepeats(await validated, generic ?? { findings: [], subjects: new Set() })));
      findings.splice(0, findings.length, ...withoutRepeatedParseErrors(findings, fromValidator), ...fromValidator);
      sources.validator = 'ran';
    } catch (error) {
      if (isCancellation(error)) throw error;
      sources.validator = 'failed';
      sources.notes.push((error as Error).message);
      findings.push({
        ruleId: 'MHA0000', severity: 'warning', source: 'Moodle HA', range: model.lines.lineRange(0),
        message: `${(error as Error).message} Only the Moodle HA rules ran.`,
      });
    }
  }
  return { model, isCloudFormation, findings: applySettings(withoutIgnored(model, findings, rules), options.rules), topology, sources, moodleStack };
}

/** The validator reports duplicate keys too (F0000); keep one finding per line, the validator's. */
function withoutRepeatedParseErrors(ours: Finding[], validator: Finding[]): Finding[] {
  const lines = new Set(validator.filter((f) => /^[EF]0000$/.test(f.ruleId)).map((f) => f.range.start.line));
  return ours.filter((f) => f.ruleId !== PARSE_ERROR_RULE || !lines.has(f.range.start.line));
}

function parseFinding(problem: ParseProblem): Finding {
  return { ruleId: PARSE_ERROR_RULE, severity: 'error', source: 'CloudFormation', origin: 'parser', message: problem.message, range: problem.range };
}

export function applySettings(findings: Finding[], userRules: RuleSettings | undefined): Finding[] {
  const rules = withDefaultRuleSettings(userRules);
  const out: Finding[] = [];
  for (const f of findings) {
    const setting = rules[f.ruleId];
    if (setting === 'off') continue;
    out.push(setting ? { ...f, severity: setting } : f);
  }
  return out.sort(compareFindings);
}
