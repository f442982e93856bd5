import { mapAwsError } from '../../../engine/deploy/map-aws-error';
import { drawDeployedStack } from '../../../engine/topology/draw/deployed-stack-picture';
import { stackFeature } from '../../deploy/stack-feature';
import { SHOW_STACK_TOPOLOGY, showStackPicture } from '../../pictures/stack-picture-panel';
import { withCancellableProgress } from '../../with-cancellable-progress';
import type { ExtensionCommand } from '../command';
import { stackNameFrom } from './pick-stack';

/** The deployed stack's topology (its template as CloudFormation holds it) with each resource's real status. */
export const showStackTopologyCommand: ExtensionCommand = {
  id: SHOW_STACK_TOPOLOGY,
  async run(services, arg) {
    const feature = stackFeature(services);
    const clients = await feature.session.usableClients();
    // A string when the panel's own "Read again" link runs it.
    const stackName = typeof arg === 'string' ? arg : await stackNameFrom(arg, feature, 'Stack whose topology to show');
    if (!stackName) return;
    const picture = await withCancellableProgress(`Reading ${stackName}'s template and resources`, async (signal) => {
      try {
        return await drawDeployedStack(clients.cloudFormation(), stackName, { region: clients.target.region, signal });
      } catch (error) {
        throw mapAwsError(error, clients.target, `reading stack ${stackName}`);
      }
    });
    showStackPicture(stackName, picture.svg);
  },
};
