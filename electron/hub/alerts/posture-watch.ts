import { postureId } from '../../../shared/alerts/hub-alerts.js';
import {
  DEFAULT_POSTURE_RULES,
  describeFinding,
  FINDING_INFO,
  firstByName,
  POSTURE_FINDINGS,
  postureFindings,
  type FoundOn,
  type PostureFinding,
  type PostureRules,
} from '../../../shared/alerts/posture.js';
import type { AlertAck } from '../../../shared/protocol/alert.js';
import type { Clock } from '../../../shared/clock.js';
import type { Device, SecurityPosture } from '../../../shared/protocol/device.js';
import type { FleetChangeBatch } from '../fleet/fleet-changes.js';
import type { FleetState } from '../fleet/fleet-state.js';
import { raiseHubAlert } from './raise-hub-alert.js';
import { SiteRounds } from './site-rounds.js';
import { nameOrId } from '../../../shared/text/untrusted-text.js';

export interface PostureOptions extends PostureRules {
  /** False: no posture alerts at all (config `alerts.posture`). */
  readonly enabled: boolean;
  /** How often every device is judged again, for backups that age (default 5 min). */
  readonly recheckMs: number;
}

export const DEFAULT_POSTURE: PostureOptions = {
  ...DEFAULT_POSTURE_RULES,
  enabled: true,
  recheckMs: 5 * 60_000,
};

/** What was last judged of a device: its posture object (a metric sample keeps it) and name. */
interface Judged {
  readonly security: SecurityPosture | null;
  readonly name: string;
}

interface SitePosture {
  readonly devices: Map<string, Judged>;
  /** finding → the devices with it now. */
  readonly groups: Map<PostureFinding, Map<string, FoundOn>>;
  /** finding → the acknowledgement on its alert and the devices it had when given. */
  readonly covered: Map<PostureFinding, { readonly ackId: string; readonly devices: Set<string> }>;
}

/** An acknowledgement dropped because devices joined the finding it covered. */
export interface Reopened {
  readonly siteId: string;
  readonly alertId: string;
  readonly ack: AlertAck;
  /** The names of the devices that joined. */
  readonly joined: readonly string[];
  readonly at: number;
}

const FINDING_OF_ID = new Map(POSTURE_FINDINGS.map((finding) => [postureId(finding), finding]));

/**
 * Security posture as hub alerts: EDR or antivirus off, no recent backup, critical patches
 * pending (rules in shared/alerts/posture.ts), **one alert per site and finding** ("EDR disabled
 * on 3 devices: PC-7, PC-9, FS01"), never one per device: a fleet's patch Tuesday is six lines at
 * most per site, not thousands, and the site view flags each device. A device is judged when the
 * site reports it (a snapshot, an upsert; a metric sample keeps its posture and costs a lookup)
 * and again on a timer, a site per turn, since a backup ages without the site saying anything.
 * An acknowledgement covers the devices named when it was given: a device that joins re-opens it.
 */
export class PostureWatch {
  private readonly sites = new Map<string, SitePosture>();
  private readonly unsubscribe: () => void;
  private readonly rounds: SiteRounds;

  constructor(
    private readonly fleet: Pick<
      FleetState,
      'subscribe' | 'sites' | 'modelOf' | 'setHubAlert' | 'hubAlert'
    >,
    private readonly clock: Clock,
    private readonly options: PostureOptions = DEFAULT_POSTURE,
    /** An acknowledgement dropped by a device joining: for the alert's timeline. */
    private readonly onReopened: (reopened: Reopened) => void = () => undefined,
  ) {
    this.unsubscribe = options.enabled
      ? fleet.subscribe((batch) => {
          this.follow(batch);
        })
      : () => undefined;
    this.rounds = new SiteRounds(
      clock,
      options.recheckMs,
      () => fleet.sites().map((site) => site.id),
      (siteId) => {
        this.recheckSite(siteId);
      },
      'posture checks',
    );
  }

  get openResources(): number {
    return this.rounds.openResources;
  }

  start(): void {
    if (this.options.enabled) this.rounds.start();
  }

  dispose(): void {
    this.unsubscribe();
    this.rounds.dispose();
  }

  /** Judges every device of every site now (tests; the timer does it a site per turn). */
  recheck(): void {
    for (const site of this.fleet.sites()) this.recheckSite(site.id);
  }

  /** A batch's device changes, then each site's changed findings described once. */
  private follow(batch: FleetChangeBatch): void {
    const dirty = new Map<string, Set<PostureFinding>>();
    for (const change of batch.changes) {
      if (change.kind === 'device') {
        const device = this.fleet.modelOf(change.siteId)?.devices.get(change.id);
        this.judge(change.siteId, change.id, device, this.clock.now(), dirty);
      } else if (change.kind === 'site-reset') {
        this.recheckSite(change.siteId);
      } else if (change.kind === 'alert') {
        const finding = FINDING_OF_ID.get(change.id);
        if (finding) this.noteAck(change.siteId, finding);
      }
    }
    for (const [siteId, findings] of dirty) this.raise(siteId, findings);
  }

  /** Every device of the site judged again; devices gone leave their groups. */
  private recheckSite(siteId: string): void {
    const model = this.fleet.modelOf(siteId);
    const now = this.clock.now();
    const dirty = new Map<string, Set<PostureFinding>>();
    for (const deviceId of [...(this.sites.get(siteId)?.devices.keys() ?? [])]) {
      if (!model?.devices.has(deviceId)) this.judge(siteId, deviceId, undefined, now, dirty);
    }
    for (const device of model?.devices.values() ?? []) {
      this.judge(siteId, device.id, device, now, dirty, true);
    }
    // Every finding, changed or not: an alert that ever drifted from its devices is put right
    // (one whose words are unchanged costs a comparison).
    this.raise(siteId, new Set(POSTURE_FINDINGS));
  }

  /** An acknowledgement appeared on (or left) a finding's alert: what it covers is noted. */
  private noteAck(siteId: string, finding: PostureFinding): void {
    const site = this.site(siteId);
    const ack = this.fleet.hubAlert(siteId, postureId(finding))?.ack ?? null;
    if (ack === null) {
      site.covered.delete(finding);
      return;
    }
    if (site.covered.get(finding)?.ackId === ack.ackId) return;
    const devices = new Set(site.groups.get(finding)?.keys() ?? []);
    site.covered.set(finding, { ackId: ack.ackId, devices });
  }

  private site(siteId: string): SitePosture {
    let site = this.sites.get(siteId);
    if (!site) {
      site = { devices: new Map(), groups: new Map(), covered: new Map() };
      this.sites.set(siteId, site);
    }
    return site;
  }

  /** Judges one device; the findings whose devices changed go into `dirty`. */
  private judge(
    siteId: string,
    deviceId: string,
    device: Device | undefined,
    now: number,
    dirty: Map<string, Set<PostureFinding>>,
    force = false,
  ): void {
    const site = this.site(siteId);
    const last = site.devices.get(deviceId);
    // A metric sample: same posture, same name, nothing to judge (unless the clock moved on).
    if (!force && device && last?.security === device.security && last.name === device.name) {
      return;
    }
    const findings =
      device?.security == null ? [] : postureFindings(device.security, now, this.options);
    if (device) site.devices.set(deviceId, { security: device.security, name: device.name });
    else site.devices.delete(deviceId);
    const name = nameOrId(device?.name, deviceId);
    for (const kind of POSTURE_FINDINGS) {
      const found = findings.find((f) => f.finding === kind);
      const group = site.groups.get(kind);
      const held = group?.get(deviceId);
      if (found === undefined) {
        if (held === undefined) continue;
        group?.delete(deviceId);
      } else {
        if (held?.name === name && held.note === found.note) continue;
        const members = group ?? new Map<string, FoundOn>();
        site.groups.set(kind, members);
        members.set(deviceId, { name, note: found.note });
      }
      let marked = dirty.get(siteId);
      if (!marked) dirty.set(siteId, (marked = new Set()));
      marked.add(kind);
    }
  }

  /** Raises, updates or clears the site's alert for each finding whose devices changed. */
  private raise(siteId: string, findings: ReadonlySet<PostureFinding>): void {
    const site = this.site(siteId);
    const now = this.clock.now();
    for (const kind of findings) {
      const id = postureId(kind);
      const members = site.groups.get(kind);
      if (!members || members.size === 0) {
        site.groups.delete(kind);
        site.covered.delete(kind);
        if (this.fleet.hubAlert(siteId, id)) this.fleet.setHubAlert(siteId, id, null);
        continue;
      }
      const ack = this.fleet.hubAlert(siteId, id)?.ack ?? null;
      const covered = site.covered.get(kind);
      const joined =
        ack !== null && covered?.ackId === ack.ackId
          ? [...members].filter(([deviceId]) => !covered.devices.has(deviceId))
          : [];
      const named = firstByName(members.values());
      const { title, detail } = describeFinding(kind, named, this.options, members.size);
      const { severity } = FINDING_INFO[kind];
      const facts = { id, deviceId: null, check: `hub:posture:${kind}`, severity, title, detail };
      raiseHubAlert(this.fleet, siteId, facts, now, { reopen: joined.length > 0 });
      if (ack !== null && joined.length > 0) {
        const names = joined.map(([, device]) => device.name);
        this.onReopened({ siteId, alertId: id, ack, joined: names, at: now });
      }
    }
  }
}
