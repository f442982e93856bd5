import * as vscode from 'vscode';
import { listStacks } from '../../../engine/deploy/stack-reader';
import type { StackNode } from '../../deploy/stack-tree-items';
import type { StackFeature } from '../../deploy/stack-feature';

/** The stack a command is about: the tree node it was run on, or a pick from the list. */
export async function stackNameFrom(arg: unknown, feature: StackFeature, placeHolder: string): Promise<string | undefined> {
  const node = arg as StackNode | undefined;
  if (node?.kind === 'stack') return node.stack.StackName;
  const stacks = await listStacks((await feature.session.usableClients()).cloudFormation());
  const pick = await vscode.window.showQuickPick(stacks.map((s) => ({ label: s.StackName ?? '?', description: s.StackStatus })), { placeHolder });
  return pick?.label;
}
