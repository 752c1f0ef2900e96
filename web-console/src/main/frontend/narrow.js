import { onBeforeUnmount, ref } from 'vue'

/**
 * Whether the window is phone-narrow (≤ 600 px), following rotation and resizing: label–value
 * lists show one pair per line there instead of two side by side.
 */
export function useNarrow(query = '(max-width: 600px)') {
  const media = typeof window !== 'undefined' && window.matchMedia ? window.matchMedia(query) : null
  const narrow = ref(!!media?.matches)
  const follow = (event) => { narrow.value = event.matches }
  media?.addEventListener?.('change', follow)
  onBeforeUnmount(() => media?.removeEventListener?.('change', follow))
  return narrow
}
