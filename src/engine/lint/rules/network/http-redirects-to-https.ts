import type { TemplateModel } from '../../../template/template-model';
import type { ListenerInfo } from '../../../topology/types';
import type { QuickFix, TextEdit } from '../../finding';
import { defineRule } from '../../rule';

export const httpRedirectsToHttps = defineRule({
  id: 'MHA6003',
  name: 'http-redirects-to-https',
  category: 'network',
  defaultSeverity: 'warning',
  description: 'Plain HTTP on the load balancer only redirects to HTTPS; Moodle must never be served on both.',
  check({ model, topology, report }) {
    const lb = topology.loadBalancer;
    if (!lb.found || lb.kind !== 'application') return;
    for (const listener of lb.listeners) {
      if (listener.protocol !== 'HTTP' || listener.redirectsToHttps) continue;
      const edit = redirectFix(model, listener);
      const fixes: QuickFix[] = edit ? [{ title: 'Redirect HTTP to HTTPS (301, port 443)', edits: [edit], preferred: true }] : [];
      report({
        path: listener.defaultActionsPath ?? listener.path, atKey: true,
        message: `Listener ${listener.logicalId} serves Moodle over plain HTTP. Replace its DefaultActions with a redirect (Type: redirect, RedirectConfig: {Protocol: HTTPS, Port: '443', StatusCode: HTTP_301}); Moodle's wwwroot is https:// and mixed access breaks logins.`,
        fixes,
      });
    }
  },
});

/** Replace the whole `DefaultActions:` entry (key and block value) with a redirect, in YAML only. */
function redirectFix(model: TemplateModel, listener: ListenerInfo): TextEdit | undefined {
  if (model.isJson || !listener.defaultActionsPath) return undefined;
  const props = model.get(listener.defaultActionsPath.slice(0, -1));
  if (props?.kind !== 'map') return undefined;
  const actions = props.entries.find((e) => e.key === 'DefaultActions');
  if (!actions) return undefined;
  const start = actions.keyRange.start;
  const lineStart = model.lines.offsetAt({ line: start.line, character: 0 });
  if (!/^\s*$/.test(model.text.slice(lineStart, lineStart + start.character))) return undefined;
  const pad = ' '.repeat(start.character);
  const lines = ['DefaultActions:', '  - Type: redirect', '    RedirectConfig:', '      Protocol: HTTPS', "      Port: '443'", '      StatusCode: HTTP_301'];
  const end = actions.value.range.end;
  const endsAtLineStart = end.character === 0;
  const text = lines.map((l, i) => (i === 0 ? l : pad + l)).join('\n') + (endsAtLineStart ? '\n' : '');
  return { range: { start, end }, newText: text };
}
