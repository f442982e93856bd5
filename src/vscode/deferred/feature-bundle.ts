import type { ExtensionCommand } from '../commands/command';
import type { Services } from '../services';

/**
 * A feature that ships as its own bundle (dist/<name>.js) because it carries heavy libraries (the
 * AWS SDK, the Docker client): loading them would cost activation over 100 ms, so they load just
 * after activation instead.
 */
export interface FeatureBundle {
  register(services: Services): void;
  commands: ExtensionCommand[];
}
