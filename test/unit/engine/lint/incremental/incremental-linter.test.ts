import * as assert from 'node:assert/strict';
import type { Finding } from '../../../../../src/engine/lint/finding';
import { IncrementalLinter } from '../../../../../src/engine/lint/incremental/incremental-linter';
import { lintTemplate } from '../../../../../src/engine/lint/lint-template';
import { ValidatorPool } from '../../../../../src/engine/lint/validator/validator-pool';
import { splitIntoChunks } from '../../../../../src/engine/template/chunks';

const key = (f: Finding) => `${f.range.start.line}:${f.range.start.character} ${f.ruleId} ${f.message}`;

const template = [
  'AWSTemplateFormatVersion: "2010-09-09"',
  'Parameters:',
  '  Env:',
  '    Type: String',
  'Resources:',
  '  Queue:',
  '    Type: AWS::SQS::Queue',
  '    Properties:',
  '      VisibilityTimeout: 60',
  '  Topic:',
  '    Type: AWS::SNS::Topic',
  '    Properties:',
  '      DisplayName: !Sub "${Env}-topic"',
  '  Alarm:',
  '    Type: AWS::CloudWatch::Alarm',
  '    Properties:',
  '      Namespace: AWS/SQS',
  '      MetricName: ApproximateAgeOfOldestMessage',
  '      Statistic: Maximum',
  '      Period: 60',
  '      EvaluationPeriods: 5',
  '      Threshold: 600',
  '      ComparisonOperator: GreaterThanThreshold',
  '      Dimensions: [{Name: QueueName, Value: !GetAtt Queue.QueueName}]',
  '      AlarmActions: [!Ref Topic]',
  'Outputs:',
  '  TopicArn:',
  '    Value: !Ref Topic',
  '',
].join('\n');

describe('lint/incremental (as-you-type linting agrees with a full lint)', function () {
  this.timeout(60000);
  let pool: ValidatorPool;
  before(async () => { pool = new ValidatorPool({ size: 1 }); await pool.warmUp(); });
  after(() => pool.dispose());

  it('splits a block template into sections and resources, and refuses what it cannot split safely', () => {
    const chunks = splitIntoChunks(template)!;
    assert.deepEqual(chunks.map((c) => c.key), ['AWSTemplateFormatVersion', 'Parameters', 'Resources', 'Resources/Queue', 'Resources/Topic', 'Resources/Alarm', 'Outputs']);
    assert.equal(chunks.map((c) => c.text).join(''), template);
    assert.equal(chunks[3].startLine, 5);
    assert.equal(splitIntoChunks('{"Resources": {}}'), undefined);
    assert.equal(splitIntoChunks('a: &x 1\nb: *x\n'), undefined);
    assert.equal(splitIntoChunks('Resources: {A: {Type: AWS::SNS::Topic}}\n'), undefined);
  });

  const edits: Array<[string, (t: string) => string]> = [
    ['a new error in one resource', (t) => t.replace('VisibilityTimeout: 60', 'VisibilityTimeout: sixty')],
    ['a misspelt property', (t) => t.replace('DisplayName:', 'DisplayNam:')],
    ['a line added above everything (all findings move)', (t) => t.replace('Resources:\n', 'Resources:\n  # a comment\n')],
    ['a Ref to a resource that does not exist', (t) => t.replace('!Ref Topic]', '!Ref Topik]')],
    ['a resource removed', (t) => t.replace(/ {2}Queue:\n(.*\n){3}/, '')],
    ['a broken parameter section (falls back to a full parse)', (t) => t.replace('    Type: String', '    Type: [String')],
  ];
  for (const [what, edit] of edits) {
    it(`after ${what}, the fast result equals a full lint of the same text`, async () => {
      const linter = new IncrementalLinter('t.yaml', { validator: pool });
      await linter.lintFull(template);
      const edited = edit(template);
      assert.notEqual(edited, template);
      const fast = await linter.lintFast(edited);
      const full = await lintTemplate('t.yaml', edited, { validator: pool });
      // Template-level checks (unused parameters, circular references) wait for the full lint;
      // everything about the resources must already agree.
      const resourceLevel = (fs: Finding[]) => fs.map(key).filter((k) => !/W2001|E3004|F3004/.test(k)).sort();
      assert.deepEqual(resourceLevel(fast.findings), resourceLevel(full.findings));
    });
  }

  it('reuses the parse of pieces that did not change', async () => {
    const linter = new IncrementalLinter('t.yaml', { validator: pool });
    const first = await linter.lintFull(template);
    const second = await linter.lintFast(template.replace('VisibilityTimeout: 60', 'VisibilityTimeout: 61'));
    const topic = (r: typeof first) => r.model.get(['Resources', 'Topic']);
    assert.equal(topic(second), topic(first), 'the unchanged resource is the very same object');
    assert.notEqual(second.model.get(['Resources', 'Queue']), first.model.get(['Resources', 'Queue']));
  });
});
