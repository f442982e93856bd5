import { at, isMap, isSeq, toPlain, type TNode } from '../template/nodes';
import { renderText } from './user-data';

/**
 * What cfn-init writes and runs, as text an instance would see: each file's content and each
 * command rendered (Fn::Sub, Fn::Join and Fn::Base64 unwrapped, deploy-time values as `${...}`),
 * one after the other. The metadata's JSON form would keep `\n` and `\"` escaped and a Join's
 * pieces apart, so a config.php written there could not be read setting by setting.
 */
export function cfnInitText(init: TNode | undefined): string | undefined {
  if (!isMap(init)) return undefined;
  const out: string[] = [];
  for (const config of init.entries) {
    const files = at(config.value, ['files']);
    for (const file of isMap(files) ? files.entries : []) {
      const content = at(file.value, ['content']);
      const text = renderText(content) ?? (content ? JSON.stringify(toPlain(content)) : undefined);
      if (text !== undefined) out.push(`# cfn-init file ${file.key}`, text);
    }
    const commands = at(config.value, ['commands']);
    for (const command of isMap(commands) ? commands.entries : []) {
      const node = at(command.value, ['command']);
      const text = isSeq(node) ? node.items.map((i) => renderText(i) ?? '').join(' ') : renderText(node);
      if (text !== undefined) out.push(text);
    }
  }
  return out.length ? out.join('\n') : undefined;
}
