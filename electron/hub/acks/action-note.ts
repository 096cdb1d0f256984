import type {
  ActionNote,
  ActionNoteKind,
  TechnicianAction,
} from '../../../shared/alerts/technician-action.js';

/** The timeline note for a step of a technician's action. */
export function noteOf(
  action: TechnicianAction,
  what: ActionNoteKind,
  at: number,
  detail: string | null,
): ActionNote {
  return {
    siteId: action.siteId,
    alertId: action.alertId,
    at,
    what,
    actor: action.technician,
    source: 'technician',
    comment: action.comment,
    ackId: action.ackId,
    detail,
  };
}
