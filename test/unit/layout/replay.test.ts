import { describe, expect, it } from 'vitest';
import { advance, baseRate, clampSpeed, DEFAULT_EVENTS_PER_S, nextSpeed, step, SPEED_MAX, SPEED_MIN } from '../../../shared/layout';
import { laneAt, laneLayout } from '../../../shared/layout';

describe('replay cursor', () => {
  it('plays a recorded run at its own pace times the speed', () => {
    const rate = baseRate(1000, 10_000); // 100 events/s
    expect(rate).toBe(100);
    expect(advance(0, 500, 1, rate, 1000)).toBe(50);
    expect(advance(0, 500, 4, rate, 1000)).toBe(200);
    expect(advance(990, 1000, 100, rate, 1000)).toBe(1000);
    expect(baseRate(10, null)).toBe(DEFAULT_EVENTS_PER_S);
  });

  it('clamps the speed to 0.1x..100x and walks the ladder', () => {
    expect(clampSpeed(0)).toBe(SPEED_MIN);
    expect(clampSpeed(1e6)).toBe(SPEED_MAX);
    expect(nextSpeed(1, 1)).toBe(2);
    expect(nextSpeed(1, -1)).toBe(0.5);
    expect(nextSpeed(100, 1)).toBe(100);
    expect(nextSpeed(0.1, -1)).toBe(0.1);
  });

  it('steps to whole events inside the run', () => {
    expect(step(2.4, 1, 10)).toBe(3);
    expect(step(2.4, -1, 10)).toBe(2);
    expect(step(0, -1, 10)).toBe(0);
    expect(step(10, 1, 10)).toBe(10);
  });
});

describe('lanes', () => {
  it('spreads lanes evenly right of the gutter and finds the nearest', () => {
    const l = laneLayout(4, 480, 80);
    expect(l.pitch).toBe(96);
    expect(l.x[0]).toBe(128);
    expect(laneAt(l, 130)).toBe(0);
    expect(laneAt(l, 225)).toBe(1);
    expect(laneAt(l, 10)).toBe(-1);
  });
});
