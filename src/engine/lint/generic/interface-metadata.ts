import { entry, isMap, isScalar, isSeq, type TMap, type TNode } from '../../template/nodes';
import type { GenericCheck, GenericReport } from './generic-check';

const INTERFACE_KEYS = ['ParameterGroups', 'ParameterLabels'];
const GROUP_KEYS = ['Label', 'Parameters'];

/**
 * cfn-lint E4001: the console's `AWS::CloudFormation::Interface` metadata has a fixed shape:
 * ParameterGroups (a list of {Label, Parameters}) and ParameterLabels (per parameter a Label), and
 * a Label has only `default`, a string. A misspelt key (`defaut`, in the Directory Service settings
 * solution) is silently ignored by CloudFormation, so the console shows the raw parameter name.
 * Keys are reported where they are written; a value that is a function is left alone.
 */
export const interfaceMetadata: GenericCheck = {
  id: 'E4001',
  severity: 'error',
  description: 'AWS::CloudFormation::Interface metadata has only the keys the console reads.',
  check(model, report) {
    const iface = entry(model.section('Metadata'), 'AWS::CloudFormation::Interface');
    if (!iface || !isMap(iface.value)) return;
    const path = ['Metadata', 'AWS::CloudFormation::Interface'];
    unexpectedKeys(iface.value, INTERFACE_KEYS, 'AWS::CloudFormation::Interface', path, report);
    const groups = entry(iface.value, 'ParameterGroups');
    if (groups && !isSeq(groups.value)) report({ message: 'ParameterGroups must be a list of {Label, Parameters}.', range: groups.keyRange, path: [...path, 'ParameterGroups'] });
    if (groups && isSeq(groups.value)) {
      groups.value.items.forEach((group, i) => {
        if (!isMap(group)) return;
        const at = [...path, 'ParameterGroups', i];
        unexpectedKeys(group, GROUP_KEYS, 'a parameter group', at, report);
        label(entry(group, 'Label')?.value, [...at, 'Label'], report);
        const parameters = entry(group, 'Parameters');
        if (parameters && !isSeq(parameters.value)) report({ message: 'Parameters of a parameter group must be a list of parameter names.', range: parameters.keyRange, path: [...at, 'Parameters'] });
      });
    }
    const labels = entry(iface.value, 'ParameterLabels')?.value;
    if (isMap(labels)) for (const e of labels.entries) label(e.value, [...path, 'ParameterLabels', e.key], report);
  },
};

function label(node: TNode | undefined, path: Array<string | number>, report: (r: GenericReport) => void): void {
  if (!isMap(node)) return;
  unexpectedKeys(node, ['default'], 'a label', path, report);
  const text = entry(node, 'default');
  if (text && isScalar(text.value) && (typeof text.value.value === 'number' || typeof text.value.value === 'boolean')) {
    report({ message: `A label's default is the text to show; ${String(text.value.value)} is not a string (quote it).`, range: text.keyRange, path: [...path, 'default'] });
  }
}

function unexpectedKeys(map: TMap, allowed: string[], what: string, path: Array<string | number>, report: (r: GenericReport) => void): void {
  for (const e of map.entries) {
    if (allowed.includes(e.key)) continue;
    const near = allowed.find((a) => closeTo(a, e.key));
    report({ message: `'${e.key}' is not a key of ${what} (only ${allowed.join(', ')}).${near ? ` Did you mean '${near}'?` : ''}`, range: e.keyRange, path: [...path, e.key] });
  }
}

/** One letter missing, added or changed: enough to name the key a typo meant. */
function closeTo(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  return a.slice(i + 1) === b.slice(i + 1) || a.slice(i + 1) === b.slice(i) || a.slice(i) === b.slice(i + 1);
}
