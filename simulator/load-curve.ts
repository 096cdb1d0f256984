/**
 * How busy an office is at a given instant, by the site's own wall clock: sites in other time
 * zones peak at other times, which is what a follow-the-sun NOC sees on its wall screen.
 */
export class LoadCurve {
  private readonly format: Intl.DateTimeFormat;

  /** Throws a RangeError for an unknown IANA zone, so a typo fails at start-up. */
  constructor(readonly timeZone: string) {
    this.format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      weekday: 'short',
      hour: 'numeric',
      minute: 'numeric',
      hourCycle: 'h23',
    });
  }

  /** Site-local fractional hour (0 ≤ h < 24) and whether it is a weekend day. */
  localTime(at: number): { hour: number; weekend: boolean } {
    let hour = 0;
    let minute = 0;
    let weekend = false;
    for (const part of this.format.formatToParts(at)) {
      if (part.type === 'hour') hour = Number(part.value) % 24;
      else if (part.type === 'minute') minute = Number(part.value);
      else if (part.type === 'weekday') weekend = part.value === 'Sat' || part.value === 'Sun';
    }
    return { hour: hour + minute / 60, weekend };
  }

  /** 0 at night, ramps up 7–9, 1 in business hours (a dip at lunch), ramps down 17–20. */
  at(at: number): number {
    const { hour, weekend } = this.localTime(at);
    let load: number;
    if (hour < 7 || hour >= 20) load = 0;
    else if (hour < 9) load = (hour - 7) / 2;
    else if (hour < 12) load = 1;
    else if (hour < 13) load = 0.8;
    else if (hour < 17) load = 1;
    else load = (20 - hour) / 3;
    // Someone always comes in on Saturday.
    return weekend ? load * 0.2 : load;
  }
}
