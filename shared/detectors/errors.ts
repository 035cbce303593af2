/** Parameter errors: one clear line, raised before a run starts. */
export class DetectorConfigError extends Error {
  constructor(detector: string, message: string) {
    super(`${detector} detector: ${message}`);
    this.name = 'DetectorConfigError';
  }
}

/** Throw unless `value` is a finite number > 0. */
export function requirePositive(detector: string, field: string, value: number): void {
  if (!(Number.isFinite(value) && value > 0)) throw new DetectorConfigError(detector, `${field} must be a positive number of ms, got ${value}`);
}
