import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { advance, baseRate, clampSpeed, nextSpeed, step } from '../../../shared/layout';

/**
 * The one replay cursor every view of a recorded run follows. The cursor is an
 * event id: events recorded after it (larger ids) are not yet "seen". Views read
 * `cursor` (a whole event id) and `run`; the arithmetic is shared/layout/replay.
 */
export const useReplayStore = defineStore('replay', () => {
  const run = ref<string | null>(null);
  const total = ref(0);
  const position = ref(0);
  const playing = ref(false);
  const speed = ref(1);
  const rate = ref(1);
  let frame = 0;
  let last = 0;

  /** Whole events seen so far (0..total). */
  const cursor = computed(() => Math.floor(position.value + 1e-9));
  /** True when every event is shown (no replay in progress). */
  const atEnd = computed(() => cursor.value >= total.value);

  /** Points the cursor at a run; keeps the position when it is the same run. */
  function load(runId: string, events: number, durationMs: number | null): void {
    if (run.value !== runId) {
      pause();
      run.value = runId;
      position.value = events;
    } else if (position.value >= total.value) {
      // Showing everything: keep showing everything as the run grows.
      position.value = events;
    }
    total.value = events;
    if (position.value > events) position.value = events;
    rate.value = baseRate(events, durationMs);
  }

  function tick(now: number): void {
    if (!playing.value) return;
    const dt = last ? now - last : 0;
    last = now;
    position.value = advance(position.value, dt, speed.value, rate.value, total.value);
    if (position.value >= total.value) {
      playing.value = false;
      return;
    }
    frame = requestAnimationFrame(tick);
  }

  function play(): void {
    if (playing.value || !total.value) return;
    if (position.value >= total.value) position.value = 0;
    playing.value = true;
    last = 0;
    frame = requestAnimationFrame(tick);
  }

  function pause(): void {
    playing.value = false;
    cancelAnimationFrame(frame);
  }

  function toggle(): void {
    if (playing.value) pause();
    else play();
  }

  function stepBy(delta: number): void {
    pause();
    position.value = step(position.value, delta, total.value);
  }

  function seek(to: number): void {
    position.value = Math.min(total.value, Math.max(0, Math.round(to)));
  }

  function setSpeed(s: number): void {
    speed.value = clampSpeed(s);
  }

  function faster(dir: 1 | -1): void {
    speed.value = nextSpeed(speed.value, dir);
  }

  return { run, total, position, playing, speed, rate, cursor, atEnd, load, play, pause, toggle, stepBy, seek, setSpeed, faster };
});
