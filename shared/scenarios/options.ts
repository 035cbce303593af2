/** Reading scenario options (plain JSON from the experiment) with defaults. */

/** A finite number option in [min, max], else the default. */
export function numberOption(options: Readonly<Record<string, unknown>>, key: string, fallback: number, min = -Infinity, max = Infinity): number {
  const v = options[key];
  return typeof v === 'number' && Number.isFinite(v) && v >= min && v <= max ? v : fallback;
}
