import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/**
 * What a deploy remembers between runs: the parameter values last used per stack, and the template
 * bucket the tool created. It is the user's, never the workspace's (a cloned repository must not be
 * able to steer a deploy), and kept apart per AWS account and region, so values remembered for one
 * account never reach another. NoEcho values are never written.
 */
interface ScopeData {
  stacks: Record<string, { parameters: Record<string, string>; template?: string; updated?: string }>;
  templateBucket?: string;
}

export interface DeployStateFile {
  version: 2;
  /** By `<account>/<region>`. */
  scopes: Record<string, ScopeData>;
}

export class DeployState {
  constructor(readonly file: string) {}

  /** $XDG_CONFIG_HOME/moodle-ha/deploy-state.json (~/.config/… without it): shared by the CLI and VS Code. */
  static forUser(env: NodeJS.ProcessEnv = process.env): DeployState {
    const config = env.XDG_CONFIG_HOME || path.join(env.HOME || os.homedir(), '.config');
    return new DeployState(path.join(config, 'moodle-ha', 'deploy-state.json'));
  }

  scope(account: string, region: string): DeployScope {
    return new DeployScope(this, `${account || 'unknown-account'}/${region}`);
  }

  /** The stack last deployed from this template file in any account, to suggest its name. */
  stackNameFor(templateFile: string): string | undefined {
    for (const scope of Object.values(this.read().scopes)) {
      const hit = Object.entries(scope.stacks).find(([, s]) => s.template === templateFile);
      if (hit) return hit[0];
    }
    return undefined;
  }

  read(): DeployStateFile {
    try {
      const parsed = JSON.parse(fs.readFileSync(this.file, 'utf8')) as Partial<DeployStateFile>;
      if (parsed.version !== 2 || typeof parsed.scopes !== 'object' || !parsed.scopes) return empty();
      return { version: 2, scopes: parsed.scopes };
    } catch {
      return empty();
    }
  }

  update(key: string, change: (scope: ScopeData) => void): void {
    const state = this.read();
    const scope = Object.hasOwn(state.scopes, key) ? state.scopes[key] : { stacks: {} };
    change(scope);
    state.scopes[key] = scope;
    fs.mkdirSync(path.dirname(this.file), { recursive: true, mode: 0o700 });
    const temp = `${this.file}.${process.pid}.tmp`;
    fs.writeFileSync(temp, JSON.stringify(state, null, 2) + '\n', { mode: 0o600 });
    fs.renameSync(temp, this.file);
  }
}

/** One account and region of the state. */
export class DeployScope {
  constructor(private readonly state: DeployState, readonly key: string) {}

  private data(): ScopeData | undefined {
    const scopes = this.state.read().scopes;
    return Object.hasOwn(scopes, this.key) ? scopes[this.key] : undefined;
  }

  rememberedParameters(stackName: string): Record<string, string> {
    const stacks = this.data()?.stacks ?? {};
    return (Object.hasOwn(stacks, stackName) ? stacks[stackName].parameters : undefined) ?? {};
  }

  rememberParameters(stackName: string, values: Record<string, string>, noEchoKeys: Set<string>, template?: string): void {
    const kept = Object.fromEntries(Object.entries(values).filter(([k]) => !noEchoKeys.has(k)));
    this.state.update(this.key, (scope) => { scope.stacks[stackName] = { parameters: kept, template, updated: new Date().toISOString() }; });
  }

  templateBucket(): string | undefined {
    return this.data()?.templateBucket;
  }

  rememberTemplateBucket(bucket: string): void {
    this.state.update(this.key, (scope) => { scope.templateBucket = bucket; });
  }
}

function empty(): DeployStateFile {
  return { version: 2, scopes: {} };
}
