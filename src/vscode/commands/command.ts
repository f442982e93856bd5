import type { Services } from '../services';

/** One palette or view command: `moodleHa.<noun>.<verb>`, in its own file `<noun>/<verb>.ts`. */
export interface ExtensionCommand {
  id: string;
  /**
   * Set (to what it does, "Deploying a stack") when the command runs containers or talks to AWS:
   * it is refused in an untrusted workspace. package.json must give exactly these commands
   * `"enablement": "isWorkspaceTrusted"`; the bundle loader reports any mismatch.
   */
  needsTrust?: string;
  run(services: Services, ...args: unknown[]): unknown;
}
