import { memo, useCallback, useRef, type MouseEvent, type ReactNode } from 'react';
import { displayName } from '../../format/names.js';
import { siteHref } from '../../routing/hash-route.js';
import { STATUS_LABEL } from '../../status/presentation.js';
import { EMPTY_DEVICES } from '../../store/fleet-data.js';
import { statusCounts } from '../../store/selectors.js';
import { useFleet, useFleetStore } from '../../store/store-context.js';
import { CellPainter, readPalette } from './canvas/cell-painter.js';

interface DeviceCanvasProps {
  readonly siteId: string;
  readonly stale: boolean;
  /** The wall's cell pitch in CSS px (wall-layout.ts). */
  readonly pitch: number;
  /**
   * The grid's text equivalent (the problem list), kept as the canvas's fallback content: in the
   * accessibility tree, but never laid out or painted. As a visually hidden list beside the
   * canvas, its changes re-laid out ~900 elements on every delta batch at load (b).
   */
  readonly children?: ReactNode;
}

/**
 * A big wall's device grid: one canvas per tile instead of a DOM node per device. It listens to
 * the store itself (not through React), and repaints at most once a frame, only the cells whose
 * status changed. Screen readers get the canvas's label and the tile's problem list inside it
 * (`children`); a pointer gets the device under it as the canvas's title.
 */
export const DeviceCanvas = memo(function DeviceCanvas({
  siteId,
  stale,
  pitch,
  children,
}: DeviceCanvasProps) {
  const store = useFleetStore();
  // All of them, those still arriving in parts too (receiving.ts).
  const count = useFleet((s) => statusCounts(s.devices.get(siteId) ?? EMPTY_DEVICES).total);
  const painter = useRef<CellPainter | null>(null);

  const attach = useCallback(
    (box: HTMLDivElement | null) => {
      const canvas = box?.querySelector('canvas');
      if (!box || !canvas) return undefined;
      const devices = () => store.getState().devices.get(siteId) ?? EMPTY_DEVICES;
      const current = new CellPainter(canvas, pitch, stale, readPalette(box), devicePixelRatio);
      painter.current = current;
      const paint = () => {
        current.paint(devices());
        // What the canvas really shows: every device, unless its box cannot hold them all.
        const drawn = String(Math.min(devices().size, current.capacity));
        if (canvas.dataset.drawn !== drawn) canvas.dataset.drawn = drawn;
      };
      // The device count the canvas was last sized for: only more devices than that need a new
      // size (a box too small for them all, or none at all, is not sized again every frame).
      let sizedFor = 0;
      let sizedAt = '';
      const resize = () => {
        sizedFor = devices().size;
        sizedAt = `${box.clientWidth}x${box.clientHeight}`;
        current.resize(box.clientWidth, box.clientHeight, sizedFor);
        paint();
      };
      // The observer also fires for sub-pixel changes (a count's text re-laid out in the tile
      // above): only a change in whole pixels needs a new size and a full repaint. Measured:
      // ~50 full repaints a second at load (b) of bench:render without this check.
      const resized = () => {
        if (`${box.clientWidth}x${box.clientHeight}` !== sizedAt) resize();
      };
      let frame = 0;
      const unsubscribe = store.subscribe((state, previous) => {
        if (frame !== 0 || state.devices.get(siteId) === previous.devices.get(siteId)) return;
        frame = requestAnimationFrame(() => {
          frame = 0;
          // A site that gained devices may need a smaller pitch to fit them all.
          if (devices().size > sizedFor) resize();
          else paint();
        });
      });
      resize();
      const observer = typeof ResizeObserver === 'undefined' ? null : new ResizeObserver(resized);
      observer?.observe(box);
      return () => {
        unsubscribe();
        cancelAnimationFrame(frame);
        observer?.disconnect();
        painter.current = null;
      };
    },
    [store, siteId, pitch, stale],
  );

  const describe = useCallback(
    (event: MouseEvent<HTMLCanvasElement>) => {
      const canvas = event.currentTarget;
      const rect = canvas.getBoundingClientRect();
      const index = painter.current?.cellAt(event.clientX - rect.left, event.clientY - rect.top);
      const device =
        index === null || index === undefined
          ? undefined
          : [...(store.getState().devices.get(siteId) ?? EMPTY_DEVICES).values()][index];
      canvas.title = device
        ? `${displayName(device.name, device.id).title} — ${STATUS_LABEL[device.status]}${stale ? ' (stale)' : ''}`
        : '';
    },
    [store, siteId, stale],
  );

  return (
    <div className="device-canvas" ref={attach}>
      <canvas
        data-testid="device-canvas"
        data-site-id={siteId}
        data-stale={stale}
        data-devices={count}
        // A named group, not an image: an image's children are hidden from screen readers, and
        // these are the grid's text (tests/e2e/wall-reading-order.test.ts reads them in
        // Chromium's tree). eslint.config.js allows this role on a canvas.
        role="group"
        aria-label={`${count} devices${stale ? ', last known states (stale)' : ''}; the problem devices are listed`}
        onMouseMove={describe}
        // The canvas lies over the tile's stretched link: a click on the cells opens the site too.
        onClick={() => {
          window.location.assign(siteHref(siteId));
        }}
      >
        {children}
      </canvas>
    </div>
  );
});
