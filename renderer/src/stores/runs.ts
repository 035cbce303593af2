import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { RunSummary } from '../../../shared/events';
import { lab } from '../api';

/** The runs library: a thin store over LabApi.listRuns, refreshed live. */
export const useRunsStore = defineStore('runs', () => {
  const runs = ref<RunSummary[]>([]);
  const loading = ref(false);
  const loaded = ref(false);
  const error = ref<string | null>(null);
  const search = ref('');
  let unsubscribe: (() => void) | null = null;
  let refreshTimer: ReturnType<typeof setTimeout> | null = null;

  async function refresh(): Promise<void> {
    loading.value = true;
    try {
      runs.value = await lab().listRuns({ search: search.value || undefined });
      error.value = null;
    } catch (e) {
      error.value = (e as Error).message;
    } finally {
      loading.value = false;
      loaded.value = true;
    }
  }

  /** Starts listening for live batches of any run; the list refreshes at most every 500 ms. */
  function setUp(): void {
    void refresh();
    if (unsubscribe) return;
    unsubscribe = lab().subscribe('*', () => {
      if (refreshTimer) return;
      refreshTimer = setTimeout(() => {
        refreshTimer = null;
        void refresh();
      }, 500);
    });
  }

  function tearDown(): void {
    unsubscribe?.();
    unsubscribe = null;
    if (refreshTimer) clearTimeout(refreshTimer);
    refreshTimer = null;
  }

  async function rename(run: string, label: string): Promise<void> {
    await lab().renameRun(run, label);
    await refresh();
  }

  async function remove(run: string): Promise<void> {
    await lab().deleteRun(run);
    await refresh();
  }

  return { runs, loading, loaded, error, search, refresh, setUp, tearDown, rename, remove };
});
