import { onMounted, onUnmounted, ref, type Ref } from 'vue';

/** The width of an element, kept up to date (charts draw at it). */
export function useWidth(el: Ref<HTMLElement | null>, fallback = 1000): Ref<number> {
  const width = ref(fallback);
  let ro: ResizeObserver | null = null;
  onMounted(() => {
    if (!el.value) return;
    width.value = el.value.clientWidth || fallback;
    ro = new ResizeObserver(() => {
      if (el.value) width.value = el.value.clientWidth || fallback;
    });
    ro.observe(el.value);
  });
  onUnmounted(() => ro?.disconnect());
  return width;
}
