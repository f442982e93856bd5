/**
 * Wall-clock times in an IANA zone, to and from the UTC instants Auto Scaling takes for one-off
 * scheduled actions (StartTime/EndTime are UTC only; TimeZone applies to the cron alone).
 */

/** How far `zone` is ahead of UTC at the instant `utcMs`, in milliseconds. */
function zoneOffsetMs(utcMs: number, zone: string): number {
  const parts = Object.fromEntries(new Intl.DateTimeFormat('en-US', {
    timeZone: zone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
  }).formatToParts(new Date(utcMs)).map((p) => [p.type, p.value]));
  const asUtc = Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute), Number(parts.second));
  return asUtc - Math.floor(utcMs / 1000) * 1000;
}

/** `2027-05-17T06:30:00` read on the clocks of `zone` → `2027-05-17T05:30:00Z`. */
export function zonedToUtc(local: string, zone: string): string {
  const [date, time = '00:00:00'] = local.split('T');
  const [y, mo, d] = date.split('-').map(Number);
  const [h, mi, s = 0] = time.split(':').map(Number);
  const wall = Date.UTC(y, mo - 1, d, h, mi, s);
  // The offset at the guess can differ from the offset at the answer across a DST change: look twice.
  let utc = wall - zoneOffsetMs(wall, zone);
  utc = wall - zoneOffsetMs(utc, zone);
  return new Date(utc).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** `2027-05-17T05:30:00Z` → `2027-05-17T06:30` on the clocks of `zone` (seconds only when not zero). */
export function utcToZoned(iso: string, zone: string): string {
  const utc = Date.parse(iso);
  const local = new Date(utc + zoneOffsetMs(utc, zone)).toISOString();
  return local.endsWith(':00.000Z') ? local.slice(0, 16) : local.slice(0, 19);
}
