import type { Services } from './services';

/** "Moodle HA: Deploy Stack…" for a command id, as the palette shows it; the id if undeclared. */
export function commandTitle(services: Services, id: string): string {
  const declared = (services.context.extension.packageJSON.contributes?.commands ?? []) as Array<{ command: string; title: string; category?: string }>;
  const command = declared.find((c) => c.command === id);
  return command ? `${command.category ? `${command.category}: ` : ''}${command.title}` : id;
}
