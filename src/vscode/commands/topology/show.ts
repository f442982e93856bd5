import * as vscode from 'vscode';
import { lintTemplate } from '../../../engine/lint/lint-template';
import { webSizes } from '../../../engine/pictures/web-sizes';
import { TemplateModel } from '../../../engine/template/template-model';
import { deriveTopology } from '../../../engine/topology/derive';
import { drawTopologySvg } from '../../../engine/topology/draw/draw-topology-svg';
import { showPicture } from '../../pictures/picture-panels';
import type { ExtensionCommand } from '../command';
import { revealLink } from './reveal';

/** Draws the active template's HA topology beside it, with its Moodle-HA findings, and keeps it current. */
export const showTopologyCommand: ExtensionCommand = {
  id: 'moodleHa.topology.show',
  run(services) {
    showPicture(services.context, 'topology', 'Topology', async (document) => {
      const text = document.getText();
      const model = TemplateModel.parse(document.uri.toString(), text);
      if (!model.isCloudFormation) return '<p>This file is not a CloudFormation template: there is nothing to draw.</p>';
      const topology = deriveTopology(model);
      const { findings } = await lintTemplate(document.uri.toString(), text, { rules: vscode.workspace.getConfiguration('moodleHa.lint').get('rules') });
      return drawTopologySvg(topology, {
        title: vscode.workspace.asRelativePath(document.uri),
        findings: findings.filter((f) => f.source === 'Moodle HA' && f.ruleId !== 'MHA0000'),
        linkFor: (logicalId) => revealLink(document.uri, logicalId),
        webSizes: topology.webTier.found ? webSizes(model, topology.webTier.asgLogicalId) : undefined,
      });
    });
  },
};
