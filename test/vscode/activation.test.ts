import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { activated, ourExtension } from './support/extension';

/** Strings only these libraries' code contains (they survive minification). */
const AWS_SDK = 'x-amz-user-agent';
const DOCKER_CLIENT = '/containers/create';
const SSH_CLIENT = 'SSH-2.0-';

describe('activation (extension host)', () => {
  it('activates and returns its activation time', async () => {
    const api = await activated();
    assert.strictEqual(ourExtension().isActive, true);
    assert.ok(api && typeof api.activationMs === 'number', `activate() must return { activationMs }, got ${JSON.stringify(api)}`);
  });

  // What makes activation slow is what the main bundle evaluates. How long it takes is a benchmark's
  // business (a timed test fails on a busy machine, not on a slow extension); what is in it is not.
  it('keeps the AWS SDK, Docker and SSH clients out of its main bundle (the Stacks and Local Replica bundles load them on first use)', () => {
    const dir = ourExtension().extensionPath;
    const read = (file: string) => fs.readFileSync(path.join(dir, file), 'utf8');
    const main = read(ourExtension().packageJSON.main);
    const stacks = read('dist/stacks.js');
    const replica = read('dist/replica.js');
    // The markers are real: each is found in the bundle that is meant to hold its library.
    assert.ok(stacks.includes(AWS_SDK), 'dist/stacks.js holds the AWS SDK');
    assert.ok(replica.includes(DOCKER_CLIENT) && replica.includes(SSH_CLIENT), 'dist/replica.js holds dockerode and ssh2');
    for (const [name, marker] of [['the AWS SDK', AWS_SDK], ['dockerode', DOCKER_CLIENT], ['ssh2', SSH_CLIENT]]) {
      assert.ok(!main.includes(marker), `${name} is in the main bundle: import it from the Stacks or Local Replica bundle instead`);
    }
  });
});
