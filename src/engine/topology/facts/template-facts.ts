import { asString, at, intrinsicName, isMap, isSeq, toPlain, type TemplatePath, type TNode } from '../../template/nodes';
import type { ResourceView, TemplateModel } from '../../template/template-model';
import { refTarget } from '../references';
import type { WebTierInfo } from '../types';
import { renderText } from '../user-data';

/**
 * Facts for the issue-9 rules, read straight from the TemplateModel (the shared topology stays as
 * it is): user data with its Fn::Sub variables filled in, the web servers' IAM statements, plain
 * values of resources.
 */

/** The launch template's or configuration's UserData node. */
export function userDataNode(model: TemplateModel, web: WebTierInfo): TNode | undefined {
  if (!web.launchPath) return undefined;
  return model.get([...web.launchPath, 'Properties', 'LaunchTemplateData', 'UserData']) ?? model.get([...web.launchPath, 'Properties', 'UserData']);
}

/**
 * The user data as the instance sees it, as far as the template knows: an `Fn::Sub [text, vars]`
 * gets its variables' values (rendered, one level) instead of `${Name}`; other references stay
 * `${Id}` / `${Id.Attribute}` placeholders.
 */
export function resolvedUserData(model: TemplateModel, web: WebTierInfo): string | undefined {
  let node = userDataNode(model, web);
  if (!node) return undefined;
  if (intrinsicName(node) === 'Fn::Base64' && isMap(node)) node = node.entries[0].value;
  if (intrinsicName(node) === 'Fn::Sub' && isMap(node) && isSeq(node.entries[0].value)) {
    const [textNode, varsNode] = node.entries[0].value.items;
    const text = asString(textNode) ?? '';
    if (!isMap(varsNode)) return text;
    const values = new Map(varsNode.entries.map((e) => [e.key, renderText(e.value) ?? '${' + (refTarget(e.value) ?? '?') + '}']));
    return text.replace(/\$\{([A-Za-z0-9_]+)\}/g, (m, name: string) => values.get(name) ?? m);
  }
  return renderText(node);
}

/** Script lines that do something (comments and blank lines dropped), in order. */
export function commandLines(script: string): string[] {
  return script.split('\n').map((l) => l.trim()).filter((l) => l !== '' && !l.startsWith('#'));
}

/** The roles of the web servers' instance profile (AWS::IAM::Role logical ids). */
export function webRoleIds(model: TemplateModel, web: WebTierInfo): string[] {
  if (!web.launchPath) return [];
  const profileNode = model.get([...web.launchPath, 'Properties', 'LaunchTemplateData', 'IamInstanceProfile']) ?? model.get([...web.launchPath, 'Properties', 'IamInstanceProfile']);
  const profileId = refTarget(at(profileNode, ['Arn'])) ?? refTarget(at(profileNode, ['Name'])) ?? refTarget(profileNode);
  const profile = profileId ? model.resource(profileId) : undefined;
  if (!profile || profile.type !== 'AWS::IAM::InstanceProfile') return [];
  const roles = at(profile.properties, ['Roles']);
  return isSeq(roles) ? roles.items.map(refTarget).filter((id): id is string => !!id) : [];
}

export interface GrantedStatement { path: TemplatePath; statement: Record<string, unknown> }

/** Every IAM statement that applies to one of `roleIds`: inline policies and AWS::IAM::Policy/ManagedPolicy resources. */
export function statementsForRoles(model: TemplateModel, roleIds: string[]): GrantedStatement[] {
  const out: GrantedStatement[] = [];
  const collect = (documentPath: TemplatePath) => {
    const statements = model.get([...documentPath, 'Statement']);
    if (isSeq(statements)) statements.items.forEach((s, i) => out.push({ path: [...documentPath, 'Statement', i], statement: toPlain(s) as Record<string, unknown> }));
    else if (isMap(statements)) out.push({ path: [...documentPath, 'Statement'], statement: toPlain(statements) as Record<string, unknown> });
  };
  for (const id of roleIds) {
    const role = model.resource(id);
    const policies = role && at(role.properties, ['Policies']);
    if (isSeq(policies)) policies.items.forEach((_, i) => collect([...role!.path, 'Properties', 'Policies', i, 'PolicyDocument']));
  }
  for (const r of model.resourcesOfType('AWS::IAM::Policy', 'AWS::IAM::ManagedPolicy')) {
    const roles = at(r.properties, ['Roles']);
    const targets = isSeq(roles) ? roles.items.map((n) => refTarget(n) ?? asString(n)) : [];
    if (targets.some((t) => t && roleIds.includes(t))) collect([...r.path, 'Properties', 'PolicyDocument']);
  }
  return out;
}

export function plainProperty(resource: ResourceView, ...keys: string[]): unknown {
  return toPlain(at(resource.properties, keys));
}

export function isTrue(value: unknown): boolean {
  return value === true || (typeof value === 'string' && /^true$/i.test(value));
}
