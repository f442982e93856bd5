/** IPv4 CIDR blocks: enough arithmetic to check the wizard's network answers. */
export interface CidrBlock {
  text: string;
  start: number;
  /** Inclusive. */
  end: number;
  prefix: number;
}

export function parseCidr(text: string): CidrBlock | undefined {
  const match = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(text.trim());
  if (!match) return undefined;
  const octets = match.slice(1, 5).map(Number);
  const prefix = Number(match[5]);
  if (octets.some((o) => o > 255) || prefix > 32) return undefined;
  const address = ((octets[0] << 24) >>> 0) + (octets[1] << 16) + (octets[2] << 8) + octets[3];
  const size = 2 ** (32 - prefix);
  // A host address with a network prefix (10.0.0.5/24) is almost always a typo.
  if (address % size !== 0) return undefined;
  return { text: text.trim(), start: address, end: address + size - 1, prefix };
}

export function overlaps(a: CidrBlock, b: CidrBlock): boolean {
  return a.start <= b.end && b.start <= a.end;
}

export function contains(outer: CidrBlock, inner: CidrBlock): boolean {
  return outer.start <= inner.start && inner.end <= outer.end;
}
