import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseTemplateText, readWithYamlLibrary } from '../../../../src/engine/template/parse';
import { LineIndex } from '../../../../src/engine/template/source-range';

const root = path.resolve(__dirname, '../../../../..');

/** Every .json file under a folder (fixtures, and the public corpus when it has been re-created). */
function jsonFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile() && d.name.endsWith('.json'))
    .map((d) => path.join(d.parentPath ?? d.path, d.name));
}

const sameAsYaml = (text: string) => assert.deepEqual(parseTemplateText(text), readWithYamlLibrary(text, new LineIndex(text)));

describe('template/json-fast-path: JSON read without the YAML library gives what the YAML library gives', () => {
  it('on every JSON fixture and corpus template (nodes, ranges, problems)', () => {
    const files = [...jsonFiles(path.join(root, 'test/fixtures')), ...jsonFiles(path.join(root, '.mha-work/lint-corpus'))];
    assert.ok(files.length >= 10, `only ${files.length} JSON files found`);
    for (const file of files) {
      const text = fs.readFileSync(file, 'utf8');
      try { sameAsYaml(text); } catch (error) { assert.fail(`${path.relative(root, file)}: ${(error as Error).message.slice(0, 2000)}`); }
    }
  });

  it('on duplicate keys (every occurrence, nested ones first), escapes, numbers, empty collections and CRLF', () => {
    for (const text of [
      '{"A": 1, "A": 2, "B": {"C": [], "C": {}}, "A": 3}',
      '{\r\n  "S": "tab\\tnew\\nline \\u00e9 \\ud83d\\ude00 \\/ \\"q\\"",\r\n  "N": [0, -0, 1.5, -2e3, 1E+2, 12345678901234567890, true, false, null]\r\n}\r\n',
      '  {\n\t"Resources": {"B": {"Type": "AWS::S3::Bucket", "Properties": {}}}\n}',
    ]) sameAsYaml(text);
  });

  it('leaves what is not plain JSON to the YAML path, which reports it as before', () => {
    for (const text of ['{"A": 1,}', '{"A": 01}', '{A: 1}', '{"A": 1} # note', '{"A": "x\u0001"}', '{"A": 1', '{"A": 1}\n---\n{}', '{"A": \'x\'}']) {
      sameAsYaml(text);
    }
  });
});
