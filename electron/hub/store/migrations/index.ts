import type { Migration } from 'kysely/migration';
import { sitesAndStreams } from './0001-sites-and-streams.js';
import { fleetHistory } from './0002-fleet-history.js';
import { openAlertsById } from './0003-open-alerts-by-id.js';
import { rollupMark } from './0004-rollup-mark.js';
import { siteRangeIndexes } from './0005-site-range-indexes.js';
import { technicianActions } from './0006-technician-actions.js';
import { maintenanceWindows } from './0007-maintenance-windows.js';
import { slaIncidents } from './0008-sla-incidents.js';
import { screenHomes } from './0009-screen-homes.js';
import { screenLayouts } from './0010-screen-layouts.js';
import { hubAlertEvents } from './0011-hub-alert-events.js';

/**
 * Every migration, in order, by name. Listed here rather than read from a folder at run time:
 * the hub is bundled into Electron's main process, where there is no folder to read. A migration
 * is never edited once released; a change is a new one.
 */
export const MIGRATIONS: Readonly<Record<string, Migration>> = {
  '0001-sites-and-streams': sitesAndStreams,
  '0002-fleet-history': fleetHistory,
  '0003-open-alerts-by-id': openAlertsById,
  '0004-rollup-mark': rollupMark,
  '0005-site-range-indexes': siteRangeIndexes,
  '0006-technician-actions': technicianActions,
  '0007-maintenance-windows': maintenanceWindows,
  '0008-sla-incidents': slaIncidents,
  '0009-screen-homes': screenHomes,
  '0010-screen-layouts': screenLayouts,
  '0011-hub-alert-events': hubAlertEvents,
};
