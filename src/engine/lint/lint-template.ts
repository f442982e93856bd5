import { isCancellation } from '../common/cancellation';
import type { ParseProblem } from '../template/parse';
import { TemplateModel } from '../template/template-model';
import { deriveTopology } from '../topology/derive';
import type { TemplateFiles } from '../topology/stack-family/template-files';
import type { HaTopology } from '../topology/types';
import { withDefaultRuleSettings } from './default-rule-settings';
import { compareFindings, type Finding, type Severity } from './finding';
import { withoutIgnored } from './ignore-metadata';
import { mapValidatorDiagnostics } from './map-validator';
import { runHaRules } from './run-ha-rules';
import type { HaRule } from './rule';
import { haRules } from './rules';
import type { TemplateValidator } from './validator/validator-pool';

/** Per rule id (MHA1001, E3012…): turn it off or change its severity. */
export type RuleSettings = Record<string, 'off' | Severity>;

export interface LintOptions {
  /** AWS's validator; without one only the parser and the HA rules run. */
  validator?: TemplateValidator;
  region?: string;
  rules?: RuleSettings;
  haRules?: HaRule[];
  signal?: AbortSignal;
  /** Reads the stack's other templates (parent, nested stacks), so parts found there count. */
  files?: TemplateFiles;
}

export interface LintResult {
  model: TemplateModel;
  isCloudFormation: boolean;
  findings: Finding[];
  topology?: HaTopology;
  /** Whether the Moodle-HA rules ran (a Moodle stack) and why: for --verbose and the editor's status. */
  moodleStack?: { isMoodle: boolean; reason: string };
}

/** Parse errors use cfn-lint's id for them, so both tools agree on what a broken file is. */
export const PARSE_ERROR_RULE = 'E0000';

export async function lintTemplate(uri: string, text: string, options: LintOptions = {}): Promise<LintResult> {
  const model = TemplateModel.parse(uri, text);
  const { validator } = options;
  return lintModel(model, options, () => validator?.validate(uri, text, { region: options.region, signal: options.signal })
    .then((diagnostics) => mapValidatorDiagnostics(model, diagnostics)));
}

/** Whether the validator should see this model at all: not when the text does not even parse. */
export function canValidate(model: TemplateModel): boolean {
  return !!model.root && !model.problems.some((p) => p.code !== 'duplicate-key');
}

/**
 * Everything after parsing: parse problems, our rules over the topology, and the validator's
 * findings (started by `validate` only when the text parses, and awaited while our rules run).
 */
export async function lintModel(model: TemplateModel, options: LintOptions, validate: () => Promise<Finding[]> | undefined): Promise<LintResult> {
  const isCloudFormation = model.isCloudFormation;
  if (!isCloudFormation) return { model, isCloudFormation, findings: [] };
  const findings: Finding[] = model.problems.map(parseFinding);
  if (!canValidate(model)) return { model, isCloudFormation, findings: applySettings(findings, options.rules) };

  const validated = validate();
  const topology = deriveTopology(model, { files: options.files });
  const rules = options.haRules ?? haRules;
  // A template that is not a Moodle stack gets no Moodle-HA finding: its groups and databases are someone else's design.
  const moodleStack = topology.moodleStack ?? { isMoodle: true, reason: 'no decision was made' };
  if (moodleStack.isMoodle) findings.push(...runHaRules(model, topology, rules));
  if (validated) {
    try {
      const fromValidator = await validated;
      findings.splice(0, findings.length, ...withoutRepeatedParseErrors(findings, fromValidator), ...fromValidator);
    } catch (error) {
      if (isCancellation(error)) throw error;
      findings.push({
        ruleId: 'MHA0000', severity: 'warning', source: 'Moodle HA', range: model.lines.lineRange(0),
        message: `${(error as Error).message} Only the Moodle HA rules ran.`,
      });
    }
  }
  return { model, isCloudFormation, findings: applySettings(withoutIgnored(model, findings, rules), options.rules), topology, moodleStack };
}

/** The validator reports duplicate keys too (F0000); keep one finding per line, the validator's. */
function withoutRepeatedParseErrors(ours: Finding[], validator: Finding[]): Finding[] {
  const lines = new Set(validator.filter((f) => /^[EF]0000$/.test(f.ruleId)).map((f) => f.range.start.line));
  return ours.filter((f) => f.ruleId !== PARSE_ERROR_RULE || !lines.has(f.range.start.line));
}

function parseFinding(problem: ParseProblem): Finding {
  return { ruleId: PARSE_ERROR_RULE, severity: 'error', source: 'CloudFormation', message: problem.message, range: problem.range };
}

function applySettings(findings: Finding[], userRules: RuleSettings | undefined): Finding[] {
  const rules = withDefaultRuleSettings(userRules);
  const out: Finding[] = [];
  for (const f of findings) {
    const setting = rules[f.ruleId];
    if (setting === 'off') continue;
    out.push(setting ? { ...f, severity: setting } : f);
  }
  return out.sort(compareFindings);
}
