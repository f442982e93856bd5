import { randomUUID } from 'node:crypto';
import { ScriptedError, startScriptedEndpoint, type ScriptedEndpoint } from './scripted-endpoint';

/**
 * A scripted CloudFormation for the cases moto cannot produce: per-resource events arriving over
 * time, CREATE_FAILED with a reason, rollbacks, ROLLBACK_COMPLETE, UPDATE_ROLLBACK_FAILED,
 * nested stacks, throttling and expired credentials. The real SDK client talks to it over HTTP.
 *
 * A test describes what an operation does as a timeline of events (`afterMs` from the moment the
 * operation starts); DescribeStackEvents reveals each event once its time has come.
 */
export interface ScriptedStep {
  afterMs: number;
  logicalId: string;
  type?: string;
  status: string;
  reason?: string;
  /** The stack this event belongs to, when not the operated one (nested stacks). */
  inStack?: string;
  physicalId?: string;
}

export interface ScriptedStack {
  name: string;
  id: string;
  status: string;
  reason?: string;
  parameters: Array<{ ParameterKey: string; ParameterValue?: string }>;
  outputs: Array<{ OutputKey: string; OutputValue: string }>;
  template: string;
  terminationProtection: boolean;
  tags: Array<{ Key: string; Value: string }>;
  events: Array<Record<string, unknown>>;
  created: Date;
}

type Operation = 'execute' | 'delete' | 'continueRollback' | 'cancelUpdate';

export interface Fault {
  /** Only this action fails (all actions when absent). */
  action?: string;
  /** How many calls fail before answering normally (Infinity: always). */
  times: number;
  error: ScriptedError;
}

export class ScriptedCloudFormation {
  readonly stacks = new Map<string, ScriptedStack>();
  /** What each operation plays; the test sets the ones it needs. */
  readonly timelines: Partial<Record<Operation, (stack: ScriptedStack) => ScriptedStep[]>> = {};
  /** Changes that the next change set reports. */
  plannedChanges: Array<Record<string, unknown>> = [];
  /** Small pages show pagination bugs. */
  eventPageSize = 100;
  /** AWS's clock minus ours: negative when AWS runs behind. */
  clockOffsetMs = 0;
  faults: Fault[] = [];
  private pending: Array<{ due: number; stack: ScriptedStack; step: ScriptedStep }> = [];
  private changeSets = new Map<string, { stack: ScriptedStack; type: string; parameters: ScriptedStack['parameters'] }>();
  private server?: ScriptedEndpoint;

  get endpoint(): string { return this.server!.endpoint; }
  get calls() { return this.server!.calls; }
  callsTo(action: string) { return this.server!.callsTo(action); }

  async start(): Promise<this> {
    this.server = await startScriptedEndpoint((action, params) => this.handle(action, params));
    return this;
  }

  stop(): Promise<void> { return this.server?.stop() ?? Promise.resolve(); }

  addStack(spec: Partial<ScriptedStack> & { name: string; status: string }): ScriptedStack {
    const stack: ScriptedStack = {
      id: `arn:aws:cloudformation:us-east-1:123456789012:stack/${spec.name}/${randomUUID()}`,
      parameters: [], outputs: [], template: '{"Resources":{}}', terminationProtection: false, tags: [], events: [], created: new Date(),
      ...spec,
    };
    this.stacks.set(stack.name, stack);
    return stack;
  }

  /** Records an event dated `agoMs` before now (AWS time), e.g. from an earlier operation. */
  addPastEvent(stack: ScriptedStack, agoMs: number, step: Omit<ScriptedStep, 'afterMs'>): void {
    stack.events.unshift(this.eventFor(stack, { ...step, afterMs: 0 }, Date.now() + this.clockOffsetMs - agoMs));
  }

  private play(stack: ScriptedStack, operation: Operation): void {
    const start = Date.now();
    for (const step of this.timelines[operation]?.(stack) ?? []) this.pending.push({ due: start + step.afterMs, stack, step });
    this.pending.sort((a, b) => a.due - b.due);
  }

  private advance(): void {
    const now = Date.now();
    while (this.pending.length && this.pending[0].due <= now) {
      const { due, stack, step } = this.pending.shift()!;
      const target = step.inStack ? this.stacks.get(step.inStack)! : stack;
      target.events.unshift(this.eventFor(target, step, due + this.clockOffsetMs));
      if (step.logicalId === target.name && (step.type ?? 'AWS::CloudFormation::Stack') === 'AWS::CloudFormation::Stack') {
        target.status = step.status;
        target.reason = step.reason;
      }
    }
  }

  private eventFor(stack: ScriptedStack, step: ScriptedStep, time: number): Record<string, unknown> {
    const isStack = step.logicalId === stack.name;
    return {
      StackId: stack.id, EventId: randomUUID(), StackName: stack.name, LogicalResourceId: step.logicalId,
      PhysicalResourceId: step.physicalId ?? (isStack ? stack.id : `${step.logicalId.toLowerCase()}-${stack.name}`),
      ResourceType: step.type ?? 'AWS::CloudFormation::Stack', Timestamp: new Date(time), ResourceStatus: step.status, ResourceStatusReason: step.reason,
    };
  }

  private find(nameOrId: unknown): ScriptedStack {
    for (const s of this.stacks.values()) if (s.name === nameOrId || s.id === nameOrId) return s;
    throw new ScriptedError('ValidationError', `Stack with id ${String(nameOrId)} does not exist`);
  }

  private handle(action: string, p: Record<string, unknown>): unknown {
    const fault = this.faults.find((f) => (!f.action || f.action === action) && f.times > 0);
    if (fault) { fault.times--; return fault.error; }
    this.advance();
    switch (action) {
      case 'DescribeStacks': {
        if (!p.StackName) return { Stacks: [...this.stacks.values()].filter((s) => s.status !== 'DELETE_COMPLETE').map(describe) };
        return { Stacks: [describe(this.find(p.StackName))] };
      }
      case 'DescribeStackEvents': {
        const stack = this.find(p.StackName);
        const from = Number(p.NextToken ?? 0);
        const page = stack.events.slice(from, from + this.eventPageSize);
        const next = from + this.eventPageSize < stack.events.length ? String(from + this.eventPageSize) : undefined;
        return { StackEvents: page, NextToken: next };
      }
      case 'CreateChangeSet': {
        let stack = [...this.stacks.values()].find((s) => s.name === p.StackName && s.status !== 'DELETE_COMPLETE');
        if (p.ChangeSetType === 'CREATE') {
          if (stack && stack.status !== 'REVIEW_IN_PROGRESS') throw new ScriptedError('AlreadyExistsException', `Stack [${String(p.StackName)}] already exists`);
          stack ??= this.addStack({ name: String(p.StackName), status: 'REVIEW_IN_PROGRESS' });
        } else if (!stack) throw new ScriptedError('ValidationError', `Stack [${String(p.StackName)}] does not exist`);
        else if (stack.status === 'ROLLBACK_COMPLETE') throw new ScriptedError('ValidationError', `Stack:${stack.id} is in ROLLBACK_COMPLETE state and can not be updated.`);
        const id = `arn:aws:cloudformation:us-east-1:123456789012:changeSet/${String(p.ChangeSetName)}/${randomUUID()}`;
        this.changeSets.set(id, { stack, type: String(p.ChangeSetType), parameters: (p.Parameters as ScriptedStack['parameters']) ?? [] });
        if (p.TemplateBody) stack.template = String(p.TemplateBody);
        return { Id: id, StackId: stack.id };
      }
      case 'DescribeChangeSet': {
        const cs = this.changeSets.get(String(p.ChangeSetName));
        if (!cs) throw new ScriptedError('ChangeSetNotFound', `ChangeSet [${String(p.ChangeSetName)}] does not exist`);
        return { ChangeSetId: p.ChangeSetName, StackId: cs.stack.id, StackName: cs.stack.name, Status: 'CREATE_COMPLETE', ExecutionStatus: 'AVAILABLE', Changes: this.plannedChanges };
      }
      case 'ExecuteChangeSet': {
        const cs = this.changeSets.get(String(p.ChangeSetName));
        if (!cs) throw new ScriptedError('ChangeSetNotFound', 'no such change set');
        cs.stack.parameters = cs.parameters.map((x) => ({ ParameterKey: x.ParameterKey, ParameterValue: x.ParameterValue }));
        cs.stack.status = cs.type === 'CREATE' ? 'CREATE_IN_PROGRESS' : 'UPDATE_IN_PROGRESS';
        this.play(cs.stack, 'execute');
        return {};
      }
      case 'DeleteChangeSet': this.changeSets.delete(String(p.ChangeSetName)); return {};
      case 'DeleteStack': {
        const stack = this.find(p.StackName);
        if (stack.terminationProtection) throw new ScriptedError('ValidationError', 'Stack cannot be deleted while TerminationProtection is enabled');
        if (!this.timelines.delete) { stack.status = 'DELETE_COMPLETE'; stack.events.unshift(this.eventFor(stack, { afterMs: 0, logicalId: stack.name, status: 'DELETE_COMPLETE' }, Date.now() + this.clockOffsetMs)); }
        else this.play(stack, 'delete');
        return {};
      }
      case 'ContinueUpdateRollback': this.play(this.find(p.StackName), 'continueRollback'); return {};
      case 'CancelUpdateStack': this.play(this.find(p.StackName), 'cancelUpdate'); return {};
      case 'GetTemplate': return { TemplateBody: this.find(p.StackName).template };
      default: throw new ScriptedError('InvalidAction', `The scripted endpoint does not script ${action}`);
    }
  }
}

function describe(s: ScriptedStack) {
  return {
    StackId: s.id, StackName: s.name, StackStatus: s.status, StackStatusReason: s.reason, CreationTime: s.created,
    Parameters: s.parameters, Outputs: s.outputs, Tags: s.tags, EnableTerminationProtection: s.terminationProtection,
  };
}

/** A create that works: the stack starts, each resource goes IN_PROGRESS then COMPLETE, the stack completes. */
export function successfulCreate(stackName: string, resources: Array<{ id: string; type: string }>, stepMs = 100): ScriptedStep[] {
  const steps: ScriptedStep[] = [{ afterMs: 0, logicalId: stackName, status: 'CREATE_IN_PROGRESS', reason: 'User Initiated' }];
  resources.forEach((r, i) => {
    steps.push({ afterMs: stepMs * (2 * i + 1), logicalId: r.id, type: r.type, status: 'CREATE_IN_PROGRESS' });
    steps.push({ afterMs: stepMs * (2 * i + 2), logicalId: r.id, type: r.type, status: 'CREATE_COMPLETE' });
  });
  steps.push({ afterMs: stepMs * (2 * resources.length + 1), logicalId: stackName, status: 'CREATE_COMPLETE' });
  return steps;
}
