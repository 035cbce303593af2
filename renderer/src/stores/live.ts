import { defineStore } from 'pinia';
import { nextTick, ref, shallowRef } from 'vue';
import type { FaultEnd, LiveBatch, LiveNode } from '../../../shared/api';
import type { RunDetail, RunStatus } from '../../../shared/events';
import type { Fault, LinkModel } from '../../../shared/experiment/types';
import { lab } from '../api';
import { applyProcessStates, foldEvents, initialLiveState, liveSnapshot, type LiveSnapshot, type LiveState } from '../lib/live-state';

/** Events fetched to catch up with a run that started before the view opened. */
const CATCH_UP_MAX = 100_000;
const CATCH_UP_PAGE = 10_000;
/** Least time between two snapshots, ms: the counters change up to ten times a second. */
const PUBLISH_MS = 100;
/** Most time between two snapshots, ms. */
const PUBLISH_MAX_MS = 500;
/** Share of the main thread that snapshots and their renders may take; the interval stretches to keep within it. */
const RENDER_SHARE = 0.1;

/**
 * The live view of one run: a thin store. Batches fold into a plain (non-reactive)
 * LiveState as they arrive; the view's snapshot is published at most once per
 * animation frame, so a run at full event rate never floods Vue.
 */
export const useLiveStore = defineStore('live', () => {
  const run = ref<string | null>(null);
  const detail = shallowRef<RunDetail | null>(null);
  const status = ref<RunStatus | null>(null);
  const snapshot = shallowRef<LiveSnapshot | null>(null);
  const procs = ref<LiveNode[]>([]);
  const error = ref<string | null>(null);
  const busy = ref(false);
  /** What the last injected fault became (the lab's own words). */
  const lastActions = ref<string[]>([]);
  /** Events skipped when joining a long run late (counters start after them). */
  const skipped = ref(0);
  /** Animation frames that published a snapshot, and batches folded (for the benchmark). */
  const frames = ref(0);
  /** The node or pair the fault panel is about (read only by the panel, so a click re-renders little). */
  const selected = ref<string | null>(null);
  const selectedPair = ref<[string, string] | null>(null);
  let batches = 0;

  let state: LiveState | null = null;
  let unsubscribe: (() => void) | null = null;
  let frame = 0;
  let poll: ReturnType<typeof setInterval> | null = null;
  let generation = 0;

  let lastPublish = 0;
  let interval = PUBLISH_MS;
  let later: ReturnType<typeof setTimeout> | null = null;
  /**
   * Publishes a snapshot in the next animation frame, at most every `interval` ms. The
   * interval follows what a snapshot and its render cost (RENDER_SHARE of the main
   * thread), so input does not queue behind renders on a slow or busy machine.
   */
  function publish(): void {
    if (frame || later || !state) return;
    const wait = lastPublish + interval - performance.now();
    if (wait > 0) {
      later = setTimeout(() => {
        later = null;
        publish();
      }, wait);
      return;
    }
    frame = requestAnimationFrame((now) => {
      frame = 0;
      lastPublish = now;
      if (!state) return;
      const t0 = performance.now();
      snapshot.value = liveSnapshot(state);
      frames.value++;
      void nextTick(() => {
        interval = Math.min(PUBLISH_MAX_MS, Math.max(PUBLISH_MS, (performance.now() - t0) / RENDER_SHARE));
      });
    });
  }

  const ended = (s: RunStatus | null) => s !== null && s !== 'running';

  async function setUp(id: string): Promise<void> {
    tearDown();
    const gen = ++generation;
    run.value = id;
    selected.value = null;
    selectedPair.value = null;
    error.value = null;
    lastActions.value = [];
    skipped.value = 0;
    const d = await lab().getRun(id).catch((e: Error) => {
      error.value = e.message;
      return null;
    });
    if (gen !== generation) return;
    detail.value = d;
    if (!d) {
      error.value ??= `No run ${id} in this database.`;
      return;
    }
    status.value = d.status;
    const link = ((d.experiment.model as { link?: LinkModel } | undefined)?.link ?? 'fair-loss') as LinkModel;
    state = initialLiveState(d.nodes, link);
    // Live batches that arrive while catching up wait, so events fold in id order.
    const waiting: LiveBatch[] = [];
    let caughtUp = false;
    let liveStarted: () => void = () => undefined;
    const firstLive = new Promise<null>((resolve) => (liveStarted = () => resolve(null)));
    unsubscribe = lab().subscribe(id, (batch) => {
      if (gen !== generation || !state) return;
      status.value = batch.status;
      batches++;
      if (caughtUp) foldEvents(state, batch.events);
      else if (batch.events.length) {
        waiting.push(batch);
        liveStarted();
      }
      publish();
      if (ended(batch.status)) stopPolling();
    });
    await catchUp(id, gen, d.events, firstLive, () => (waiting.length ? waiting[0].events[0].id - 1 : null));
    if (gen !== generation || !state) return;
    // A gap between what was fetched and the live stream (the stream won the race) is reported.
    if (waiting.length && waiting[0].events[0].id - 1 > state.lastId) skipped.value = waiting[0].events[0].id - 1 - (state.lastId - skipped.value);
    for (const b of waiting) foldEvents(state, b.events);
    waiting.length = 0;
    caughtUp = true;
    publish();
    if (!ended(status.value)) startPolling(id, gen);
  }

  /**
   * Fetches the events recorded before the live stream starts. A page still on its way
   * when live events arrive is not waited for: on a busy run the stream wins, and the
   * view counts from where it starts.
   */
  async function catchUp(id: string, gen: number, recorded: number, firstLive: Promise<null>, liveFrom: () => number | null): Promise<void> {
    if (!state) return;
    let afterId = 0;
    if (recorded > CATCH_UP_MAX) {
      afterId = recorded - CATCH_UP_MAX;
      skipped.value = afterId;
    }
    for (;;) {
      const request = lab().events(id, { afterId, limit: CATCH_UP_PAGE }).catch(() => null);
      const page = liveFrom() === null ? await Promise.race([request, firstLive]) : await request;
      if (!page || gen !== generation || !state) return;
      foldEvents(state, page.events);
      afterId = page.lastId;
      const from = liveFrom();
      if (page.done || !page.events.length || (from !== null && afterId >= from) || state.lastId - skipped.value >= CATCH_UP_MAX) return;
    }
  }

  function startPolling(id: string, gen: number): void {
    const refresh = async () => {
      try {
        const nodes = await lab().liveNodes(id);
        if (gen !== generation) return;
        procs.value = nodes;
        if (state) {
          applyProcessStates(state, nodes);
          publish();
        }
      } catch {
        stopPolling(); // the run ended
      }
    };
    void refresh();
    poll = setInterval(refresh, 1000);
  }

  function stopPolling(): void {
    if (poll) clearInterval(poll);
    poll = null;
  }

  function tearDown(): void {
    generation++;
    unsubscribe?.();
    unsubscribe = null;
    stopPolling();
    if (frame) cancelAnimationFrame(frame);
    frame = 0;
    if (later) clearTimeout(later);
    later = null;
    state = null;
    snapshot.value = null;
    procs.value = [];
    detail.value = null;
    status.value = null;
  }

  /** Runs one fault request against the current run; its error shows in the view. */
  async function act(request: (run: string) => Promise<{ actions: typeof lastActions.value }>): Promise<boolean> {
    if (!run.value) return false;
    busy.value = true;
    error.value = null;
    try {
      lastActions.value = (await request(run.value)).actions;
      return true;
    } catch (e) {
      error.value = (e as Error).message;
      return false;
    } finally {
      busy.value = false;
    }
  }

  /** Injects a fault now (its times count from now). */
  const inject = (fault: Fault): Promise<boolean> => act((r) => lab().injectFault(r, fault));

  /** Ends live faults before their time: resume a paused node, or heal every partition. */
  const end = (what: FaultEnd): Promise<boolean> => act((r) => lab().endFault(r, what));
  const resume = (node: string) => end({ kind: 'resume', node });
  const heal = () => end({ kind: 'heal' });

  /** Stops the run; resolves once the lab has recorded it. */
  async function stop(): Promise<void> {
    if (!run.value) return;
    busy.value = true;
    error.value = null;
    try {
      const s = await lab().stopRun(run.value);
      status.value = s.status;
      stopPolling();
    } catch (e) {
      error.value = (e as Error).message;
    } finally {
      busy.value = false;
    }
  }

  const stats = () => ({ frames: frames.value, batches });

  function select(node: string | null): void {
    selected.value = node !== null && selected.value === node ? null : node;
    selectedPair.value = null;
  }
  function selectPair(a: string, b: string): void {
    selectedPair.value = [a, b];
    selected.value = null;
  }

  return { selected, selectedPair, select, selectPair, run, detail, status, snapshot, procs, error, busy, lastActions, skipped, frames, setUp, tearDown, inject, resume, heal, stop, stats };
});
