import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A tiny AWS endpoint on 127.0.0.1 whose answers a test scripts. It speaks the two wire protocols
 * the SDK clients we use need: the query protocol with XML answers (CloudFormation) and JSON 1.1
 * (CodePipeline, CodeDeploy, chosen by the X-Amz-Target header). The real SDK client talks to it,
 * so retries, error parsing and pagination run as they would against AWS.
 *
 * Used only for what moto cannot produce; each test says why.
 */
export interface ScriptedCall {
  action: string;
  params: Record<string, unknown>;
  at: number;
}

export class ScriptedError {
  constructor(readonly code: string, readonly message: string, readonly status = 400, readonly type: 'Sender' | 'Receiver' = 'Sender') {}
}

export type ScriptedHandler = (action: string, params: Record<string, unknown>) => unknown | Promise<unknown>;

export interface ScriptedEndpoint {
  endpoint: string;
  calls: ScriptedCall[];
  callsTo(action: string): ScriptedCall[];
  stop(): Promise<void>;
}

export async function startScriptedEndpoint(handler: ScriptedHandler): Promise<ScriptedEndpoint> {
  const calls: ScriptedCall[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      void respond(req, Buffer.concat(chunks).toString('utf8'), res);
    });
  });
  async function respond(req: http.IncomingMessage, body: string, res: http.ServerResponse) {
    const target = req.headers['x-amz-target'];
    const json = typeof target === 'string';
    const action = json ? String(target).split('.').pop()! : new URLSearchParams(body).get('Action') ?? '?';
    const params = json ? (body ? JSON.parse(body) as Record<string, unknown> : {}) : unflatten(new URLSearchParams(body));
    calls.push({ action, params, at: Date.now() });
    let result: unknown;
    try {
      result = await handler(action, params);
    } catch (error) {
      result = error instanceof ScriptedError ? error : new ScriptedError('InternalFailure', String(error), 500, 'Receiver');
    }
    if (result instanceof ScriptedError) {
      if (json) {
        res.writeHead(result.status, { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-errortype': result.code });
        res.end(JSON.stringify({ __type: result.code, message: result.message }));
      } else {
        res.writeHead(result.status, { 'content-type': 'text/xml' });
        res.end(`<ErrorResponse xmlns="http://cloudformation.amazonaws.com/doc/2010-05-15/"><Error><Type>${result.type}</Type><Code>${result.code}</Code><Message>${escapeXml(result.message)}</Message></Error><RequestId>scripted</RequestId></ErrorResponse>`);
      }
      return;
    }
    if (json) {
      res.writeHead(200, { 'content-type': 'application/x-amz-json-1.1' });
      res.end(JSON.stringify(result ?? {}, (_k, v) => (v instanceof Date ? v.getTime() / 1000 : v)));
    } else {
      res.writeHead(200, { 'content-type': 'text/xml' });
      res.end(`<${action}Response xmlns="http://cloudformation.amazonaws.com/doc/2010-05-15/"><${action}Result>${toXml(result ?? {})}</${action}Result><ResponseMetadata><RequestId>scripted</RequestId></ResponseMetadata></${action}Response>`);
    }
  }
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    calls,
    callsTo: (action) => calls.filter((c) => c.action === action),
    stop: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}

/** Query-protocol answers: fields as elements, lists as <member> items, dates as ISO 8601. */
export function toXml(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map((v) => `<member>${toXml(v)}</member>`).join('');
  if (typeof value === 'object') {
    return Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => `<${k}>${toXml(v)}</${k}>`).join('');
  }
  return escapeXml(String(value));
}

/** `Parameters.member.1.ParameterKey=x` → { Parameters: [{ ParameterKey: 'x' }] }. */
export function unflatten(form: URLSearchParams): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  for (const [key, value] of form) {
    const parts = key.split('.').filter((p) => p !== 'member');
    let node: Record<string, unknown> = root;
    parts.forEach((part, i) => {
      const last = i === parts.length - 1;
      const nextIsIndex = !last && /^\d+$/.test(parts[i + 1]);
      if (last) node[part] = value;
      else node = (node[part] ??= nextIsIndex ? {} : {}) as Record<string, unknown>;
    });
  }
  return listify(root) as Record<string, unknown>;
}

function listify(node: unknown): unknown {
  if (!node || typeof node !== 'object') return node;
  const entries = Object.entries(node as Record<string, unknown>);
  if (entries.length && entries.every(([k]) => /^\d+$/.test(k))) {
    return entries.sort(([a], [b]) => Number(a) - Number(b)).map(([, v]) => listify(v));
  }
  return Object.fromEntries(entries.map(([k, v]) => [k, listify(v)]));
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
