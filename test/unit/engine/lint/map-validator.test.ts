import * as assert from 'node:assert/strict';
import { mapValidatorDiagnostics } from '../../../../src/engine/lint/map-validator';
import { LineIndex } from '../../../../src/engine/template/source-range';

describe('lint/map-validator: the validator\'s diagnostics as our findings', () => {
  const text = 'Resources:\n  V:\n    Type: AWS::EC2::Volume\n    Properties: {VolumeType: gp9, AccessControl: Private}\n';
  const at = { startLine: 4, startColumn: 18, endLine: 4, endColumn: 21 };

  it('a value outside the allowed values (W3030 to the validator) is cfn-lint\'s E3030, an error; other warnings stay warnings', () => {
    const [enumFinding, legacy] = mapValidatorDiagnostics({ text, lines: new LineIndex(text) }, [
      { ruleId: 'W3030', severity: 'WARN', message: "'gp9' is not one of ['gp2', 'gp3']", ...at },
      { ruleId: 'W3045', severity: 'WARN', message: 'AccessControl property is deprecated', ...at },
    ]);
    assert.deepEqual([enumFinding.ruleId, enumFinding.severity, enumFinding.range.start.line], ['E3030', 'error', 3]);
    assert.match(enumFinding.message, /'gp9' is not one of \['gp2', 'gp3'\]/);
    assert.deepEqual([legacy.ruleId, legacy.severity], ['W3045', 'warning']);
  });
});
