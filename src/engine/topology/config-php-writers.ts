import { at, isMap } from '../template/nodes';
import type { TemplateModel } from '../template/template-model';
import { extractMoodleConfig } from './moodle-config';
import { renderText } from './user-data';

const BOOTED = ['AWS::EC2::LaunchTemplate', 'AWS::AutoScaling::LaunchConfiguration', 'AWS::EC2::Instance'];

/**
 * The Moodle config.php a template writes anywhere, not only in its web tier's boot: a cfn-init
 * file whose name ends in config.php, or user data that sets `$CFG->...`. The AWS reference
 * architecture writes it in a helper that seeds the code repository (03-pipelinehelper.yaml), and
 * CodeDeploy carries it to the web servers of a sibling template. The text is rendered, not
 * JSON-encoded, so each setting is on its own line.
 */
export function configPhpWritten(model: TemplateModel): string | undefined {
  const found: string[] = [];
  for (const launch of model.resourcesOfType(...BOOTED)) {
    const init = at(launch.node, ['Metadata', 'AWS::CloudFormation::Init']);
    for (const config of isMap(init) ? init.entries : []) {
      const files = at(config.value, ['files']);
      for (const file of isMap(files) ? files.entries : []) {
        if (!/config\.php$/.test(file.key)) continue;
        const text = extractMoodleConfig(renderText(at(file.value, ['content'])));
        if (text) found.push(text);
      }
    }
    const data = launch.type === 'AWS::EC2::LaunchTemplate' ? at(launch.properties, ['LaunchTemplateData', 'UserData']) : at(launch.properties, ['UserData']);
    const fromUserData = extractMoodleConfig(renderText(data));
    if (fromUserData) found.push(fromUserData);
  }
  return found.length ? found.join('\n') : undefined;
}
