// Issue 14: "Show Topology" on a deployed stack's row in the Stacks view draws the stack's own
// template (as CloudFormation holds it) with each resource's real status. The stack is a template
// written by hand (fixtures/minimal-stack/minimal-stack.yaml, not the scaffolder's), created in
// moto_server by this test through the CloudFormation API, tagged as a stack of ours.
import fs from 'node:fs';
import path from 'node:path';
import { CloudFormationClient, CreateStackCommand, DeleteStackCommand, ListStackResourcesCommand } from '@aws-sdk/client-cloudformation';
import { viewName } from './support/requirements.mjs';
import { removeAwsFiles, useMotoProfile } from './support/aws-files.mjs';

const STACK = `mhaui-topology-${Date.now().toString(36)}`;
const OWNER_TAG = { Key: 'moodle-ha:managed-by', Value: 'moodle-ha-toolkit' }; // src/engine/deploy/stack-reader.ts

export default {
  title: 'Show Topology on a deployed stack\'s row draws its parts with the status CloudFormation reports (moto_server)',
  requires: { commands: ['moodleHa.stack.showTopology'], views: ['moodleHa.stacks'], env: ['MOODLE_HA_AWS_ENDPOINT_URL'] },
  workspace: 'fixtures/minimal-stack',
  async run({ wb, page, workspace, step, log, manifest }) {
    const cfn = new CloudFormationClient({ endpoint: process.env.MOODLE_HA_AWS_ENDPOINT_URL, region: 'us-east-1', credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' } });
    const { title } = manifest.contributes.commands.find((c) => c.command === 'moodleHa.stack.showTopology');
    const picture = () => page.frameLocator('iframe.webview.ready').last().frameLocator('#active-frame');
    useMotoProfile();
    try {
      let resources;
      await step(`create the hand-written stack ${STACK} in moto_server`, async () => {
        await cfn.send(new CreateStackCommand({ StackName: STACK, TemplateBody: fs.readFileSync(path.join(workspace, 'minimal-stack.yaml'), 'utf8'), Tags: [OWNER_TAG] }));
        resources = (await cfn.send(new ListStackResourcesCommand({ StackName: STACK }))).StackResourceSummaries.filter((r) => r.LogicalResourceId);
        log(`moto: ${resources.length} resources, ${[...new Set(resources.map((r) => r.ResourceStatus))].join(', ')}`);
        if (resources.length < 10) throw new Error(`moto created only ${resources.length} resources`);
      });
      await wb.open(workspace); // a fresh extension host reads the profile just written
      const pane = await wb.showView(viewName(manifest, 'moodleHa.stacks'));
      await step('confirm the moto endpoint; the stack is listed', async () => {
        const welcome = await wb.welcome(pane, /not AWS/);
        await welcome.getByRole('button', { name: 'Use This Endpoint…' }).click();
        const dialog = page.locator('.monaco-dialog-box');
        await dialog.waitFor({ state: 'visible', timeout: 20000 });
        await dialog.getByRole('button', { name: 'Use This Endpoint' }).click();
        await pane.locator('[role="treeitem"]', { hasText: STACK }).first().waitFor({ state: 'visible', timeout: 60000 });
      });
      await step('Show Topology from the stack row\'s context menu', async () => {
        const row = pane.locator('[role="treeitem"]', { hasText: STACK }).first();
        await wb.chooseFromContextMenu(row, title);
        await picture().locator('svg text', { hasText: /resource\(s\) in the stack/ }).first().waitFor({ timeout: 90000 });
      });
      await step('each part carries the status moto reports, in words and marks; the footer counts every resource', async () => {
        const lines = (await picture().locator('svg text').allTextContents()).map((t) => t.trim());
        log(`picture: ${lines.slice(0, 40).join(' | ')}`);
        // Every resource of this stack is complete in moto: the footer must count exactly those.
        const complete = resources.filter((r) => /_COMPLETE$/.test(r.ResourceStatus) && !/ROLLBACK|DELETE/.test(r.ResourceStatus)).length;
        const footer = `${resources.length} resource(s) in the stack: ✔ ${complete} complete`;
        if (!lines.includes(footer)) throw new Error(`no footer "${footer}"`);
        for (const part of ['Application Load Balancer', 'Auto Scaling group WebGroup', 'EFS SharedFiles', 'RDS mysql']) {
          if (!lines.some((l) => l.startsWith('✔ CREATE_COMPLETE · ') && l.includes(part))) throw new Error(`${part} is not drawn with its status`);
        }
        if (!lines.some((l) => /CREATE_COMPLETE · us-east-1/.test(l))) throw new Error('no stack status and region under the title');
        await wb.screenshot('stack-topology');
      });
    } finally {
      removeAwsFiles();
      await cfn.send(new DeleteStackCommand({ StackName: STACK })).catch((e) => log(`delete ${STACK}: ${e.message}`));
    }
  },
};
