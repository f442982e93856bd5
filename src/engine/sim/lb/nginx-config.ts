/**
 * nginx as the ALB's stand-in. Lessons from a hand-built replica, encoded:
 * - `zone`: workers share one view of which node is down (else each worker detects on its own);
 * - no upstream keepalive pool: a pooled request to a silently dead node waits for the read
 *   timeout instead of failing over after the short connect timeout;
 * - fixed addresses, not names (nginx will not start when a stopped node's name does not resolve);
 * - with the target group steering (`activeHealth`, the AWS stand-ins run), no retry on another
 *   node, ever: an ALB sends a request to one target and answers 502 (refused, reset) or 504 (no
 *   answer) when that target fails it; nginx's default `proxy_next_upstream error timeout` would
 *   quietly resend it to the next node, a kindness that hides a dead node from users. Which nodes
 *   get traffic is then the target group's decision: an ALB has no passive check.
 * - without a target group (a drill with no AWS stand-ins) nginx's passive check is the only
 *   health check there is, and it learns that a benched node is back only by sending it a user's
 *   request every fail_timeout — a harshness no ALB has (its health checks are not user traffic).
 *   In that mode only, a request a benched or restarting node fails to answer (no connection, a
 *   timeout, its own 502) goes on to the next node, so nginx's probing is not charged to users.
 */
export interface LbNode { name: string; ip: string; port?: number; down?: boolean }

export interface NginxOptions {
  nodes: LbNode[];
  sticky?: boolean;
  connectTimeoutSeconds?: number;
  failTimeoutSeconds?: number;
  maxFails?: number;
  maxBodyMb?: number;
  /**
   * The target group's health checker steers the node list (the replica's AWS stand-ins run): no
   * passive marking, every listed node gets traffic until the target group removes it, as on an ALB.
   */
  activeHealth?: boolean;
  /**
   * AWS WAF's stand-in: the template's web ACL blocks request bodies over this many bytes (the
   * Core rule set's SizeRestrictions_BODY). nginx answers 403 before the request reaches a node,
   * as the ALB does for WAF; X-Mha-Firewall names the rule so a drill can tell it from Moodle's
   * own 403. Read from Content-Length: a chunked body without one passes (WAF would still block it).
   */
  firewall?: { ruleName: string; blocksBodiesOverBytes: number };
}

export function renderNginxConfig(options: NginxOptions): string {
  // An ALB waits 10 s for a target's TCP handshake before it answers 504 (fixed, not configurable).
  const connect = options.connectTimeoutSeconds ?? (options.activeHealth ? 10 : 1);
  const failTimeout = options.failTimeoutSeconds ?? 10;
  const maxFails = options.activeHealth ? 0 : options.maxFails ?? 1;
  const passive = maxFails > 0 ? ` max_fails=${maxFails} fail_timeout=${failTimeout}s` : ' max_fails=0';
  const servers = options.nodes.length
    ? options.nodes.map((n) => `    server ${n.ip}:${n.port ?? 80}${passive}${n.down ? ' down' : ''};`)
    : ['    server 127.0.0.1:9 down;  # no web nodes'];
  // The same nodes again as never-failing backups: when every node answered 503 at once (Moodle's
  // maintenance mode during an upgrade, a database outage), passive checks would mark them all down
  // and nginx would answer 502 "no live upstreams" for fail_timeout after the site is fine again.
  // ip_hash (sticky) cannot have backups; with no passive check no node is ever marked down, and
  // the target group fails open on its own (every registered node when none is healthy).
  const backups = options.sticky || maxFails === 0 ? [] : options.nodes.filter((n) => !n.down).map((n) => `    server ${n.ip}:${n.port ?? 80} max_fails=0 backup;`);
  const names = options.nodes.map((n) => `    ~(^|,\\s)${n.ip.replace(/\./g, '\\.')}:${n.port ?? 80}$ ${n.name};`);
  const firewall = options.firewall;
  return [
    '# Written by moodle-ha sim: regenerated on every scale, drain and deploy step.',
    ...(firewall ? [
      `# AWS WAF stand-in: ${firewall.ruleName} blocks request bodies over ${firewall.blocksBodiesOverBytes} bytes.`,
      'map $http_content_length $mha_firewall_blocks {',
      '    default 0;',
      `    "~^(${greaterThanPattern(firewall.blocksBodiesOverBytes)})$" 1;`,
      '}',
      '',
    ] : []),
    'map $upstream_addr $mha_upstream_node {',
    '    default $upstream_addr;',
    ...names,
    '}',
    '',
    'upstream moodle_web {',
    '    zone moodle_web 64k;',
    ...(options.sticky ? ['    # Sticky mode: a client keeps its node (ip_hash); it hides, not fixes, session loss.', '    ip_hash;'] : []),
    ...servers,
    ...backups,
    '}',
    '',
    'server {',
    '    listen 80 default_server;',
    '    # No client keep-alive: on every reload (scale, drain) old workers close idle client',
    '    # connections, and a request racing that close fails before nginx sees it.',
    '    keepalive_timeout 0;',
    `    client_max_body_size ${options.maxBodyMb ?? 64}m;`,
    '    location / {',
    ...(firewall ? [
      '        if ($mha_firewall_blocks) {',
      `            add_header X-Mha-Firewall "${firewall.ruleName.replace(/[^\w.-]/g, '')}" always;`,
      '            return 403 "<html><head><title>403 Forbidden</title></head><body><center><h1>403 Forbidden</h1></center></body></html>";',
      '        }',
    ] : []),
    '        proxy_pass http://moodle_web;',
    '        proxy_http_version 1.0;',
    `        proxy_connect_timeout ${connect}s;`,
    // An ALB waits for a target's answer up to its idle timeout (60 s by default; the scaffold sets
    // 300 s): a page held up by a session lock is late, not lost. The ALB's default, not longer.
    '        proxy_send_timeout 60s;',
    '        proxy_read_timeout 60s;',
    ...(maxFails > 0
      // Passive mode: nginx's own probe of a benched node must not fail a user (see the top comment).
      ? ['        proxy_next_upstream error timeout http_502;', '        proxy_next_upstream_tries 3;', `        proxy_next_upstream_timeout ${Math.max(3, connect * 3 + 2)}s;`]
      // A failed request is the user's failure (502/504), never resent to another node: an ALB does not retry.
      : ['        proxy_next_upstream off;']),
    '        proxy_set_header Host $http_host;',
    '        proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;',
    '        proxy_set_header X-Forwarded-Proto $scheme;',
    '        add_header X-Upstream $mha_upstream_node always;',
    '    }',
    '}',
    '',
  ].join('\n');
}

/** A regular expression (no anchors) for the decimal integers greater than n, without leading zeros. */
export function greaterThanPattern(n: number): string {
  const digits = String(Math.floor(n));
  const longer = `[1-9][0-9]{${digits.length},}`;
  const sameLength = [...digits].flatMap((d, i) => {
    if (d === '9') return [];
    const rest = digits.length - i - 1;
    return [`${digits.slice(0, i)}[${Number(d) + 1}-9]${rest ? `[0-9]{${rest}}` : ''}`];
  });
  return [...sameLength, longer].join('|');
}
