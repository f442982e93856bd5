import { coord, escapeXml } from '../../common/svg-text';
import { SVG_THEME_STYLE } from '../../common/svg-theme';
import type { Finding, Severity } from '../../lint/finding';
import type { HaTopology, Part } from '../types';
import { HEALTH_LEGEND, HEALTH_MARK, nodeStroke, type LiveNode } from './live-nodes';
import { resourceStatusFooter, stateOfParts, STATUS_LEGEND, statusStroke, type ResourceState } from './resource-status';

export type { ResourceState } from './resource-status';

export interface TopologyPictureOptions {
  title: string;
  /** Findings to pin on the parts they are about (by the resource in their path). */
  findings?: Finding[];
  /** A link for a resource (VS Code passes a command URI that reveals it); none in files. */
  linkFor?: (logicalId: string) => string | undefined;
  /** Live state per replica node name ("healthy", "unhealthy", "stopped"). */
  status?: Record<string, string>;
  /** The running replica's nodes: the web nodes drawn are these, each with its health (and, in a drill, the requests it serves now). */
  liveNodes?: LiveNode[];
  /** The web tier's sizes with parameters resolved (the topology keeps a Ref as "unknown"). */
  webSizes?: { min?: number; desired?: number; max?: number };
  /** A deployed stack's resources by logical id (DescribeStackResources): drawn on each part as a mark, a word and a line style. */
  resourceStatus?: Record<string, ResourceState>;
  /** A line under the title (e.g. the stack's own status and region). */
  subtitle?: string;
}

/** The rule that reports a missing part, drawn in the gap it leaves. */
const MISSING_RULE: Partial<Record<keyof HaTopology, string>> = {
  loadBalancer: 'MHA1001', sharedStorage: 'MHA2001', sessionCache: 'MHA4001', code: 'MHA5001',
};

const SEVERITY_MARK: Record<Severity, string> = { error: '✖', warning: '▲', info: 'ℹ' };

interface Box { x: number; y: number; w: number; h: number }

/**
 * The node serving users flashes (its fill pulses) while a drill runs; the fill, the bold ▶ and its
 * req/s say the same without motion, so a user who asked for reduced motion loses nothing.
 */
const SERVING_FLASH = `
  @keyframes mha-serving { from { fill-opacity: 0.55; } to { fill-opacity: 0.1; } }
  .serving { animation: mha-serving 0.5s ease-in-out infinite alternate; }
  @media (prefers-reduced-motion: reduce) { .serving { animation: none; } }
`;

/**
 * What HaTopology found, drawn as a cloud architect would: availability zones as columns,
 * public / app / data tiers as rows, the code pipeline on the right. A missing part is a dashed
 * gap naming the rule that reports it; each finding sits on its part with a shape for its
 * severity (✖ error, ▲ warning, ℹ info) and its rule id, so nothing depends on colour.
 */
export function drawTopologySvg(topology: HaTopology, options: TopologyPictureOptions): string {
  const width = 980, left = 110, pipelineW = 200, gap = 12;
  const web = topology.webTier.found ? topology.webTier : undefined;
  const azKnown = web && typeof web.azCount === 'number' && web.azCount > 0;
  const azCount = azKnown ? Math.min(6, web!.azCount as number) : 2;
  const zonesW = width - left - pipelineW - 3 * gap;
  const colW = zonesW / azCount;
  const column = (i: number): Box => ({ x: left + i * colW, y: 0, w: colW, h: 0 });
  const rows = { public: 70, app: 190, data: 350 };
  const rowH = { public: 100, app: 140, data: 170 };
  const parts: string[] = [];
  const findingsFor = (ids: string[]) => (options.findings ?? []).filter((f) => f.path && f.path[0] === 'Resources' && ids.includes(String(f.path[1])));

  parts.push(`<text x="16" y="26" font-size="16" font-weight="bold">${escapeXml(options.title)}</text>`);
  if (options.subtitle) parts.push(`<text x="${width - 16}" y="26" font-size="11" text-anchor="end" class="muted">${escapeXml(options.subtitle)}</text>`);
  // Not Moodle: the linter applies no Moodle-HA rule, so the picture names none either (a gap is only what the template lacks).
  const notMoodle = topology.moodleStack?.isMoodle === false;
  const missingRule = (key: keyof HaTopology) => (notMoodle ? undefined : MISSING_RULE[key]);
  const zonesText = azKnown ? `${azCount} availability zones` : 'availability zones: not knowable from the template; drawn as 2';
  parts.push(`<text x="16" y="44" font-size="11" class="muted">${escapeXml(notMoodle ? `${zonesText} · not a Moodle stack: the Moodle HA rules do not apply, parts drawn as found` : zonesText)}</text>`);
  for (let i = 0; i < azCount; i++) {
    const c = column(i);
    parts.push(`<rect x="${coord(c.x + 2)}" y="56" width="${coord(c.w - 4)}" height="${rows.data + rowH.data - 46}" rx="6" fill="none" stroke="var(--line)" stroke-dasharray="6 4"/>`);
    parts.push(`<text x="${coord(c.x + c.w / 2)}" y="68" font-size="11" text-anchor="middle" class="muted">${escapeXml(azKnown ? `AZ ${i + 1}` : `AZ ${i + 1}?`)}</text>`);
  }
  for (const [name, y] of Object.entries(rows)) parts.push(`<text x="16" y="${y + 20}" font-size="11" font-weight="bold" class="muted">${name} tier</text>`);

  const span = (row: keyof typeof rows, top = 16, height = 48): Box => ({ x: left + 8, y: rows[row] + top, w: zonesW - 16, h: height });
  const cell = (row: keyof typeof rows, i: number, top: number, height: number): Box => ({ x: column(i).x + 10, y: rows[row] + top, w: colW - 20, h: height });

  drawPart(parts, topology.loadBalancer, span('public'), 'load balancer', (lb) => ({
    ids: [lb.logicalId, ...lb.targetGroupIds],
    lines: [`${kindName(lb.kind)} ${lb.logicalId}`, lb.listeners.map((l) => `${l.protocol} ${l.port}${l.redirectsToHttps ? ' → HTTPS' : ''}`).join(' · ') || 'no listener'],
  }), options, findingsFor, missingRule('loadBalancer'));

  drawPart(parts, topology.webTier, span('app', 12, 36), 'web tier', (w) => ({
    ids: [w.asgLogicalId, ...(w.launchTemplateId ? [w.launchTemplateId] : []), ...(w.launchConfigurationId ? [w.launchConfigurationId] : [])],
    lines: [`Auto Scaling group ${w.asgLogicalId}: min ${size(w.minSize, options.webSizes?.min)} / desired ${size(w.desiredCapacity, options.webSizes?.desired)} / max ${size(w.maxSize, options.webSizes?.max)}`, `health check ${w.healthCheckType}; ${w.scheduledActions.length} scheduled action(s); ${w.launchTemplateId ? `launch template ${w.launchTemplateId}` : w.launchConfigurationId ? `launch configuration ${w.launchConfigurationId}` : 'no launch template'}`],
  }), options, findingsFor);
  const liveWeb = options.liveNodes?.filter((n) => n.role === 'web');
  if (web && liveWeb) drawLiveWebNodes(parts, liveWeb, azCount, (i, slot) => cell('app', i, 58 + slot * 20, 16), left + 8, rows.app + rowH.app - 4);
  else if (web) {
    const desired = typeof web.desiredCapacity === 'number' ? web.desiredCapacity : options.webSizes?.desired;
    const floor = typeof web.minSize === 'number' ? web.minSize : options.webSizes?.min;
    const nodes = desired ?? floor ?? azCount;
    for (let n = 0; n < Math.min(nodes, azCount * 4); n++) {
      const i = n % azCount, slot = Math.floor(n / azCount);
      const box = cell('app', i, 58 + slot * 20, 16);
      const status = options.status?.[`web-${n + 1}`];
      parts.push(`<rect x="${coord(box.x)}" y="${box.y}" width="${coord(box.w)}" height="${box.h}" rx="3" fill="none" stroke="var(--fg)"${status === 'unhealthy' || status === 'stopped' ? ' stroke-dasharray="3 2"' : ''}/>`);
      parts.push(`<text x="${coord(box.x + 6)}" y="${box.y + 12}" font-size="10">${escapeXml(`web ${n + 1}${status ? ` (${status})` : ''}`)}</text>`);
    }
    if (nodes > azCount * 4) parts.push(`<text x="${left + 8}" y="${rows.app + rowH.app - 4}" font-size="10" class="muted">${escapeXml(`+${nodes - azCount * 4} more`)}</text>`);
  }

  const dataBox = (i: number, slot: number) => cell('data', i, 16 + slot * 52, 46);
  drawSpread(parts, topology.sharedStorage, azCount, dataBox, 0, 'shared storage', (s) => ({
    ids: [...(s.logicalId ? [s.logicalId] : []), ...(s.mountTargetIds ?? [])],
    lines: [s.kind === 'efs' ? `EFS ${s.logicalId ?? ''}` : `${s.kind.toUpperCase()} share`, s.kind === 'efs' ? `${s.mountTargetCount} mount target(s)${s.encrypted === true ? ', encrypted' : ''}` : `by ${s.declaredBy ?? 'user data'}`],
    perAz: s.kind === 'efs' ? (typeof s.mountTargetAzCount === 'number' ? s.mountTargetAzCount : s.mountTargetCount) : 0,
    perAzLabel: 'mount target',
  }), options, findingsFor, missingRule('sharedStorage'));
  drawSpread(parts, topology.database, azCount, dataBox, 1, 'database', (d) => ({
    ids: d.logicalIds,
    lines: [`${d.kind === 'aurora' ? 'Aurora' : d.kind === 'rds' ? 'RDS' : 'database on the web servers'} ${d.engine}`, d.kind === 'aurora' ? `${d.instanceCount} instance(s)` : `Multi-AZ ${d.multiAz}`],
    perAz: d.kind === 'aurora' ? d.instanceCount : d.kind === 'rds' ? (d.multiAz === true ? 2 : 1) : 0,
    perAzLabel: d.kind === 'aurora' ? 'writer|reader' : 'primary|standby',
  }), options, findingsFor);
  drawSpread(parts, topology.sessionCache, azCount, dataBox, 2, 'session cache', (c) => ({
    ids: [c.logicalId],
    lines: [`${c.kind} ${c.logicalId}`, `${c.nodeCount} node(s)${c.automaticFailover === true ? ', failover' : ''}${c.transitEncryption === true ? ', TLS' : ''}`],
    perAz: typeof c.nodeCount === 'number' ? c.nodeCount : 1,
    perAzLabel: 'node',
  }), options, findingsFor, missingRule('sessionCache'));

  const pipeline: Box = { x: width - pipelineW - gap, y: rows.public + 16, w: pipelineW, h: rows.data + rowH.data - rows.public - 30 };
  drawPart(parts, topology.code, pipeline, 'code delivery', (c) => ({
    ids: [c.pipelineId, c.codeDeployApplicationId, c.deploymentGroupId].filter((x): x is string => Boolean(x)),
    lines: ['Code pipeline', `source: ${c.sourceKind ?? 'none'}`, `pipeline: ${c.pipelineId ?? 'none'}`, `deployment group: ${c.deploymentGroupId ?? 'none'}`, `targets the web tier: ${c.deploymentGroupTargetsWebTier}`],
  }), options, findingsFor, missingRule('code'));

  const footer = [...(options.resourceStatus ? resourceStatusFooter(options.resourceStatus) : []), ...(options.liveNodes ? liveFooter(options.liveNodes) : [])];
  const height = rows.data + rowH.data + 30 + (footer.length ? footer.length * 14 + 18 : 0) + (options.liveNodes ? 14 : 0);
  footer.forEach((line, i) => parts.push(`<text x="16" y="${rows.data + rowH.data + 14 + i * 14}" font-size="${i === 0 ? 11 : 10}"${i === 0 ? ' font-weight="bold"' : ''}>${escapeXml(truncate(line, 150))}</text>`));
  const legend = `✖ error · ▲ warning · ℹ info · dashed box: a part the template does not have${notMoodle ? '' : ', with the rule that reports it'}${options.resourceStatus ? ` · ${STATUS_LEGEND}` : ''}`;
  if (options.liveNodes) parts.push(`<text x="16" y="${height - 24}" font-size="10" class="muted">${escapeXml(HEALTH_LEGEND)}</text>`);
  parts.push(`<text x="16" y="${height - 10}" font-size="10" class="muted">${escapeXml(legend)}</text>`);
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="${escapeXml(options.title)}"><style>${SVG_THEME_STYLE}${options.liveNodes ? SERVING_FLASH : ''}</style>${parts.join('')}</svg>`;
}

interface PartView { ids: string[]; lines: string[]; perAz?: number; perAzLabel?: string }

function drawPart<T>(parts: string[], part: Part<T>, box: Box, name: string, view: (found: T) => PartView, options: TopologyPictureOptions, findingsFor: (ids: string[]) => Finding[], missingRule?: string): void {
  if (!part.found) {
    parts.push(`<rect x="${coord(box.x)}" y="${box.y}" width="${coord(box.w)}" height="${box.h}" rx="5" fill="none" stroke="var(--warning)" stroke-dasharray="5 4"/>`);
    parts.push(`<text x="${coord(box.x + 8)}" y="${box.y + 16}" font-size="11" font-weight="bold">${escapeXml(`No ${name}${missingRule ? ` (${missingRule})` : ''}`)}</text>`);
    wrap(part.reason, Math.floor(box.w / 6)).slice(0, Math.max(1, Math.floor((box.h - 22) / 13))).forEach((line, i) => parts.push(`<text x="${coord(box.x + 8)}" y="${box.y + 31 + i * 13}" font-size="10" class="muted">${escapeXml(line)}</text>`));
    return;
  }
  const found = view(part as T);
  const state = options.resourceStatus ? stateOfParts(options.resourceStatus, found.ids) : undefined;
  // The status leads the first line, so a narrow box that truncates keeps it.
  const v = state ? { ...found, lines: [`${state.mark} ${state.status} · ${found.lines[0] ?? ''}`, ...found.lines.slice(1)] } : found;
  const link = v.ids.map((id) => options.linkFor?.(id)).find(Boolean);
  const body = [`<rect x="${coord(box.x)}" y="${box.y}" width="${coord(box.w)}" height="${box.h}" rx="5" fill="none" ${state ? `${statusStroke(state)}><title>${escapeXml(`${state.logicalId}: ${state.status}${state.reason ? ` (${state.reason})` : ''}`)}</title></rect>` : 'stroke="var(--fg)"/>'}`,
    ...v.lines.slice(0, Math.max(1, Math.floor((box.h - 6) / 14))).map((line, i) => `<text x="${coord(box.x + 8)}" y="${box.y + 16 + i * 14}" font-size="${i === 0 ? 11 : 10}"${i === 0 ? ' font-weight="bold"' : ' class="muted"'}>${escapeXml(truncate(line, Math.floor(box.w / 6)))}</text>`)];
  parts.push(link ? `<a href="${escapeXml(link)}">${body.join('')}</a>` : body.join(''));
  drawBadges(parts, findingsFor(v.ids), box);
}

/** A data-tier part: one box that names it, and its members (mount targets, instances, nodes) spread over the zones. */
function drawSpread<T>(parts: string[], part: Part<T>, azCount: number, boxAt: (az: number, slot: number) => Box, slot: number, name: string, view: (found: T) => PartView, options: TopologyPictureOptions, findingsFor: (ids: string[]) => Finding[], missingRule?: string): void {
  const first = boxAt(0, slot);
  const last = boxAt(azCount - 1, slot);
  const whole: Box = { x: first.x, y: first.y, w: last.x + last.w - first.x, h: first.h };
  if (!part.found) return drawPart(parts, part, whole, name, view, options, findingsFor, missingRule);
  const v = view(part as T);
  const members = v.perAz ?? 0;
  if (members <= 1) return drawPart(parts, part, members === 1 ? first : whole, name, view, options, findingsFor);
  drawPart(parts, part, { ...whole, h: 20 }, name, (p) => ({ ...view(p), lines: [view(p).lines.join(' · ')] }), options, findingsFor);
  const labels = (v.perAzLabel ?? 'member').split('|');
  for (let m = 0; m < Math.min(members, azCount); m++) {
    const b = boxAt(m, slot);
    const label = m === 0 ? labels[0] : labels[labels.length - 1];
    parts.push(`<rect x="${coord(b.x)}" y="${b.y + 24}" width="${coord(b.w)}" height="${b.h - 26}" rx="3" fill="none" stroke="var(--fg)"/>`);
    parts.push(`<text x="${coord(b.x + 6)}" y="${b.y + 38}" font-size="10">${escapeXml(label)}</text>`);
  }
  if (members > azCount) parts.push(`<text x="${coord(last.x + last.w - 4)}" y="${last.y + 38}" font-size="10" text-anchor="end" class="muted">${escapeXml(`+${members - azCount}`)}</text>`);
}

const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** Up to three badges, errors first; the rest are counted, and named in the count's tooltip. */
function drawBadges(parts: string[], unsorted: Finding[], box: Box): void {
  const findings = [...unsorted].sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]);
  const shown = findings.slice(0, 3);
  shown.forEach((f, i) => {
    const x = box.x + box.w - 8 - (shown.length - i) * 78;
    parts.push(`<g><title>${escapeXml(`${f.ruleId}: ${f.message}`)}</title><rect x="${coord(x)}" y="${box.y + 3}" width="74" height="14" rx="7" fill="var(--bg)" stroke="var(--${f.severity})"/>`
      + `<text x="${coord(x + 37)}" y="${box.y + 13}" font-size="9" text-anchor="middle" style="fill:var(--${f.severity})">${escapeXml(`${SEVERITY_MARK[f.severity]} ${f.ruleId}`)}</text></g>`);
  });
  const rest = findings.slice(shown.length);
  if (rest.length) parts.push(`<text x="${coord(box.x + box.w - 8)}" y="${box.y + 30}" font-size="9" text-anchor="end" class="muted">${escapeXml(`+${rest.length} more`)}<title>${escapeXml(rest.map((f) => `${SEVERITY_MARK[f.severity]} ${f.ruleId}: ${f.message}`).join('\n'))}</title></text>`);
}

function size(known: number | 'unknown', resolved?: number): string {
  return typeof known === 'number' ? String(known) : resolved !== undefined ? String(resolved) : '?';
}

function kindName(kind: string): string {
  return { application: 'Application Load Balancer', network: 'Network Load Balancer', gateway: 'Gateway Load Balancer', classic: 'Classic Load Balancer' }[kind] ?? kind;
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, Math.max(1, max - 1))}…`;
}

function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    if (line && `${line} ${word}`.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}

/** The replica's web nodes, spread over the zones like the group's, each marked with its health; a node serving now is filled and says how much. */
function drawLiveWebNodes(parts: string[], nodes: LiveNode[], azCount: number, boxAt: (az: number, slot: number) => Box, moreX: number, moreY: number): void {
  const shown = nodes.slice(0, azCount * 4);
  shown.forEach((node, n) => {
    const box = boxAt(n % azCount, Math.floor(n / azCount));
    const serving = (node.serving ?? 0) > 0;
    parts.push(`<rect x="${coord(box.x)}" y="${box.y}" width="${coord(box.w)}" height="${box.h}" rx="3" ${serving ? 'class="serving" fill="var(--info)" fill-opacity="0.25"' : 'fill="none"'} ${nodeStroke(node.health)} data-node="${escapeXml(node.name)}"/>`);
    const label = `${HEALTH_MARK[node.health]} ${node.name} ${node.health}${serving ? ` ▶ ${node.serving} req/s` : ''}`;
    parts.push(`<text x="${coord(box.x + 6)}" y="${box.y + 12}" font-size="10"${serving ? ' font-weight="bold"' : ''}>${escapeXml(truncate(label, Math.floor(box.w / 5.5)))}</text>`);
  });
  if (nodes.length > shown.length) parts.push(`<text x="${moreX}" y="${moreY}" font-size="10" class="muted">${escapeXml(`+${nodes.length - shown.length} more`)}</text>`);
}

/** The replica's other nodes (load balancer, database, caches) with their health, in one line. */
function liveFooter(nodes: LiveNode[]): string[] {
  const others = nodes.filter((n) => n.role !== 'web');
  const web = nodes.filter((n) => n.role === 'web');
  return [`Replica: ${web.filter((n) => n.health === 'healthy').length} of ${web.length} web node(s) healthy`,
    ...(others.length ? [others.map((n) => `${n.name} ${HEALTH_MARK[n.health]} ${n.health}`).join(' · ')] : [])];
}
