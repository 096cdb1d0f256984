/**
 * Devices whose stored row is behind the hub's model only by metric samples. Their rows are
 * written every few seconds rather than in every slice that samples them: a device sampled ten
 * times a second costs one row write per flush, not ten (bench:store). Upserts and removes are
 * written in their own slice, as before. A crash loses at most the last flush interval of
 * metric values in the stored device rows (the samples themselves are stored with the events).
 */
export class DirtyDevices {
  private readonly bySite = new Map<string, Set<string>>();
  private count = 0;

  get size(): number {
    return this.count;
  }

  mark(siteId: string, deviceId: string): void {
    let ids = this.bySite.get(siteId);
    if (ids === undefined) this.bySite.set(siteId, (ids = new Set()));
    if (ids.has(deviceId)) return;
    ids.add(deviceId);
    this.count++;
  }

  /** The device's row is written anyway (an upsert or remove in this slice). */
  forget(siteId: string, deviceId: string): void {
    if (this.bySite.get(siteId)?.delete(deviceId) === true) this.count--;
  }

  /** Up to `limit` marked devices, unmarked: marked again by the caller if their write fails. */
  take(limit: number): [siteId: string, deviceId: string][] {
    const taken: [string, string][] = [];
    for (const [siteId, ids] of this.bySite) {
      for (const id of ids) {
        if (taken.length >= limit) return taken;
        taken.push([siteId, id]);
        ids.delete(id);
        this.count--;
      }
      if (ids.size === 0) this.bySite.delete(siteId);
    }
    return taken;
  }

  clear(): void {
    this.bySite.clear();
    this.count = 0;
  }
}
