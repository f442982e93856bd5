import * as fs from 'node:fs';
import { fixturePath } from './fixtures';

/**
 * The seeded hostile inputs of the lint fuzz suite (random bytes, truncations, printable mutations
 * of the cfn fixtures, deep nesting, billion laughs, 20 MB, odd encodings), shared with
 * scripts/bench-fuzz.mjs so the bench measures exactly what the test checks.
 */
export interface FuzzInput { name: string; bytes: Uint8Array }

export function* hostileInputs(random: () => number): Generator<FuzzInput> {
  // The fixture files at the top of test/fixtures/cfn only (its sub-folders hold other suites' fixtures).
  const templates = fs.readdirSync(fixturePath('cfn'), { withFileTypes: true }).filter((e) => e.isFile()).map((e) => fs.readFileSync(fixturePath('cfn', e.name)));
  const pick = <T>(list: T[]) => list[Math.floor(random() * list.length)];
  for (let i = 0; i < 60; i++) {
    const bytes = new Uint8Array(1 + Math.floor(random() * 4096));
    for (let j = 0; j < bytes.length; j++) bytes[j] = Math.floor(random() * 256);
    yield { name: `random bytes #${i}`, bytes };
  }
  for (let i = 0; i < 60; i++) {
    const t = pick(templates);
    yield { name: `truncation #${i}`, bytes: t.subarray(0, Math.floor(random() * t.length)) };
  }
  for (let i = 0; i < 60; i++) {
    // Printable mutations keep the text YAML-ish, which reaches deeper into the parser and rules.
    const t = Buffer.from(pick(templates));
    const alphabet = ':-[]{}!&*|>"\'#\n\t ,?%@`AZaz09';
    for (let k = 0; k < 1 + Math.floor(random() * 8); k++) t[Math.floor(random() * t.length)] = alphabet.charCodeAt(Math.floor(random() * alphabet.length));
    yield { name: `mutation #${i}`, bytes: t };
  }
  const text = (s: string) => new TextEncoder().encode(s);
  yield { name: '10,000-deep flow sequence', bytes: text('Resources: ' + '['.repeat(10_000) + ']'.repeat(10_000)) };
  yield { name: '10,000-deep JSON', bytes: text('{"Resources":' + '{"a":'.repeat(10_000) + '1' + '}'.repeat(10_001)) };
  yield { name: '10,000-deep block mapping', bytes: text('Resources:\n' + Array.from({ length: 10_000 }, (_, i) => `${' '.repeat(i + 1)}k${i}:`).join('\n')) };
  const laughs = ['AWSTemplateFormatVersion: "2010-09-09"', 'a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]'];
  for (let i = 1; i < 10; i++) laughs.push(`a${i}: &a${i} [${Array(10).fill(`*a${i - 1}`).join(', ')}]`);
  laughs.push('Resources:\n  T:\n    Type: AWS::SNS::Topic\n    Properties:\n      DisplayName: *a9');
  yield { name: 'billion laughs', bytes: text(laughs.join('\n')) };
  const big = 'AWSTemplateFormatVersion: "2010-09-09"\nResources:\n' + '  T: {Type: AWS::SNS::Topic}\n'.repeat(20 * 1024 * 1024 / 28);
  yield { name: '20 MB template', bytes: text(big) };
  yield { name: 'PNG header (binary)', bytes: Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]) };
  yield { name: 'Latin-1 bytes', bytes: Uint8Array.from(Buffer.from('Resources:\n  T:\n    Type: AWS::SNS::Topic # caf\xe9\n', 'latin1')) };
  yield { name: 'UTF-16LE with BOM', bytes: Uint8Array.from(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Resources:\n  T:\n    Type: AWS::SNS::Topic\n', 'utf16le')])) };
  yield { name: 'UTF-16LE without BOM', bytes: Uint8Array.from(Buffer.from('Resources:\n  T:\n    Type: AWS::SNS::Topic\n', 'utf16le')) };
  yield { name: 'empty file', bytes: new Uint8Array() };
  yield { name: 'only a BOM', bytes: Uint8Array.from([0xef, 0xbb, 0xbf]) };
}
