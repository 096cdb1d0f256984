/**
 * Copy-on-write over a ReadonlyMap: the map is copied once, on the first real change, so a map
 * nothing touched keeps its identity and the selectors reading it do not re-render.
 */
export class MapDraft<K, V> {
  private copy: Map<K, V> | null = null;

  constructor(private readonly base: ReadonlyMap<K, V>) {}

  get(key: K): V | undefined {
    return (this.copy ?? this.base).get(key);
  }

  set(key: K, value: V): void {
    const current = this.copy ?? this.base;
    if (current.has(key) && current.get(key) === value) return;
    (this.copy ??= this.copied()).set(key, value);
  }

  delete(key: K): void {
    if (!(this.copy ?? this.base).has(key)) return;
    (this.copy ??= this.copied()).delete(key);
  }

  result(): ReadonlyMap<K, V> {
    return this.copy ?? this.base;
  }

  /**
   * `new Map(base)` goes through the iterator protocol, an entry array per key: at 2,000 device
   * updates a second that was a sixth of the page's allocations (bench:render, load (b)).
   */
  private copied(): Map<K, V> {
    const copy = new Map<K, V>();
    this.base.forEach((value, key) => copy.set(key, value));
    return copy;
  }
}

/** Copy-on-write over siteId → id → value: only the sites that changed get a new inner map. */
export class NestedMapDraft<V> {
  private readonly outer: MapDraft<string, ReadonlyMap<string, V>>;
  private readonly inner = new Map<string, MapDraft<string, V>>();

  constructor(
    base: ReadonlyMap<string, ReadonlyMap<string, V>>,
    private readonly empty: ReadonlyMap<string, V>,
  ) {
    this.outer = new MapDraft(base);
  }

  site(siteId: string): MapDraft<string, V> {
    let draft = this.inner.get(siteId);
    if (!draft) {
      draft = new MapDraft(this.outer.get(siteId) ?? this.empty);
      this.inner.set(siteId, draft);
    }
    return draft;
  }

  /** A site's inner map as the edits so far leave it (undefined for a site never held). */
  current(siteId: string): ReadonlyMap<string, V> | undefined {
    return this.inner.get(siteId)?.result() ?? this.outer.get(siteId);
  }

  /** Replaces a site's whole inner map (a reset); later per-entity edits apply on top of it. */
  replace(siteId: string, map: ReadonlyMap<string, V>): void {
    this.inner.delete(siteId);
    this.outer.set(siteId, map);
  }

  result(): ReadonlyMap<string, ReadonlyMap<string, V>> {
    for (const [siteId, draft] of this.inner) {
      const next = draft.result();
      if (next !== (this.outer.get(siteId) ?? this.empty)) this.outer.set(siteId, next);
    }
    return this.outer.result();
  }
}

/** `previous` itself when `next` holds the same keys with the same values, else `next`. */
export function reuseMap<K, V>(
  previous: ReadonlyMap<K, V> | undefined,
  next: Map<K, V>,
): ReadonlyMap<K, V> {
  if (previous?.size !== next.size) return next;
  for (const [key, value] of next) if (previous.get(key) !== value) return next;
  return previous;
}
