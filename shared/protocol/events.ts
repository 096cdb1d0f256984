import { z } from 'zod';
import { Alert } from './alert.js';
import { Device, Metrics } from './device.js';
import { Id, Seq, Timestamp } from './primitives.js';

/** Fields every sequenced event carries. `at` is when the site emitted it. */
const base = { seq: Seq.min(1), at: Timestamp };

export const DeviceUpsert = z.strictObject({
  ...base,
  type: z.literal('device.upsert'),
  device: Device,
});
export const DeviceRemove = z.strictObject({
  ...base,
  type: z.literal('device.remove'),
  deviceId: Id,
});
export const MetricSample = z.strictObject({
  ...base,
  type: z.literal('metric.sample'),
  deviceId: Id,
  values: Metrics,
});
export const AlertRaise = z.strictObject({ ...base, type: z.literal('alert.raise'), alert: Alert });
export const AlertUpdate = z.strictObject({
  ...base,
  type: z.literal('alert.update'),
  alert: Alert,
});
export const AlertClear = z.strictObject({
  ...base,
  type: z.literal('alert.clear'),
  alertId: Id,
});

export const SiteEvent = z.discriminatedUnion('type', [
  DeviceUpsert,
  DeviceRemove,
  MetricSample,
  AlertRaise,
  AlertUpdate,
  AlertClear,
]);
export type SiteEvent = z.infer<typeof SiteEvent>;
export type SiteEventType = SiteEvent['type'];

/** An event before the site has numbered it. */
export type UnsequencedEvent = SiteEvent extends infer E
  ? E extends SiteEvent
    ? Omit<E, 'seq' | 'at'>
    : never
  : never;
