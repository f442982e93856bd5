import * as assert from 'node:assert/strict';
import { ChunkedParser } from '../../../../src/engine/template/chunked-parser';
import { MAX_TEMPLATE_BYTES } from '../../../../src/engine/template/limits';
import { toPlain } from '../../../../src/engine/template/nodes';
import { MAX_TEMPLATE_URL_BYTES } from '../../../../src/engine/deploy/template-upload';

function manySmallResources(count: number): string {
  const lines = ['AWSTemplateFormatVersion: "2010-09-09"', 'Resources:'];
  for (let i = 0; i < count; i++) lines.push(`  Queue${i}:`, '    Type: AWS::SQS::Queue', '    Properties:', `      QueueName: queue-${i}-${'x'.repeat(40)}`);
  return lines.join('\n') + '\n';
}

describe('template/chunked-parser', () => {
  it('checks the 1 MB limit once for the whole document, not per chunk (MEDIUM-5)', () => {
    const text = manySmallResources(12_000);
    assert.ok(Buffer.byteLength(text) > MAX_TEMPLATE_BYTES);
    const parsed = new ChunkedParser().parse(text);
    assert.equal(parsed.root, undefined);
    assert.deepEqual(parsed.problems.map((p) => p.code), ['too-large']);
  });

  it('reads an alias to an anchor in another top-level section as its value (a guard: the chunked path must not read it chunk by chunk)', () => {
    const text = 'Parameters:\n  P: &p\n    Type: String\nResources:\n  B:\n    Type: AWS::S3::Bucket\n    Metadata: *p\n';
    const result = new ChunkedParser().parse(text);
    assert.deepEqual(result.problems, []);
    assert.deepEqual((toPlain(result.root!) as { Resources: { B: { Metadata: unknown } } }).Resources.B.Metadata, { Type: 'String' });
  });

  it('still splits a document under the limit into chunks', () => {
    const parsed = new ChunkedParser().parse(manySmallResources(10));
    assert.deepEqual(parsed.problems, []);
    assert.equal(parsed.chunks?.filter((c) => c.kind === 'resource').length, 10);
  });

  it('uses the same size limit as deploy', () => {
    assert.equal(MAX_TEMPLATE_URL_BYTES, MAX_TEMPLATE_BYTES);
  });
});
