/**
 * Runs AWS's validator in a worker thread: its engine takes seconds and hundreds of MB to build,
 * so it is built once per worker and never on the extension host's thread.
 */
import * as v8 from 'node:v8';
import { parentPort, workerData } from 'node:worker_threads';
import type { RawDiagnostic, ValidateRequest, WorkerMessage, WorkerSetup } from './protocol';

interface ValidatorModule {
  CompositeEngine: new () => { validateTemplate(t: unknown, c: unknown): { diagnostics: Array<Record<string, unknown>> } };
  TemplateContent: new (content: string, name?: string) => unknown;
  version(): string;
}

// Why the built engine is not cached between processes: its state lives in the WASM instance's
// linear memory (the constructor parses every bundled resource schema inside WASM; ~300 MB after
// building), and the package offers no way to save or load it. Node 20's startup snapshots hold
// neither WebAssembly instances nor worker threads, and copying the linear memory to disk would
// depend on wasm-bindgen's internal layout (heap table, allocator state) of one exact build and
// write ~300 MB per user. So a process builds its engine once and a run shares it (lint-files.ts).
const port = parentPort;
if (!port) throw new Error('validator-worker must run in a worker thread');
const post = (message: WorkerMessage) => port.postMessage(message);

let engine: InstanceType<ValidatorModule['CompositeEngine']>;
let validator: ValidatorModule;
const setup = workerData as WorkerSetup;
// Before the module compiles its WASM: V8 reads the flag when it compiles. The flag is process-wide,
// so only a pool that owns its process asks for it (the CLI), never the editor's extension host.
if (setup.baselineWasm) v8.setFlagsFromString('--liftoff-only');
try {
  const started = Date.now();
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  validator = require(setup.modulePath) as ValidatorModule;
  engine = new validator.CompositeEngine();
  post({ kind: 'ready', engineMs: Date.now() - started, version: validator.version() });
} catch (error) {
  post({ kind: 'failed', error: (error as Error).message });
}

port.on('message', (request: ValidateRequest) => {
  const started = Date.now();
  try {
    const config = {
      detailLevel: 'STANDARD',
      ...(request.region ? { pseudoParameterOverrides: { region: request.region } } : {}),
    };
    const report = engine.validateTemplate(new validator.TemplateContent(request.text, request.name), config);
    post({ kind: 'result', id: request.id, diagnostics: report.diagnostics.map(reduce), ms: Date.now() - started });
  } catch (error) {
    post({ kind: 'error', id: request.id, error: (error as Error).message });
  }
});

function reduce(d: Record<string, unknown>): RawDiagnostic {
  const entity = d.entity as { logicalId?: string } | undefined;
  return {
    ruleId: String(d.ruleId), severity: d.severity as RawDiagnostic['severity'], message: String(d.message),
    propertyPath: d.propertyPath as string | undefined, logicalId: entity?.logicalId,
    suggestedFix: d.suggestedFix as string | undefined, documentationUrl: d.documentationUrl as string | undefined,
    startLine: d.startLine as number | undefined, startColumn: d.startColumn as number | undefined,
    endLine: d.endLine as number | undefined, endColumn: d.endColumn as number | undefined,
  };
}
