import type { CheckRecord } from '../alerts/check-record.js';
import type { TechnicianAction } from '../alerts/technician-action.js';
import type { ActionMap, CheckMap, FleetModel } from './fleet-model.js';
import { keepUnchanged } from './json-equal.js';
import { reuseMap } from './map-draft.js';

/** Merges of a site's incoming entities with those held, keeping every object that did not change. */

/** `incoming` as a map by `keyOf`, keeping every unchanged object, and `previous` itself if all are. */
function mergeBy<T>(
  previous: ReadonlyMap<string, T> | undefined,
  incoming: readonly T[],
  keyOf: (entity: T) => string,
): ReadonlyMap<string, T> {
  const next = new Map<string, T>();
  for (const entity of incoming) {
    const key = keyOf(entity);
    next.set(key, keepUnchanged(previous?.get(key), entity));
  }
  return reuseMap(previous, next);
}

/** A site's entities as a map by id. */
export function mergeEntities<T extends { readonly id: string }>(
  previous: ReadonlyMap<string, T> | undefined,
  incoming: readonly T[],
): ReadonlyMap<string, T> {
  return mergeBy(previous, incoming, (entity) => entity.id);
}

/** A site's check records as a map by key. */
export function mergeChecks(
  previous: CheckMap | undefined,
  incoming: readonly CheckRecord[],
): CheckMap {
  return mergeBy(previous, incoming, (check) => check.key);
}

/** A site's technician actions as a map by alert id. */
export function mergeActions(
  previous: ActionMap | undefined,
  incoming: readonly TechnicianAction[],
): ActionMap {
  return mergeBy(previous, incoming, (action) => action.alertId);
}

/** `state` itself when none of the model's fields changed, else `state` with the new ones. */
export function withModel<S extends FleetModel>(state: S, next: FleetModel): S {
  const same =
    next.version === state.version &&
    next.sites === state.sites &&
    next.devices === state.devices &&
    next.alerts === state.alerts &&
    next.actions === state.actions &&
    next.checks === state.checks &&
    next.incidents === state.incidents;
  return same ? state : { ...state, ...next };
}
