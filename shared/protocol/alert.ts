import { z } from 'zod';
import { Id, Timestamp } from './primitives.js';

/** Six levels, Zabbix-style: index 0 is not classified, 5 is disaster. */
export const SEVERITIES = [
  'not-classified',
  'information',
  'warning',
  'average',
  'high',
  'disaster',
] as const;
export const Severity = z.enum(SEVERITIES);
export type Severity = z.infer<typeof Severity>;

export function severityRank(severity: Severity): number {
  return SEVERITIES.indexOf(severity);
}

export const AlertAck = z.strictObject({
  ackId: Id,
  technician: z.string().min(1).max(200),
  comment: z.string().max(2000),
  at: Timestamp,
  // Protocol 1.1 (optional, so a 1.0 site's acks still read):
  /** False: the site drops the acknowledgement when the alert changes severity. Absent: sticky. */
  sticky: z.boolean().optional(),
  /** When the acknowledgement lapses and the alert is open again. Absent or null: never. */
  expiresAt: Timestamp.nullable().optional(),
});
export type AlertAck = z.infer<typeof AlertAck>;

export const Alert = z.strictObject({
  id: Id,
  /** Null for alerts about the site as a whole. */
  deviceId: Id.nullable(),
  /** The check that raised it, e.g. "ping" or "disk:/". */
  check: z.string().min(1).max(200),
  severity: Severity,
  title: z.string().min(1).max(500),
  detail: z.string().max(4000),
  raisedAt: Timestamp,
  updatedAt: Timestamp,
  /** Set by the site once it has confirmed a technician's acknowledgement. */
  ack: AlertAck.nullable(),
});
export type Alert = z.infer<typeof Alert>;
