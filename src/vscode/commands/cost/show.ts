import * as vscode from 'vscode';
import { LINT_SECTION, readLintSettings } from '../../lint/lint-settings';
import { drawCostSvg } from '../../../engine/cost/draw-cost-svg';
import { estimateCost } from '../../../engine/cost/estimate-cost';
import { PRICE_SNAPSHOT } from '../../../engine/cost/price-snapshot';
import { showPicture } from '../../pictures/picture-panels';
import type { ExtensionCommand } from '../command';

/** The school year's capacity and monthly cost for the active template, beside it, kept current. */
export const showCostCommand: ExtensionCommand = {
  id: 'moodleHa.cost.show',
  run(services) {
    showPicture(services, 'cost', 'Capacity and Cost', (result) => {
      const configured = readLintSettings(vscode.workspace.getConfiguration(LINT_SECTION)).region;
      const region = configured && Object.hasOwn(PRICE_SNAPSHOT.regions, configured) ? configured : 'eu-west-1';
      return drawCostSvg(estimateCost(result.model, { region, year: new Date().getFullYear() + 1 }));
    });
  },
};
