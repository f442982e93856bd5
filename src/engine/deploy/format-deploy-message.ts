import { formatChangeSet } from './change-set-preview';
import type { DeployMessage } from './deploy-messages';

/** One message as plain text lines, for the CLI and the log. Undefined: nothing worth a line. */
export function formatDeployMessage(m: DeployMessage): string | undefined {
  switch (m.kind) {
    case 'lint': {
      const parts = [];
      if (m.errors.length) parts.push(`Lint: ${m.errors.length} error(s)${m.overridden ? ' — deploying anyway (overridden)' : ''}`);
      for (const w of m.warnings) parts.push(`Lint warning line ${w.range.start.line + 1}: ${w.ruleId} ${w.message}`);
      return parts.length ? parts.join('\n') : 'Lint: no errors.';
    }
    case 'capabilities':
      return m.capabilities.map((c) => `Capability ${c.capability}: ${c.because.join(', ')}`).join('\n');
    case 'upload':
      return `Template is ${m.bytes.toLocaleString('en')} bytes (over 51,200): uploaded to s3://${m.bucket}/${m.key}`;
    case 'changeSet':
      return formatChangeSet(m.preview).trimEnd();
    case 'resource': {
      const r = m.resource;
      const name = [...r.nestedPath, r.logicalId].join('/');
      return `  ${stamp(r.time)} ${name.padEnd(28)} ${r.status}${r.reason ? ` — ${r.reason}` : ''}`;
    }
    case 'progress':
      return undefined;
    case 'failure':
      return `FAILED: ${[...m.cause.nestedPath, m.cause.logicalId].join('/')}: ${m.cause.reason}`;
    case 'rollback':
      return `Rolling back (${m.status})…`;
    case 'info':
      return m.text;
  }
}

function stamp(time: Date | undefined): string {
  return time ? time.toISOString().slice(11, 19) : '        ';
}

export function formatElapsed(ms: number): string {
  const s = Math.round(ms / 1000);
  return s < 60 ? `${s}s` : `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
}
