/** A sliding window of inter-arrival times with O(1) running mean and variance. */
export class ArrivalWindow {
  private readonly values: number[] = [];
  private head = 0;
  private sum = 0;
  private sumSq = 0;

  constructor(readonly capacity: number) {}

  get size(): number {
    return this.values.length;
  }

  /** Add one inter-arrival time (ms), evicting the oldest when full. */
  push(intervalMs: number): void {
    if (this.values.length < this.capacity) {
      this.values.push(intervalMs);
    } else {
      const old = this.values[this.head];
      this.sum -= old;
      this.sumSq -= old * old;
      this.values[this.head] = intervalMs;
      this.head = (this.head + 1) % this.capacity;
    }
    this.sum += intervalMs;
    this.sumSq += intervalMs * intervalMs;
  }

  get meanMs(): number {
    return this.values.length === 0 ? 0 : this.sum / this.values.length;
  }

  /** Population standard deviation, ms. */
  get stdDevMs(): number {
    const n = this.values.length;
    if (n === 0) return 0;
    const mean = this.sum / n;
    return Math.sqrt(Math.max(0, this.sumSq / n - mean * mean));
  }
}
