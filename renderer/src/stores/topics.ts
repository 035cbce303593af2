import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import type { RunDetail } from '../../../shared/events';
import { cursorTimeMs, type Topic, type TopicInfo, type TopicView } from '../../../shared/views';
import { lab } from '../api';
import { useReplayStore } from './replay';

/**
 * View state of the topic views of one run (Raft, failure detection, clocks, leases):
 * which topics apply, the open topic's view model (built in main), and where the
 * replay cursor sits on its time axis. The models are pure shared/views functions.
 */
export const useTopicsStore = defineStore('topics', () => {
  const run = ref<string | null>(null);
  const detail = shallowRef<RunDetail | null>(null);
  const topics = ref<TopicInfo[]>([]);
  const topic = ref<Topic | null>(null);
  const view = shallowRef<TopicView | null>(null);
  const loading = ref(false);
  const error = ref<string | null>(null);
  const replay = useReplayStore();
  let generation = 0;
  let refresh: ReturnType<typeof setTimeout> | null = null;

  /** Opens `topic` of `runId` (the run's detail, its topics and the replay cursor come along). */
  async function open(runId: string, t: Topic): Promise<void> {
    close();
    const gen = ++generation;
    loading.value = true;
    error.value = null;
    if (run.value !== runId) {
      view.value = null;
      detail.value = null;
      topics.value = [];
    } else if (topic.value !== t) view.value = null;
    run.value = runId;
    topic.value = t;
    try {
      const [d, list, bounds, model] = await Promise.all([lab().getRun(runId), lab().runTopics(runId), lab().runBounds(runId), lab().runAnalysis(runId, t)]);
      if (gen !== generation) return;
      detail.value = d;
      topics.value = list;
      view.value = model;
      replay.load(runId, bounds.events, bounds.durationMs);
      // A run still recording: read it again every second while the view is open.
      if (d?.status === 'running') refresh = setTimeout(() => void open(runId, t), 1000);
    } catch (e) {
      if (gen === generation) error.value = (e as Error).message;
    } finally {
      if (gen === generation) loading.value = false;
    }
  }

  /** Stops following a run that is still recording (the view closed). */
  function close(): void {
    if (refresh) clearTimeout(refresh);
    refresh = null;
  }

  /** The replay cursor on the open view's axis (ms); Infinity when every event is shown. */
  const cursorMs = computed(() => {
    const v = view.value;
    if (!v || replay.run !== run.value || replay.atEnd) return Infinity;
    return cursorTimeMs(v.timeline, replay.cursor);
  });

  return { run, detail, topics, topic, view, loading, error, cursorMs, open, close };
});
