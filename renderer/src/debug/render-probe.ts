/**
 * Counts renders of the hottest components (one per device on the wall) and of the views, for
 * tests and profiling sessions (tests also throw from it, to stand in for a bug). Off by
 * default: one null check per render.
 */
export type RenderProbe = (component: string, key: string) => void;

let probe: RenderProbe | null = null;

export function setRenderProbe(next: RenderProbe | null): void {
  probe = next;
}

export function reportRender(component: string, key: string): void {
  probe?.(component, key);
}
