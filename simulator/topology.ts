import type {
  Device,
  DeviceKind,
  MetricName,
  Metrics,
  ProtectionState,
  SecurityPosture,
} from '../shared/protocol/device.js';
import type { Rng } from './rng.js';

/**
 * The devices of one simulated site: gateway → firewall → switches → hosts. The tree is what
 * makes dependency handling visible on the dashboard (a dead switch turns its hosts 'unknown').
 */

const HOSTS_PER_SWITCH = 24;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Agent-managed hosts report resources; network gear (and printers, via SNMP) only cpu and reachability. */
const HOST_METRICS: readonly MetricName[] = ['cpu', 'memory', 'disk', 'latency', 'loss'];
const GEAR_METRICS: readonly MetricName[] = ['cpu', 'latency', 'loss'];

export function metricNamesFor(kind: DeviceKind): readonly MetricName[] {
  return kind === 'server' || kind === 'workstation' ? HOST_METRICS : GEAR_METRICS;
}

/** Kinds that have children; random failures spare them so a calm site stays calm. */
export function isInfrastructure(kind: DeviceKind): boolean {
  return kind === 'gateway' || kind === 'firewall' || kind === 'switch';
}

const SERVER_ROLES = ['DC', 'FS', 'SQL', 'APP', 'EXCH', 'BACKUP', 'RDS', 'HV', 'WEB', 'PRINT'];
const DEPARTMENTS = ['Reception', 'Accounting', 'Sales', 'Support', 'Engineering', 'HR', 'Legal'];
const AREAS = ['Lobby', 'Meeting room', 'Open office', 'Warehouse', 'Canteen', 'Board room'];
const PRINTER_MODELS = ['HP LaserJet', 'Brother MFC', 'Canon imageRUNNER', 'Kyocera ECOSYS'];

const pad = (n: number, width: number): string => String(n).padStart(width, '0');
const round = (value: number, digits = 1): number => {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
};

/** How many switches a site of `total` devices gets (one per ~24 hosts, at least one). */
function switchCount(total: number): number {
  return total <= 2 ? 0 : Math.max(1, Math.ceil((total - 2) / (HOSTS_PER_SWITCH + 1)));
}

/** A realistic office mix: mostly workstations, a few servers, some Wi-Fi and printers. */
function hostKinds(count: number, rng: Rng): DeviceKind[] {
  const servers = count === 0 ? 0 : Math.max(1, Math.round(count * 0.1));
  const aps = Math.min(count - servers, Math.round(count * 0.08));
  const printers = Math.min(count - servers - aps, Math.round(count * 0.06));
  const kinds: DeviceKind[] = [
    ...Array<DeviceKind>(servers).fill('server'),
    ...Array<DeviceKind>(aps).fill('access-point'),
    ...Array<DeviceKind>(printers).fill('printer'),
    ...Array<DeviceKind>(count - servers - aps - printers).fill('workstation'),
  ];
  // Fisher–Yates, so servers and printers end up spread over the switches.
  for (let i = kinds.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    const a = kinds[i];
    const b = kinds[j];
    if (a !== undefined && b !== undefined) {
      kinds[i] = b;
      kinds[j] = a;
    }
  }
  return kinds;
}

function protection(rng: Rng): ProtectionState {
  const r = rng.next();
  if (r < 0.86) return 'protected';
  if (r < 0.95) return 'degraded';
  if (r < 0.98) return 'disabled';
  return 'absent';
}

function security(kind: DeviceKind, rng: Rng, now: number): SecurityPosture {
  const neverBackedUp = kind === 'workstation' ? rng.chance(0.15) : rng.chance(0.02);
  const stale = rng.chance(0.06);
  const age = stale ? rng.float(3 * DAY, 10 * DAY) : rng.float(2 * HOUR, 30 * HOUR);
  return {
    edr: protection(rng),
    antivirus: protection(rng),
    pendingCriticalPatches: rng.chance(0.6) ? 0 : rng.int(1, 5),
    lastBackupAt: neverBackedUp ? null : Math.max(0, Math.round(now - age)),
  };
}

function initialMetrics(kind: DeviceKind, rng: Rng): Metrics {
  switch (kind) {
    case 'gateway':
      return { cpu: round(rng.float(10, 30)), latency: round(rng.float(8, 25), 2), loss: 0 };
    case 'firewall':
      return { cpu: round(rng.float(10, 35)), latency: round(rng.float(0.5, 2), 2), loss: 0 };
    case 'switch':
      return { cpu: round(rng.float(5, 20)), latency: round(rng.float(0.3, 1.5), 2), loss: 0 };
    case 'access-point':
      return { cpu: round(rng.float(5, 25)), latency: round(rng.float(1, 4), 2), loss: 0 };
    case 'printer':
    case 'other':
      return { cpu: round(rng.float(1, 5)), latency: round(rng.float(0.5, 3), 2), loss: 0 };
    case 'server':
      return {
        cpu: round(rng.float(10, 40)),
        memory: round(rng.float(40, 80)),
        disk: round(rng.float(30, 85)),
        latency: round(rng.float(0.2, 1), 2),
        loss: 0,
      };
    case 'workstation':
      return {
        cpu: round(rng.float(3, 25)),
        memory: round(rng.float(30, 70)),
        disk: round(rng.float(20, 80)),
        latency: round(rng.float(0.5, 3), 2),
        loss: 0,
      };
  }
}

/** Readable ids and human names, numbered per kind in the order the hosts appear. */
function hostIdentity(kind: DeviceKind, n: number): { id: string; name: string } {
  switch (kind) {
    case 'server': {
      const role = SERVER_ROLES[(n - 1) % SERVER_ROLES.length] ?? 'SRV';
      const index = Math.floor((n - 1) / SERVER_ROLES.length) + 1;
      return { id: `srv-${pad(n, 3)}`, name: `${role}${pad(index, 2)}` };
    }
    case 'workstation': {
      const dept = DEPARTMENTS[(n - 1) % DEPARTMENTS.length] ?? 'Office';
      const index = Math.floor((n - 1) / DEPARTMENTS.length) + 1;
      return { id: `ws-${pad(n, 3)}`, name: `${dept} PC ${index}` };
    }
    case 'printer': {
      const model = PRINTER_MODELS[(n - 1) % PRINTER_MODELS.length] ?? 'Printer';
      return { id: `prn-${pad(n, 3)}`, name: `Printer ${n} (${model})` };
    }
    case 'access-point': {
      const area = AREAS[(n - 1) % AREAS.length] ?? 'Office';
      return { id: `ap-${pad(n, 3)}`, name: `Wi-Fi ${area} ${n}` };
    }
    default:
      return { id: `dev-${pad(n, 3)}`, name: `Device ${n}` };
  }
}

export interface TopologyOptions {
  /** Total number of devices, gateway and firewall included. */
  readonly devices: number;
  readonly rng: Rng;
  /** Used for updatedAt and to date the last backups. */
  readonly now: number;
}

/** Builds the devices in parent-before-child order, all 'up'. */
export function buildTopology({ devices: total, rng, now }: TopologyOptions): Device[] {
  if (!Number.isInteger(total) || total < 1) {
    throw new RangeError(`devices must be a positive integer, got ${String(total)}`);
  }
  const out: Device[] = [];
  const add = (
    id: string,
    name: string,
    kind: DeviceKind,
    parentId: string | null,
    tags: readonly string[] = [],
  ): void => {
    const hasAgent = kind === 'server' || kind === 'workstation';
    out.push({
      id,
      name,
      kind,
      status: 'up',
      parentId,
      metrics: initialMetrics(kind, rng),
      security: hasAgent ? security(kind, rng, now) : null,
      // Protocol 1.2: what an RMM would tag (the network's core; the first server, a VIP's).
      ...(tags.length === 0 ? {} : { tags: [...tags] }),
      updatedAt: now,
    });
  };

  add('gw-1', 'Internet gateway', 'gateway', null, ['core']);
  if (total >= 2) add('fw-1', 'Edge firewall', 'firewall', 'gw-1', ['core']);
  const switches = switchCount(total);
  for (let s = 1; s <= switches; s++) {
    const name = s === 1 ? 'Core switch' : `Floor ${s - 1} switch`;
    add(`sw-${pad(s, 2)}`, name, 'switch', 'fw-1', s === 1 ? ['core'] : []);
  }

  const hosts = Math.max(0, total - 2 - switches);
  const perSwitch = switches > 0 ? Math.ceil(hosts / switches) : hosts;
  const counters = new Map<DeviceKind, number>();
  hostKinds(hosts, rng).forEach((kind, i) => {
    const n = (counters.get(kind) ?? 0) + 1;
    counters.set(kind, n);
    const { id, name } = hostIdentity(kind, n);
    const tags = kind === 'server' && n === 1 ? ['vip'] : [];
    add(id, name, kind, `sw-${pad(Math.floor(i / perSwitch) + 1, 2)}`, tags);
  });
  return out;
}
