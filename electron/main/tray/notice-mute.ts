/**
 * Do not disturb on this desktop: native notices made before `until` are dropped, not shown
 * later (the tray's menu sets it). Board and hub go on as ever. A setting of this app
 * instance, not of the hub: another technician's desktop still gets them.
 */
export class NoticeMute {
  private until: number | null = null;
  /** Notices dropped while muted (counted for the app's health). */
  skipped = 0;

  constructor(private readonly now: () => number) {}

  set(until: number | null): void {
    this.until = until;
  }

  /** Whether notices are held back now; an expired mute is simply over. */
  muted(): boolean {
    if (this.until === null) return false;
    if (this.now() < this.until) return true;
    this.until = null;
    return false;
  }

  /** Until when, while muted. */
  get mutedUntil(): number | null {
    return this.muted() ? this.until : null;
  }
}
