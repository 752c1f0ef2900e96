import { ref } from 'vue'

/**
 * The state of one section's data: what was loaded, whether it is loading, and the error that
 * stopped it (shown by PageState with a retry). `load()` asks again and keeps the last answer's
 * error for the section instead of throwing.
 */
export function useLoader(fetch) {
  const data = ref(null)
  const loading = ref(false)
  const error = ref(null)
  async function load() {
    loading.value = true
    error.value = null
    try {
      data.value = await fetch()
    } catch (e) {
      error.value = e
    } finally {
      loading.value = false
    }
    return data.value
  }
  return { data, loading, error, load }
}
