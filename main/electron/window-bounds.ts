/**
 * Remembering the window's place and size (pure logic, after heynote's
 * electron/main/window-bounds.ts): the saved bounds are used only when they
 * still fit on a display that exists now.
 */
export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface WindowState {
  bounds: Rect;
  maximized: boolean;
}

export const DEFAULT_SIZE = { width: 1280, height: 820 };
export const MIN_SIZE = { width: 800, height: 560 };

/** Parses saved state; anything malformed gives null (then defaults apply). */
export function parseWindowState(text: string | null): WindowState | null {
  if (!text) return null;
  try {
    const s = JSON.parse(text);
    const b = s?.bounds;
    if (![b?.x, b?.y, b?.width, b?.height].every((v) => Number.isFinite(v))) return null;
    return { bounds: { x: b.x, y: b.y, width: b.width, height: b.height }, maximized: !!s.maximized };
  } catch {
    return null;
  }
}

/**
 * Bounds to open the window with: the saved ones if at least a 100×100 px part
 * of the title area lies on some display's work area; otherwise centred on the
 * primary display at the default size (clamped to it).
 */
export function restoreBounds(saved: WindowState | null, displays: Rect[], primary: Rect): Rect {
  if (saved) {
    const b = {
      ...saved.bounds,
      width: Math.max(MIN_SIZE.width, saved.bounds.width),
      height: Math.max(MIN_SIZE.height, saved.bounds.height),
    };
    const title: Rect = { x: b.x, y: b.y, width: b.width, height: 40 };
    if (displays.some((d) => overlap(title, d).width >= 100 && overlap(title, d).height >= 20)) return b;
  }
  const width = Math.min(DEFAULT_SIZE.width, primary.width);
  const height = Math.min(DEFAULT_SIZE.height, primary.height);
  return { x: primary.x + Math.round((primary.width - width) / 2), y: primary.y + Math.round((primary.height - height) / 2), width, height };
}

function overlap(a: Rect, b: Rect): { width: number; height: number } {
  return {
    width: Math.max(0, Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x)),
    height: Math.max(0, Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y)),
  };
}
