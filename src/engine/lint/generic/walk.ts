import type { TemplatePath, TNode } from '../../template/nodes';

/** Every node under `node` with its path, depth first (iterative: templates can be deep). */
export function* walk(node: TNode | undefined, path: TemplatePath): Generator<{ node: TNode; path: TemplatePath }> {
  if (!node) return;
  const stack: Array<{ node: TNode; path: TemplatePath }> = [{ node, path }];
  while (stack.length) {
    const current = stack.pop()!;
    yield current;
    const n = current.node;
    if (n.kind === 'map') for (let i = n.entries.length - 1; i >= 0; i--) stack.push({ node: n.entries[i].value, path: [...current.path, n.entries[i].key] });
    else if (n.kind === 'seq') for (let i = n.items.length - 1; i >= 0; i--) stack.push({ node: n.items[i], path: [...current.path, i] });
  }
}
