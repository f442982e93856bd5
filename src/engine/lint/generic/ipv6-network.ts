/** An IPv6 network written as `addr/n`, as 128-bit numbers (first address and the size of the block). */
export interface Ipv6Network { text: string; first: bigint; size: bigint }

/**
 * The network an IPv6 CIDR string names, or undefined when it is not one: a malformed address, a
 * prefix over 128, or bits set past the prefix (`2001:db8::1/64`), which EC2 refuses. Accepts the
 * forms Python's `ipaddress` does for a network: `::` once, 1–4 hex digits a group, and a dotted
 * IPv4 tail (`::ffff:10.0.0.0/120`).
 */
export function parseIpv6Network(text: string): Ipv6Network | undefined {
  const slash = text.lastIndexOf('/');
  if (slash < 0) return undefined;
  const prefixText = text.slice(slash + 1);
  if (!/^\d{1,3}$/.test(prefixText)) return undefined;
  const prefix = Number(prefixText);
  const address = parseIpv6Address(text.slice(0, slash));
  if (address === undefined || prefix > 128) return undefined;
  const size = 1n << BigInt(128 - prefix);
  if (address % size !== 0n) return undefined;
  return { text, first: address, size };
}

function parseIpv6Address(text: string): bigint | undefined {
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const groups = (part: string): number[] | undefined => {
    if (part === '') return [];
    const out: number[] = [];
    const pieces = part.split(':');
    for (const [i, piece] of pieces.entries()) {
      if (i === pieces.length - 1 && piece.includes('.')) {
        const v4 = dottedQuad(piece);
        if (!v4) return undefined;
        out.push(...v4);
      } else if (/^[0-9a-fA-F]{1,4}$/.test(piece)) {
        out.push(parseInt(piece, 16));
      } else {
        return undefined;
      }
    }
    return out;
  };
  const head = groups(halves[0]);
  const tail = halves.length === 2 ? groups(halves[1]) : [];
  if (!head || !tail) return undefined;
  // A dotted tail is allowed only at the very end of the address.
  if (halves.length === 2 && halves[0].includes('.')) return undefined;
  const missing = 8 - head.length - tail.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return undefined;
  const all = [...head, ...Array<number>(halves.length === 2 ? missing : 0).fill(0), ...tail];
  return all.reduce((acc, g) => (acc << 16n) + BigInt(g), 0n);
}

/** `a.b.c.d` as two 16-bit groups; octets 0–255 without leading zeros. */
function dottedQuad(text: string): [number, number] | undefined {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(text);
  if (!m || m.slice(1).some((o) => (o.length > 1 && o.startsWith('0')) || Number(o) > 255)) return undefined;
  const [a, b, c, d] = m.slice(1).map(Number);
  return [a * 256 + b, c * 256 + d];
}
