import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import type { ConeResult, RunBounds, WindowResult } from '../../../shared/api';
import { clampView, padExtent, planRequest, serves, type Axis, type Span } from '../../../shared/layout';
import { lab } from '../api';

/** Most single events one window brings (about what a screen can show distinctly). */
const EVENTS_LIMIT = 2500;
/** Quiet time before background work starts. */
const IDLE_MS = 2500;

/**
 * View state of the orderings diagram: the run's bounds, the axis, the visible
 * span per axis, the loaded windows and the selected event's cone. Loading keeps
 * at most one window request in flight and always asks for the latest view.
 */
export const useOrderingsStore = defineStore('orderings', () => {
  const run = ref<string | null>(null);
  const bounds = shallowRef<RunBounds | null>(null);
  const axis = ref<Axis>('wall');
  const view = shallowRef<Span>({ from: 0, to: 1 });
  /** Whole-extent window of the current axis (first screen, background layer). */
  const base = shallowRef<WindowResult | null>(null);
  /** Window for the current view (with a margin). */
  const detail = shallowRef<WindowResult | null>(null);
  const selected = ref<number | null>(null);
  const cone = shallowRef<ConeResult | null>(null);
  const causalProgress = ref<number | null>(null);
  const error = ref<string | null>(null);
  const loading = ref(false);
  /** A window request is in flight. */
  const fetching = ref(false);
  /** Track height the windows are planned for (set by the canvas). */
  const heightPx = ref(600);
  const views = new Map<Axis, Span>();
  let inFlight = false;
  let again = false;
  let generation = 0;

  const extent = computed<Span | null>(() => {
    const b = bounds.value;
    if (!b) return null;
    const raw = axis.value === 'wall' ? b.wall : axis.value === 'lamport' ? b.lamport : b.causal;
    return raw ? padExtent(raw) : null;
  });

  async function open(runId: string): Promise<void> {
    generation++;
    run.value = runId;
    bounds.value = null;
    base.value = detail.value = null;
    cone.value = null;
    selected.value = null;
    error.value = null;
    views.clear();
    try {
      const b = await lab().runBounds(runId);
      if (run.value !== runId) return;
      bounds.value = b;
      axis.value = b.wall ? 'wall' : 'lamport';
      await showAxis();
      if (!b.causal) idleCausal(runId);
    } catch (e) {
      error.value = (e as Error).message;
    }
  }

  /** Switches the axis; the causal axis is computed first if the store has not yet. */
  async function setAxis(a: Axis): Promise<void> {
    if (extent.value) views.set(axis.value, view.value);
    axis.value = a;
    await showAxis();
  }

  async function showAxis(): Promise<void> {
    const gen = ++generation;
    base.value = detail.value = null;
    if (axis.value === 'causal' && bounds.value && !bounds.value.causal) {
      await prepareCausal(gen);
      if (gen !== generation) return;
    }
    const ext = extent.value;
    if (!ext || !run.value) return;
    view.value = views.get(axis.value) ?? ext;
    loading.value = true;
    try {
      const req = planRequest(ext, ext, heightPx.value, 0);
      const res = await lab().eventsInWindow(run.value, { axis: axis.value, limit: EVENTS_LIMIT, ...req });
      if (gen !== generation) return;
      base.value = res;
      if (serves(loaded(res), view.value, heightPx.value, EVENTS_LIMIT)) detail.value = res;
    } catch (e) {
      error.value = (e as Error).message;
    } finally {
      loading.value = false;
    }
    void refine();
  }

  async function prepareCausal(gen: number): Promise<void> {
    const r = run.value!;
    causalProgress.value = 0;
    try {
      for (;;) {
        const p = await lab().prepareCausal(r);
        if (gen !== generation) return;
        causalProgress.value = p.progress;
        if (p.done) break;
        await new Promise((res) => setTimeout(res, 200)); // polling the lab's progress, not synchronising
      }
      bounds.value = await lab().runBounds(r);
    } catch (e) {
      error.value = (e as Error).message;
    } finally {
      causalProgress.value = null;
    }
  }

  function loaded(w: WindowResult | null) {
    if (!w) return null;
    return { span: w.span, mode: w.mode, bins: w.mode === 'bins' ? (w.counts[0]?.length ?? 1) : undefined, counts: w.mode === 'bins' ? w.counts : undefined };
  }

  /**
   * Starts the causal axis in the background (the lab computes it in chunks) once the
   * user has left the diagram alone for a moment, so that work never competes with
   * panning and zooming; switching to the axis later is then quick.
   */
  let idleTimer: ReturnType<typeof setTimeout> | null = null;
  let idleRun: string | null = null;
  function idleCausal(runId: string | null = idleRun): void {
    idleRun = runId;
    if (idleTimer) clearTimeout(idleTimer);
    idleTimer = null;
    if (!runId || bounds.value?.causal) return;
    idleTimer = setTimeout(() => {
      idleTimer = null;
      if (run.value === runId && !bounds.value?.causal) void lab().prepareCausal(runId).catch(() => undefined);
      idleRun = null;
    }, IDLE_MS);
  }

  /** Sets the visible span (clamped) and fetches a better window when the loaded ones no longer serve it. */
  function setView(v: Span): void {
    const ext = extent.value;
    if (!ext) return;
    if (idleRun) idleCausal();
    view.value = clampView(v, ext);
    void refine();
  }

  async function refine(): Promise<void> {
    const ext = extent.value;
    if (!ext || !run.value) return;
    if (serves(loaded(detail.value), view.value, heightPx.value, EVENTS_LIMIT)) return;
    if (serves(loaded(base.value), view.value, heightPx.value, EVENTS_LIMIT)) {
      detail.value = base.value;
      return;
    }
    if (inFlight) {
      again = true;
      return;
    }
    inFlight = true;
    fetching.value = true;
    const gen = generation;
    try {
      const req = planRequest(view.value, ext, heightPx.value);
      const res = await lab().eventsInWindow(run.value, { axis: axis.value, limit: EVENTS_LIMIT, ...req });
      if (gen === generation) detail.value = res;
    } catch (e) {
      error.value = (e as Error).message;
    } finally {
      inFlight = false;
      fetching.value = false;
    }
    if (again && gen === generation) {
      again = false;
      void refine();
    }
  }

  async function select(id: number | null): Promise<void> {
    selected.value = id;
    cone.value = null;
    if (id == null || !run.value) return;
    try {
      const c = await lab().causalCone(run.value, id);
      if (selected.value === id) cone.value = c;
    } catch (e) {
      error.value = (e as Error).message;
    }
  }

  return { run, bounds, axis, view, base, detail, selected, cone, causalProgress, error, loading, fetching, heightPx, extent, open, setAxis, setView, select, refine };
});
