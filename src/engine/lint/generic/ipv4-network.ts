/** An IPv4 network written as `a.b.c.d/n`, as numbers (first address and the size of the block). */
export interface Ipv4Network { text: string; first: number; size: number }

/**
 * The network a CIDR string names, or undefined when it is not one: not IPv4, or host bits set
 * (`10.0.0.5/24`), which CloudFormation rejects and which is another check's finding.
 */
export function parseIpv4Network(text: string): Ipv4Network | undefined {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(text);
  if (!m) return undefined;
  if (m.slice(1, 5).some((o) => o.length > 1 && o.startsWith('0'))) return undefined;
  const octets = m.slice(1, 5).map(Number);
  const prefix = Number(m[5]);
  if (octets.some((o) => o > 255) || prefix > 32) return undefined;
  const first = octets.reduce((acc, o) => acc * 256 + o, 0);
  const size = 2 ** (32 - prefix);
  if (first % size !== 0) return undefined;
  return { text, first, size };
}

export function networksOverlap(a: Ipv4Network, b: Ipv4Network): boolean {
  return a.first < b.first + b.size && b.first < a.first + a.size;
}
