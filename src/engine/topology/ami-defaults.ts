import { asString, intrinsicName, toPlain, type TNode } from '../template/nodes';
import type { TemplateModel } from '../template/template-model';
import { branches } from './conditions';
import { parameter, refTarget } from './references';

/**
 * AMIs registered with ImdsSupport v2.0 launch with HttpTokens required when the launch template
 * leaves it unset. Amazon Linux 2023 is one of them; so is an image the template declares with it.
 * True only when every branch of ImageId is such an image.
 */
export function amiRequiresImdsV2(model: TemplateModel, imageId: TNode | undefined): boolean {
  if (!imageId) return false;
  const options = branches(imageId);
  return options.length > 0 && options.every((b) => imageRequiresV2(model, b.node));
}

const AL2023_PARAMETER = /\/aws\/service\/ami-amazon-linux-latest\/al2023-/;

function imageRequiresV2(model: TemplateModel, node: TNode | undefined): boolean {
  if (!node) return false;
  const literal = asString(node);
  if (literal !== undefined) return /\{\{resolve:ssm:\/aws\/service\/ami-amazon-linux-latest\/al2023-/.test(literal);
  if (intrinsicName(node) !== 'Ref' && intrinsicName(node) !== 'Fn::GetAtt') return false;
  const id = refTarget(node);
  if (!id) return false;
  const param = parameter(model, id);
  if (param) return /AWS::SSM::Parameter::Value<AWS::EC2::Image::Id>/.test(param.type ?? '') && AL2023_PARAMETER.test(asString(param.defaultNode) ?? '');
  const resource = model.resource(id);
  // An image the template builds or registers itself (Image Builder, a custom resource) with ImdsSupport v2.0.
  return !!resource && /"ImdsSupport":"v2\.0"/.test(JSON.stringify(toPlain(resource.properties) ?? {}));
}
