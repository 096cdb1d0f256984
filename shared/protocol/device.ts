import { z } from 'zod';
import { Id, Percent, Timestamp } from './primitives.js';

export const DEVICE_STATUSES = ['up', 'warning', 'down', 'unknown', 'maintenance'] as const;
export const DeviceStatus = z.enum(DEVICE_STATUSES);
export type DeviceStatus = z.infer<typeof DeviceStatus>;

export const DEVICE_KINDS = [
  'gateway',
  'firewall',
  'switch',
  'access-point',
  'server',
  'workstation',
  'printer',
  'other',
] as const;
export const DeviceKind = z.enum(DEVICE_KINDS);
export type DeviceKind = z.infer<typeof DeviceKind>;

/** Latest value of each metric; a device reports only the metrics it has. */
export const Metrics = z.strictObject({
  cpu: Percent.optional(),
  memory: Percent.optional(),
  disk: Percent.optional(),
  /** Round-trip time to the device in milliseconds. */
  latency: z.number().nonnegative().optional(),
  /** Packet loss in percent. */
  loss: Percent.optional(),
});
export type Metrics = z.infer<typeof Metrics>;
export const METRIC_NAMES = ['cpu', 'memory', 'disk', 'latency', 'loss'] as const;
export type MetricName = (typeof METRIC_NAMES)[number];

export const ProtectionState = z.enum(['protected', 'degraded', 'disabled', 'absent']);
export type ProtectionState = z.infer<typeof ProtectionState>;

/** Endpoint security as an RMM reports it. */
export const SecurityPosture = z.strictObject({
  edr: ProtectionState,
  antivirus: ProtectionState,
  pendingCriticalPatches: z.int().nonnegative(),
  /** When the last successful backup finished; null when the device has never had one. */
  lastBackupAt: Timestamp.nullable(),
});
export type SecurityPosture = z.infer<typeof SecurityPosture>;

/**
 * A label the site's RMM gives a device ("vip", "core", "pos"), for SLA priority overrides
 * (protocol 1.2). ASCII letters, digits and `. _ : / -`, starting with a letter or digit, and
 * compared without regard to case: no look-alike letters, invisible or direction characters,
 * so a tag cannot pass for another in a config or on screen, and comparing one costs nothing.
 */
export const DeviceTag = z
  .string()
  .max(64)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._:/-]*$/, {
    error: 'a tag is ASCII letters, digits and . _ : / - (starting with a letter or digit)',
  });
export type DeviceTag = z.infer<typeof DeviceTag>;

export const Device = z.strictObject({
  id: Id,
  name: z.string().min(1).max(200),
  kind: DeviceKind,
  status: DeviceStatus,
  /** The device this one is reached through (gateway → switch → host), for dependencies. */
  parentId: Id.nullable(),
  metrics: Metrics,
  /** Null for devices that run no endpoint agent (switches, printers). */
  security: SecurityPosture.nullable(),
  /** Since 1.2, optional: the site's tags for the device, each once (absent: none). */
  tags: z
    .array(DeviceTag)
    .max(32)
    .refine((tags) => new Set(tags.map((tag) => tag.toLowerCase())).size === tags.length, {
      error: 'a tag is listed twice (tags are compared without regard to case)',
    })
    .optional(),
  updatedAt: Timestamp,
});
export type Device = z.infer<typeof Device>;

/** The device as a dashboard older than 1.2 reads it: without tags. */
export function withoutTags(device: Device): Device {
  if (device.tags === undefined) return device;
  const rest: Device = { ...device };
  delete rest.tags;
  return rest;
}
