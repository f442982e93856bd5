/** Wall-clock fields of an instant in a time zone. */
export interface LocalTime {
  year: number;
  /** 1 = January. */
  month: number;
  day: number;
  hour: number;
  minute: number;
  /** 0 = Sunday. */
  weekday: number;
}

/**
 * Wall-clock time in an IANA time zone, fast enough to step through a year minute by minute:
 * the zone's offset is looked up about once per day and the fields are then plain arithmetic.
 */
export class LocalClock {
  private readonly dayOffsets = new Map<number, number | null>();
  private readonly format: Intl.DateTimeFormat;

  constructor(readonly timeZone: string) {
    // Throws a RangeError for an unknown zone; callers report it as the action's problem.
    this.format = new Intl.DateTimeFormat('en-GB', {
      timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric',
    });
  }

  at(utcMs: number): LocalTime {
    const local = new Date(utcMs + this.offsetAt(utcMs));
    return { year: local.getUTCFullYear(), minute: local.getUTCMinutes(), hour: local.getUTCHours(), day: local.getUTCDate(), month: local.getUTCMonth() + 1, weekday: local.getUTCDay() };
  }

  private offsetAt(utcMs: number): number {
    // Offsets change a few times a year: one look-up at each end of the UTC day settles the
    // whole day unless a change falls inside it, and only then is each half hour looked up.
    const day = Math.floor(utcMs / DAY);
    let offset = this.dayOffsets.get(day);
    if (offset === undefined) {
      const first = this.lookUp(day * DAY);
      offset = first === this.lookUp((day + 1) * DAY - SLOT) ? first : null;
      this.dayOffsets.set(day, offset);
    }
    return offset ?? this.lookUp(Math.floor(utcMs / SLOT) * SLOT);
  }

  private lookUp(slotStart: number): number {
    const parts = Object.fromEntries(this.format.formatToParts(new Date(slotStart)).map((p) => [p.type, p.value]));
    return Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute)) - slotStart;
  }
}

const clocks = new Map<string, LocalClock>();

/** Wall-clock fields of an instant in a time zone (one shared clock per zone). Throws a RangeError for an unknown zone. */
export function localTime(utcMs: number, timeZone: string): LocalTime {
  let clock = clocks.get(timeZone);
  if (!clock) clocks.set(timeZone, (clock = new LocalClock(timeZone)));
  return clock.at(utcMs);
}

/** Whether `zone` names an IANA time zone this runtime knows. */
export function isTimeZone(zone: unknown): boolean {
  if (typeof zone !== 'string' || zone.length === 0) return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

const SLOT = 1_800_000;
const DAY = 86_400_000;
