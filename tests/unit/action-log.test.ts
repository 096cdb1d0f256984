import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SqliteActionLog } from '../../electron/hub/acks/action-log.js';
import { HistoryQueries } from '../../electron/hub/store/history-queries.js';
import { openStore, type Store } from '../../electron/hub/store/open-store.js';
import { WriteStatements } from '../../electron/hub/store/write-statements.js';
import type { ActionNote, TechnicianAction } from '../../shared/alerts/technician-action.js';
import type { Alert } from '../../shared/protocol/alert.js';

/** The store's side of acknowledgements: the durable outbox, and the notes in the timeline. */

const T0 = Date.UTC(2026, 11, 1, 8, 0);
let dir = '';
let store: Store;
let sql: WriteStatements;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'noc-actions-'));
  store = await openStore(join(dir, 'noc.sqlite'));
  sql = new WriteStatements(store.raw);
  sql.putSite({ id: 'hq', name: 'Head office', customer: 'Acme', hello: null }, T0);
});

afterEach(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

function openAlert(id: string): void {
  const alert: Alert = {
    id,
    deviceId: null,
    check: 'wan',
    severity: 'high',
    title: `WAN down ${id}`,
    detail: '',
    raisedAt: T0,
    updatedAt: T0,
    ack: null,
  };
  sql.putAlert('hq', alert, '');
  const doc = JSON.stringify({ seq: 1, at: T0, type: 'alert.raise', alert });
  sql.putAlertEvent({
    siteId: 'hq',
    stream: 's',
    seq: 1,
    at: T0,
    type: 'alert.raise',
    alertId: id,
    source: 'site',
    doc,
  });
}

const action = (over: Partial<TechnicianAction>): TechnicianAction => ({
  ackId: 'k1',
  siteId: 'hq',
  alertId: 'a1',
  kind: 'ack',
  technician: 'Dana',
  comment: 'calling the ISP',
  sticky: true,
  expiresAt: null,
  severity: 'high',
  requestedAt: T0 + 60_000,
  delivery: 'pending',
  reason: null,
  attempts: 0,
  settledAt: null,
  hubHandled: null,
  withdraws: null,
  lapseNotedAt: null,
  ...over,
});

const note = (
  a: TechnicianAction,
  what: ActionNote['what'],
  at: number,
  detail: string | null = null,
) => ({
  siteId: a.siteId,
  alertId: a.alertId,
  at,
  what,
  actor: a.technician,
  source: 'technician' as const,
  comment: a.comment,
  ackId: a.ackId,
  detail,
});

describe('SqliteActionLog', () => {
  it('keeps a pending action across a reopen of the file, and its settled state once answered', async () => {
    openAlert('a1');
    const log = new SqliteActionLog(store.raw);
    const pending = action({});
    log.record(pending, note(pending, 'ack.requested', pending.requestedAt));
    await store.close();
    store = await openStore(join(dir, 'noc.sqlite'));
    sql = new WriteStatements(store.raw);
    const reopened = new SqliteActionLog(store.raw);
    expect(reopened.load()).toEqual([pending]);
    const confirmed = {
      ...pending,
      delivery: 'confirmed' as const,
      settledAt: T0 + 90_000,
      attempts: 1,
    };
    reopened.record(confirmed, note(confirmed, 'ack.confirmed', T0 + 90_000));
    // The latest action on an open alert comes back (its expiry may still apply)...
    expect(reopened.load()).toEqual([confirmed]);
    // ...but not once the alert has cleared.
    sql.clearAlert('hq', 'a1', T0 + 120_000);
    expect(reopened.load()).toEqual([]);
  });

  it('gives back every pending action, oldest first, and only the latest settled one per alert', () => {
    openAlert('a1');
    openAlert('a2');
    const log = new SqliteActionLog(store.raw);
    const old = action({ ackId: 'k1', delivery: 'refused', reason: 'no', requestedAt: T0 + 1 });
    const latest = action({ ackId: 'k2', delivery: 'confirmed', requestedAt: T0 + 2 });
    const waiting = action({ ackId: 'k3', alertId: 'a2', requestedAt: T0 + 3 });
    for (const a of [waiting, old, latest]) log.record(a, note(a, 'ack.requested', a.requestedAt));
    expect(log.load().map((a) => a.ackId)).toEqual(['k2', 'k3']);
  });

  it('puts technicians’ and the hub’s notes in the alert’s timeline, beside the site’s events', async () => {
    openAlert('a1');
    const log = new SqliteActionLog(store.raw);
    const a = action({});
    log.record(a, note(a, 'ack.requested', T0 + 60_000));
    log.record(
      { ...a, delivery: 'refused', reason: 'alert a1 is closed' },
      note(a, 'ack.refused', T0 + 61_000, 'alert a1 is closed'),
    );
    log.note({
      ...note(a, 'ack.expired', T0 + 120_000, 'acknowledged by Dana until …'),
      actor: 'hub',
      source: 'hub',
      comment: '',
    });
    const { entries } = await new HistoryQueries(store.db).timeline({
      siteId: 'hq',
      alertId: 'a1',
    });
    expect(entries.map((e) => [e.type, e.source, e.actor, e.ackComment, e.detail, e.seq])).toEqual([
      ['alert.raise', 'site', null, null, null, 1],
      ['ack.requested', 'technician', 'Dana', 'calling the ISP', null, null],
      ['ack.refused', 'technician', 'Dana', 'calling the ISP', 'alert a1 is closed', null],
      ['ack.expired', 'hub', 'hub', null, 'acknowledged by Dana until …', null],
    ]);
  });

  it('rolls back the action when its note cannot be written: both or neither', () => {
    openAlert('a1');
    const log = new SqliteActionLog(store.raw);
    const a = action({});
    const broken = { ...note(a, 'ack.requested', T0), source: 'someone' as 'hub' };
    expect(() => {
      log.record(a, broken);
    }).toThrow(/CHECK constraint failed/);
    expect(log.load()).toEqual([]);
  });

  it('writes a storm’s fold notes in one transaction, all or none, into the timeline', async () => {
    openAlert('a1');
    openAlert('a2');
    const log = new SqliteActionLog(store.raw);
    const fold = (alertId: string, what: ActionNote['what']): ActionNote => ({
      siteId: 'hq',
      alertId,
      at: T0 + 60_000,
      what,
      actor: 'hub',
      source: 'hub',
      comment: '',
      ackId: null,
      detail: 'folded under Gateway down',
    });
    const broken = { ...fold('a2', 'alert.folded'), source: 'someone' as 'hub' };
    expect(() => {
      log.notes([fold('a1', 'alert.folded'), broken]);
    }).toThrow(/CHECK constraint failed/);
    log.notes([fold('a1', 'alert.folded'), fold('a2', 'alert.folded')]);
    const history = new HistoryQueries(store.db);
    for (const alertId of ['a1', 'a2']) {
      const { entries } = await history.timeline({ siteId: 'hq', alertId });
      // Once each: the failed batch left nothing behind.
      expect(entries.filter((e) => e.type === 'alert.folded').map((e) => e.detail)).toEqual([
        'folded under Gateway down',
      ]);
    }
  });
});
