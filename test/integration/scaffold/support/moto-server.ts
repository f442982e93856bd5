import { spawn, type ChildProcess } from 'node:child_process';
import * as net from 'node:net';

/** A moto_server of our own on 127.0.0.1 and a free port, stopped by its pid. */
export class MotoServer {
  private constructor(private readonly child: ChildProcess, readonly port: number) {}

  get endpoint(): string { return `http://127.0.0.1:${this.port}`; }

  static async start(timeoutMs = 30_000): Promise<MotoServer> {
    const port = await freePort();
    const child = spawn('moto_server', ['-H', '127.0.0.1', '-p', String(port)], { stdio: 'ignore' });
    const server = new MotoServer(child, port);
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (child.exitCode !== null) throw new Error(`moto_server exited with ${child.exitCode}`);
      try {
        const res = await fetch(`${server.endpoint}/moto-api/`);
        if (res.status < 500) return server;
      } catch { /* not listening yet */ }
      await new Promise((r) => setTimeout(r, 200));
    }
    server.stop();
    throw new Error(`moto_server did not answer on port ${port} within ${timeoutMs} ms`);
  }

  stop(): void {
    if (this.child.exitCode === null) this.child.kill('SIGTERM');
  }

  /** A query-API call (EC2, Auto Scaling, RDS), unsigned: moto reads the service from the credential scope. */
  async query(service: string, region: string, params: Record<string, string>): Promise<string> {
    const res = await fetch(`${this.endpoint}/`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Authorization: authorization(service, region) },
      body: new URLSearchParams(params).toString(),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${service} ${params.Action}: HTTP ${res.status} ${text.slice(0, 300)}`);
    return text;
  }

  /** A JSON 1.1 call (ACM). */
  async json(service: string, region: string, target: string, body: unknown): Promise<unknown> {
    const res = await fetch(`${this.endpoint}/`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-amz-json-1.1', 'X-Amz-Target': target, Authorization: authorization(service, region) },
      body: JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`${service} ${target}: HTTP ${res.status} ${(await res.text()).slice(0, 300)}`);
    return res.json();
  }

  /** A REST-JSON call (EFS). */
  async restJson(service: string, region: string, pathAndQuery: string): Promise<unknown> {
    const res = await fetch(`${this.endpoint}${pathAndQuery}`, { headers: { Authorization: authorization(service, region) } });
    if (!res.ok) throw new Error(`${service} ${pathAndQuery}: HTTP ${res.status}`);
    return res.json();
  }
}

function authorization(service: string, region: string): string {
  return `AWS4-HMAC-SHA256 Credential=test/20250101/${region}/${service}/aws4_request, SignedHeaders=host, Signature=0`;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as net.AddressInfo).port;
      server.close(() => resolve(port));
    });
  });
}

/** Every `<tag>value</tag>` in an XML answer. */
export function xmlValues(xml: string, tag: string): string[] {
  return [...xml.matchAll(new RegExp(`<${tag}>([^<]*)</${tag}>`, 'g'))].map((m) => m[1]);
}
