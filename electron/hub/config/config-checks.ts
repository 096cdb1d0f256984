import type { z } from 'zod';
import { MAX_BATCH } from '../../../shared/protocol/messages.js';
import { MAX_SITE_MESSAGE_BYTES } from '../links/site-socket.js';
import type { HubConfigShape } from './config-schema.js';
import { checkScreens } from './screen-checks.js';

/**
 * The checks across the config file's fields (config-schema.ts): what no single field's schema
 * can see. Each issue names its field, so the error names the file and the field.
 */
export function checkConfig(config: HubConfigShape, ctx: z.RefinementCtx): void {
  const siteIds = new Set(config.sites.map((site) => site.id));
  // In this order: the first issue is the one the error names.
  checkMaintenance(config, ctx, siteIds);
  // A screen that would show a site the hub does not know would show "no such site" for good.
  checkScreens(config, ctx);
  checkContracts(config, ctx);
  checkTechnicians(config, ctx);
  checkTimes(config, ctx);
  checkBudgets(config, ctx);
  checkSites(config, ctx);
}

/** Each window on a configured site, each with its own id. */
function checkMaintenance(
  config: HubConfigShape,
  ctx: z.RefinementCtx,
  siteIds: ReadonlySet<string>,
): void {
  const windowIds = new Set<string>();
  config.maintenance.forEach((window, index) => {
    if (!siteIds.has(window.siteId)) {
      ctx.addIssue({
        code: 'custom',
        path: ['maintenance', index, 'siteId'],
        message: `no site "${window.siteId}" in sites`,
      });
    }
    if (windowIds.has(window.id)) {
      ctx.addIssue({
        code: 'custom',
        path: ['maintenance', index, 'id'],
        message: `"${window.id}" is used twice: each window its own id`,
      });
    }
    windowIds.add(window.id);
  });
}

/** A contract whose customer no site has is a typo that would silently start no clock. */
function checkContracts(config: HubConfigShape, ctx: z.RefinementCtx): void {
  const customers = new Set(config.sites.map((site) => site.customer));
  config.sla.contracts.forEach((contract, index) => {
    if (!customers.has(contract.customer)) {
      ctx.addIssue({
        code: 'custom',
        path: ['sla', 'contracts', index, 'customer'],
        message: `no site has the customer "${contract.customer}" (sites' customers: ${[...customers].join(', ') || 'none'})`,
      });
    }
  });
}

/** Each technician once. */
function checkTechnicians(config: HubConfigShape, ctx: z.RefinementCtx): void {
  const names = new Set<string>();
  config.technicians.forEach((technician, index) => {
    if (names.has(technician.name)) {
      ctx.addIssue({
        code: 'custom',
        path: ['technicians', index, 'name'],
        message: `"${technician.name}" is listed twice: each technician once`,
      });
    }
    names.add(technician.name);
  });
}

/** Reconnect delays and freshness thresholds the right way round. */
function checkTimes(config: HubConfigShape, ctx: z.RefinementCtx): void {
  if (config.reconnect.initialDelayMs > config.reconnect.maxDelayMs) {
    ctx.addIssue({
      code: 'custom',
      path: ['reconnect', 'initialDelayMs'],
      message: `must not be greater than reconnect.maxDelayMs (${config.reconnect.maxDelayMs})`,
    });
  }
  if (config.downAfterSeconds <= config.staleAfterSeconds) {
    ctx.addIssue({
      code: 'custom',
      path: ['downAfterSeconds'],
      message: `must be greater than staleAfterSeconds (${config.staleAfterSeconds})`,
    });
  }
}

/** Budgets that hold what a well-behaved site may send at once. */
function checkBudgets(config: HubConfigShape, ctx: z.RefinementCtx): void {
  // A window must hold what a well-behaved site may send at once, else a full batch, or a
  // large snapshot and the events right behind it, would pause the link on every connect:
  // one full batch of events; two messages of the size cap in bytes.
  const { maxEventsPerSecond, maxBytesPerSecond, windowSeconds } = config.budgets;
  if (maxEventsPerSecond * windowSeconds < MAX_BATCH) {
    ctx.addIssue({
      code: 'custom',
      path: ['budgets', 'maxEventsPerSecond'],
      message: `times budgets.windowSeconds (${windowSeconds}) must allow one full batch of ${MAX_BATCH.toLocaleString('en-US')} events`,
    });
  }
  if (maxBytesPerSecond * windowSeconds < 2 * MAX_SITE_MESSAGE_BYTES) {
    const cap = MAX_SITE_MESSAGE_BYTES / 2 ** 20;
    ctx.addIssue({
      code: 'custom',
      path: ['budgets', 'maxBytesPerSecond'],
      message: `times budgets.windowSeconds (${windowSeconds}) must allow ${2 * cap} MiB: a snapshot near the ${cap} MiB message cap and what follows it`,
    });
  }
}

/** Each site id once. */
function checkSites(config: HubConfigShape, ctx: z.RefinementCtx): void {
  const seen = new Set<string>();
  config.sites.forEach((site, index) => {
    if (seen.has(site.id)) {
      ctx.addIssue({
        code: 'custom',
        path: ['sites', index, 'id'],
        message: `duplicate site id "${site.id}"`,
      });
    }
    seen.add(site.id);
  });
}
