import type { Services } from '../services';

/** One palette or view command: `moodleHa.<noun>.<verb>`, in its own file `<noun>/<verb>.ts`. */
export interface ExtensionCommand {
  id: string;
  run(services: Services, ...args: unknown[]): unknown;
}
