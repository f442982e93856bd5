import type { PublishMessage } from './publish-messages';

/** One publish message as text, for the CLI and the log. */
export function formatPublishMessage(m: PublishMessage): string {
  switch (m.kind) {
    case 'bundle':
      return [`Bundle: ${m.files} files, ${kb(m.bytes)} → ${kb(m.zipBytes)} zipped.`, ...m.excluded.map((e) => `  excluded ${e.name}: ${e.reason}`),
        ...(m.noteworthy ?? []).map((e) => `  included ${e.name} (${e.reason})`)].join('\n');
    case 'uploaded': return `Uploaded s3://${m.bucket}/${m.key}${m.versionId ? ` (version ${m.versionId})` : ''}`;
    case 'pipeline': return `Pipeline ${m.pipeline}: ${m.status} — ${m.stages.map((s) => `${s.name} ${s.status}`).join(', ')}`;
    case 'deployment': return `Deployment ${m.deploymentId}: ${m.status}`;
    case 'instance': return `  ${m.instanceId} ${m.status}: ${m.events.map((e) => `${e.name}=${e.status}`).join(' ')}`;
    case 'hookFailed': return `FAILED ${m.event} on ${m.instanceId}: ${m.message ?? ''}${m.logTail ? `\n--- log tail ---\n${m.logTail}` : ''}`;
    case 'info': return m.text;
  }
}

export function kb(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${(bytes / 1024).toFixed(1)} KB`;
}
