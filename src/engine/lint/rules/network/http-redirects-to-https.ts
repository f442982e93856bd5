import type { TemplateModel } from '../../../template/template-model';
import type { ListenerInfo } from '../../../topology/types';
import type { QuickFix, TextEdit } from '../../finding';
import { defineRule } from '../../rule';
import { isSecure } from './https-listener';

export const httpRedirectsToHttps = defineRule({
  id: 'MHA6003',
  name: 'http-redirects-to-https',
  category: 'network',
  defaultSeverity: 'warning',
  description: 'Where the load balancer has an HTTPS listener, plain HTTP only redirects to it; Moodle must never be served on both.',
  check({ model, topology, report }) {
    const lb = topology.loadBalancer;
    if (!lb.found || lb.kind !== 'application') return;
    // Without an HTTPS listener a redirect goes nowhere: that is MHA6002's finding, and no fix of ours.
    const https = lb.listeners.filter((l) => l.protocol === 'HTTPS' && isSecure(lb, l));
    if (!https.length) return;
    // CloudFront reaching the load balancer over HTTP needs the HTTP listener to forward; viewers get CloudFront's HTTPS.
    if ((lb.cloudFrontOrigins ?? []).some((o) => o.originProtocol === 'http-only')) return;
    const always = https.find((l) => !l.condition);
    for (const listener of lb.listeners) {
      if (listener.protocol !== 'HTTP' || listener.redirectsToHttps) continue;
      const port = always && typeof always.port === 'number' ? always.port : 443;
      const edit = always ? redirectFix(model, listener, port) : undefined;
      const fixes: QuickFix[] = edit ? [{ title: `Redirect HTTP to HTTPS (301, port ${port})`, edits: [edit], preferred: true }] : [];
      const when = always ? '' : ` when condition ${https[0].condition} is true (the HTTPS listener ${https[0].logicalId} exists only then; make the redirect an !If on that condition)`;
      report({
        path: listener.defaultActionsPath ?? listener.path, atKey: true,
        message: `Listener ${listener.logicalId} serves Moodle over plain HTTP next to the HTTPS listener${when}. Replace its DefaultActions with a redirect (Type: redirect, RedirectConfig: {Protocol: HTTPS, Port: '${port}', StatusCode: HTTP_301}); Moodle's wwwroot is https:// and mixed access breaks logins.`,
        fixes,
      });
    }
  },
});

/** Replace the whole `DefaultActions:` entry (key and block value) with a redirect, in YAML only. */
function redirectFix(model: TemplateModel, listener: ListenerInfo, port: number): TextEdit | undefined {
  if (model.isJson || !listener.defaultActionsPath) return undefined;
  const props = model.get(listener.defaultActionsPath.slice(0, -1));
  if (props?.kind !== 'map') return undefined;
  const actions = props.entries.find((e) => e.key === 'DefaultActions');
  if (!actions) return undefined;
  const start = actions.keyRange.start;
  const lineStart = model.lines.offsetAt({ line: start.line, character: 0 });
  if (!/^\s*$/.test(model.text.slice(lineStart, lineStart + start.character))) return undefined;
  const pad = ' '.repeat(start.character);
  const lines = ['DefaultActions:', '  - Type: redirect', '    RedirectConfig:', '      Protocol: HTTPS', `      Port: '${port}'`, '      StatusCode: HTTP_301'];
  const end = actions.value.range.end;
  const endsAtLineStart = end.character === 0;
  const text = lines.map((l, i) => (i === 0 ? l : pad + l)).join('\n') + (endsAtLineStart ? '\n' : '');
  return { range: { start, end }, newText: text };
}
