import type { Alert } from '../../shared/protocol/alert.js';
import type { Device } from '../../shared/protocol/device.js';
import type { SiteEvent } from '../../shared/protocol/events.js';

export function device(id: string, over: Partial<Device> = {}): Device {
  return {
    id,
    name: `Device ${id}`,
    kind: 'server',
    status: 'up',
    parentId: null,
    metrics: { cpu: 10 },
    security: null,
    updatedAt: 1,
    ...over,
  };
}

export function alert(id: string, deviceId: string): Alert {
  return {
    id,
    deviceId,
    check: 'ping',
    severity: 'high',
    title: 'Host unreachable',
    detail: '',
    raisedAt: 1,
    updatedAt: 1,
    ack: null,
  };
}

let seq = 0;
/** A metric sample event with a fresh seq. */
export function sample(deviceId: string, cpu: number): SiteEvent {
  seq++;
  return { seq, at: seq, type: 'metric.sample', deviceId, values: { cpu } };
}
