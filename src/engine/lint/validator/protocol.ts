/** Messages between the validator pool and its worker threads. */
export interface ValidateRequest {
  id: number;
  name: string;
  text: string;
  region?: string;
}

/** The validator's diagnostic, reduced to what we map (1-based lines and columns, end exclusive). */
export interface RawDiagnostic {
  ruleId: string;
  severity: 'DEBUG' | 'INFO' | 'WARN' | 'ERROR' | 'FATAL';
  message: string;
  propertyPath?: string;
  logicalId?: string;
  suggestedFix?: string;
  documentationUrl?: string;
  startLine?: number;
  startColumn?: number;
  endLine?: number;
  endColumn?: number;
}

/** What a validator worker is started with. */
export interface WorkerSetup {
  modulePath: string;
  /** Compile the engine's WASM with V8's baseline compiler only (see ValidatorPoolOptions.baselineWasm). */
  baselineWasm?: boolean;
}

export type WorkerMessage =
  | { kind: 'ready'; engineMs: number; version: string }
  | { kind: 'failed'; error: string }
  | { kind: 'result'; id: number; diagnostics: RawDiagnostic[]; ms: number }
  | { kind: 'error'; id: number; error: string };
