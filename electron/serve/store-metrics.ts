import { Counter, Gauge, type Registry } from 'prom-client';
import type { StoreHealth } from '../hub/store/store-health.js';

/** The store's series in /metrics (absent when serve runs without --data). */
export function setupStoreMetrics(registers: Registry[]): {
  set(health: StoreHealth | null): void;
} {
  const gauge = (name: string, help: string) => new Gauge({ name, help, registers });
  const counter = (name: string, help: string) => new Counter({ name, help, registers });
  const bytes = gauge('noc_store_bytes', "The store's database file size in bytes");
  const walBytes = gauge('noc_store_wal_bytes', "The store's write-ahead log size in bytes");
  const freeBytes = gauge('noc_store_free_bytes', 'Free pages inside the store file, in bytes');
  const backlog = gauge('noc_store_backlog_events', 'Events applied but not yet stored');
  const failing = gauge('noc_store_write_failing', '1 while the last store write failed, else 0');
  const written = counter('noc_store_events_written_total', 'Events stored');
  const dropped = counter(
    'noc_store_events_dropped_total',
    'Events dropped before being stored (backlog over its bound, or a write that kept failing)',
  );
  const deleted = new Counter({
    name: 'noc_store_retention_deleted_total',
    help: 'Rows deleted by retention, by table',
    labelNames: ['table'] as const,
    registers,
  });
  return {
    set(health) {
      if (health === null) return;
      bytes.set(health.bytes);
      walBytes.set(health.walBytes);
      freeBytes.set(health.freeBytes);
      backlog.set(health.writer.backlog);
      failing.set(health.writer.lastError === null ? 0 : 1);
      written.inc(health.writer.eventsWritten);
      dropped.inc(health.writer.eventsDropped);
      for (const [table, rows] of Object.entries(health.retention.deleted)) {
        deleted.inc({ table }, rows);
      }
    },
  };
}
