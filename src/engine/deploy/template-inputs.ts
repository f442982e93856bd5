import { at, isMap, isScalar, isSeq, toPlain, type TNode } from '../template/nodes';
import type { TemplateModel } from '../template/template-model';

/** One entry of the template's Parameters section, as a prompt needs it. */
export interface ParameterSpec {
  key: string;
  type: string;
  description?: string;
  defaultValue?: string;
  allowedValues?: string[];
  allowedPattern?: string;
  constraintDescription?: string;
  noEcho: boolean;
}

export type Capability = 'CAPABILITY_IAM' | 'CAPABILITY_NAMED_IAM' | 'CAPABILITY_AUTO_EXPAND';

export interface InferredCapability {
  capability: Capability;
  /** The resources or transforms that need it, for showing to the user. */
  because: string[];
}

export function templateParameters(model: TemplateModel): ParameterSpec[] {
  const out: ParameterSpec[] = [];
  for (const e of model.section('Parameters')?.entries ?? []) {
    if (!isMap(e.value)) continue;
    const field = (name: string) => scalarText(at(e.value, [name]));
    const allowed = at(e.value, ['AllowedValues']);
    out.push({
      key: e.key,
      type: field('Type') ?? 'String',
      description: field('Description'),
      defaultValue: field('Default'),
      allowedValues: isSeq(allowed) ? allowed.items.map((i) => scalarText(i) ?? '') : undefined,
      allowedPattern: field('AllowedPattern'),
      constraintDescription: field('ConstraintDescription'),
      noEcho: /^true$/i.test(field('NoEcho') ?? ''),
    });
  }
  return out;
}

const IAM_NAME_PROPERTY: Record<string, string> = {
  'AWS::IAM::Role': 'RoleName',
  'AWS::IAM::User': 'UserName',
  'AWS::IAM::Group': 'GroupName',
  'AWS::IAM::ManagedPolicy': 'ManagedPolicyName',
  'AWS::IAM::InstanceProfile': 'InstanceProfileName',
};

/** Which capabilities CloudFormation will demand for this template, and why. */
export function inferCapabilities(model: TemplateModel): InferredCapability[] {
  const iam: string[] = [];
  const named: string[] = [];
  const expand: string[] = [];
  for (const r of model.resources()) {
    if (r.type.startsWith('AWS::IAM::')) {
      const nameProp = IAM_NAME_PROPERTY[r.type];
      if (nameProp && r.properties && at(r.properties, [nameProp]) !== undefined) named.push(`${r.logicalId} (${r.type} with ${nameProp})`);
      else iam.push(`${r.logicalId} (${r.type})`);
    }
    // A nested stack's IAM resources need the capability on the parent too; we cannot see inside it.
    if (r.type === 'AWS::CloudFormation::Stack') iam.push(`${r.logicalId} (nested stack)`);
  }
  const transform = model.get(['Transform']);
  if (transform) expand.push(`Transform: ${JSON.stringify(toPlain(transform))}`);
  if (model.text.includes('Fn::Transform') || /!Transform\b/.test(model.text)) expand.push('Fn::Transform');

  const out: InferredCapability[] = [];
  if (named.length) out.push({ capability: 'CAPABILITY_NAMED_IAM', because: [...named, ...iam] });
  else if (iam.length) out.push({ capability: 'CAPABILITY_IAM', because: iam });
  if (expand.length) out.push({ capability: 'CAPABILITY_AUTO_EXPAND', because: expand });
  return out;
}

function scalarText(node: TNode | undefined): string | undefined {
  return isScalar(node) && node.value !== null ? String(node.value) : undefined;
}
