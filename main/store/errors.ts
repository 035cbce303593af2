/**
 * Errors users see as one line. `exitCode` 2 means bad input (DESIGN.md CLI contract).
 */
export class LabError extends Error {
  readonly exitCode: number;
  constructor(message: string, exitCode = 2) {
    super(message);
    this.name = 'LabError';
    this.exitCode = exitCode;
  }
}
