import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * What a deploy remembers between runs, in one JSON file in the workspace (default
 * .moodle-ha/deploy-state.json): the parameter values last used per stack, and the template bucket
 * the tool created. NoEcho values are never written.
 */
export interface DeployStateFile {
  stacks: Record<string, { parameters: Record<string, string>; template?: string; updated?: string }>;
  templateBuckets?: Record<string, string>;
}

export class DeployState {
  constructor(readonly file: string) {}

  static inWorkspace(root: string): DeployState {
    return new DeployState(path.join(root, '.moodle-ha', 'deploy-state.json'));
  }

  read(): DeployStateFile {
    try {
      const parsed = JSON.parse(fs.readFileSync(this.file, 'utf8')) as DeployStateFile;
      return { stacks: parsed.stacks ?? {}, templateBuckets: parsed.templateBuckets ?? {} };
    } catch {
      return { stacks: {}, templateBuckets: {} };
    }
  }

  rememberedParameters(stackName: string): Record<string, string> {
    return this.read().stacks[stackName]?.parameters ?? {};
  }

  rememberParameters(stackName: string, values: Record<string, string>, noEchoKeys: Set<string>, template?: string): void {
    const state = this.read();
    const kept = Object.fromEntries(Object.entries(values).filter(([k]) => !noEchoKeys.has(k)));
    state.stacks[stackName] = { parameters: kept, template, updated: new Date().toISOString() };
    this.write(state);
  }

  templateBucket(region: string): string | undefined {
    return this.read().templateBuckets?.[region];
  }

  rememberTemplateBucket(region: string, bucket: string): void {
    const state = this.read();
    state.templateBuckets = { ...state.templateBuckets, [region]: bucket };
    this.write(state);
  }

  private write(state: DeployStateFile): void {
    fs.mkdirSync(path.dirname(this.file), { recursive: true });
    const temp = `${this.file}.${process.pid}.tmp`;
    fs.writeFileSync(temp, JSON.stringify(state, null, 2) + '\n');
    fs.renameSync(temp, this.file);
  }
}
