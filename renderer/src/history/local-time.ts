/** Times as the history view's inputs (`datetime-local`) and rows show them: this machine's zone. */

const pad = (n: number) => String(n).padStart(2, '0');

/** `2026-12-01T09:30`, the value a datetime-local input holds, in this machine's zone. */
export function toLocalInput(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** A datetime-local value back to epoch ms; null when it is empty or not a time. */
export function fromLocalInput(value: string): number | null {
  if (!/^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d)?$/.test(value)) return null;
  const ms = new Date(value).getTime();
  return Number.isFinite(ms) ? ms : null;
}

/** `2026-12-01 09:30:05` in this machine's zone, for table cells. */
export function formatDateTime(ms: number): string {
  const d = new Date(ms);
  const date = `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
  return `${date} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}
