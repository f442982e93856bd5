import * as http from 'node:http';

/**
 * moto accepts any ExpectedBucketOwner (it does not implement the check), so a wrong account cannot
 * be produced with moto alone. This proxy in front of moto does what S3 does: a request whose
 * x-amz-expected-bucket-owner is not the bucket owner's account gets 403 AccessDenied and never
 * reaches the bucket. Everything else passes to moto unchanged. It also records every request, so
 * a test can check that each one carried the header. Listens on 127.0.0.1 only.
 */
export interface OwnerEnforcingS3 { endpoint: string; requests: Array<{ method: string; url: string; owner?: string }>; close(): Promise<void> }

export async function startOwnerEnforcingS3(motoEndpoint: string, ownerAccount = '123456789012'): Promise<OwnerEnforcingS3> {
  const target = new URL(motoEndpoint);
  const requests: OwnerEnforcingS3['requests'] = [];
  const server = http.createServer((req, res) => {
    const owner = req.headers['x-amz-expected-bucket-owner'] as string | undefined;
    requests.push({ method: req.method ?? '', url: req.url ?? '', owner });
    if (owner !== undefined && owner !== ownerAccount) {
      req.resume();
      res.writeHead(403, { 'content-type': 'application/xml' });
      res.end(req.method === 'HEAD' ? undefined : '<?xml version="1.0" encoding="UTF-8"?><Error><Code>AccessDenied</Code><Message>Access Denied</Message></Error>');
      return;
    }
    const upstream = http.request({ host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    upstream.on('error', () => { res.writeHead(502); res.end(); });
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    endpoint: `http://127.0.0.1:${port}`, requests,
    close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}
