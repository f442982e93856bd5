// What a UI test needs before it can run: `requires: { commands, views, settings, walkthroughs, env }`
// (env: variables scripts/test-vscode.sh sets when a service such as moto_server is there).

/** The requirements package.json does not meet yet, as readable phrases (empty when all are met). */
export function unmetRequirements(manifest, requires) {
  const c = manifest.contributes ?? {};
  const commands = new Set((c.commands ?? []).map((x) => x.command));
  const views = new Set(Object.values(c.views ?? {}).flat().map((v) => v.id));
  const sections = Array.isArray(c.configuration) ? c.configuration : [c.configuration ?? {}];
  const settings = new Set(sections.flatMap((s) => Object.keys(s.properties ?? {})));
  return [
    ...(requires.commands ?? []).filter((id) => !commands.has(id)).map((id) => `command ${id}`),
    ...(requires.views ?? []).filter((id) => !views.has(id)).map((id) => `view ${id}`),
    ...(requires.settings ?? []).filter((id) => !settings.has(id)).map((id) => `setting ${id}`),
    ...(requires.walkthroughs && !(c.walkthroughs ?? []).length ? ['walkthrough'] : []),
    ...(requires.env ?? []).filter((name) => !process.env[name]).map((name) => `environment variable ${name}`),
  ];
}

/** The title a contributed view shows in its pane header. */
export function viewName(manifest, viewId) {
  return Object.values(manifest.contributes?.views ?? {}).flat().find((v) => v.id === viewId)?.name;
}
