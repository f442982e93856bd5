import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { PartFile } from '../../../../src/engine/migrate/take/part-file';

describe('migrate/part-file', () => {
  let dir: string;
  beforeEach(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mha-part-')); });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  const write = (part: PartFile, text: string) => new Promise<void>((resolve, reject) => part.write(Buffer.from(text), (error) => (error ? reject(error) : resolve())));

  it('a chunk that arrives after abandon() is dropped, not a "write after end" crash (an SSH channel still delivers after a cancel)', async () => {
    const file = path.join(dir, 'dump.sql');
    const fed: string[] = [];
    const part = new PartFile(file, (chunk) => fed.push(chunk.toString()));
    const errors: Error[] = [];
    part.on('error', (error) => errors.push(error));
    await write(part, 'first');
    await part.abandon();
    await write(part, 'late');
    await new Promise((resolve) => setImmediate(resolve));
    assert.deepEqual(errors, []);
    assert.deepEqual(fed, ['first'], 'the scanner never sees what came after the cancel');
    assert.equal(fs.readFileSync(`${file}.part`, 'utf8'), 'first');
    assert.equal(fs.existsSync(file), false, 'an abandoned copy never gets its real name');
  });

  it('commit() gives the whole copy its name', async () => {
    const file = path.join(dir, 'dump.sql');
    const part = new PartFile(file, () => undefined);
    await write(part, 'all of it');
    await part.commit();
    assert.equal(fs.readFileSync(file, 'utf8'), 'all of it');
    assert.equal(fs.existsSync(`${file}.part`), false);
  });
});
