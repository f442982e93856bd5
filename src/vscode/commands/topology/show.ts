import * as vscode from 'vscode';
import { webSizes } from '../../../engine/pictures/web-sizes';
import { deriveTopology } from '../../../engine/topology/derive';
import { drawTopologySvg } from '../../../engine/topology/draw/draw-topology-svg';
import { showPicture } from '../../pictures/picture-panels';
import type { ExtensionCommand } from '../command';
import { revealLink } from './reveal';

/** Draws the active template's HA topology beside it, with its Moodle-HA findings, and keeps it current. */
export const showTopologyCommand: ExtensionCommand = {
  id: 'moodleHa.topology.show',
  run(services) {
    showPicture(services, 'topology', 'Topology', (result, document) => {
      const topology = result.topology ?? deriveTopology(result.model);
      return drawTopologySvg(topology, {
        title: vscode.workspace.asRelativePath(document.uri),
        findings: result.findings.filter((f) => f.source === 'Moodle HA' && f.ruleId !== 'MHA0000'),
        linkFor: (logicalId) => revealLink(document.uri, logicalId),
        webSizes: topology.webTier.found ? webSizes(result.model, topology.webTier.asgLogicalId) : undefined,
      });
    });
  },
};
