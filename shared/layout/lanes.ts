/** Horizontal placement of node lanes in the space-time diagram. */

export interface LaneLayout {
  /** x of each lane's centre line, in CSS pixels. */
  x: number[];
  /** Distance between neighbouring lanes. */
  pitch: number;
}

/** Spreads `lanes` lanes evenly over `width` pixels, leaving `gutter` on the left for the axis. */
export function laneLayout(lanes: number, width: number, gutter: number): LaneLayout {
  const usable = Math.max(1, width - gutter - 16);
  const pitch = lanes > 0 ? usable / lanes : usable;
  return { x: Array.from({ length: lanes }, (_, i) => gutter + pitch * (i + 0.5)), pitch };
}

/** The lane whose centre is nearest to x, or -1 when x is more than half a pitch away from every lane. */
export function laneAt(layout: LaneLayout, x: number): number {
  let best = -1;
  let bestD = Infinity;
  layout.x.forEach((lx, i) => {
    const d = Math.abs(lx - x);
    if (d < bestD) {
      bestD = d;
      best = i;
    }
  });
  return bestD <= layout.pitch / 2 ? best : -1;
}
