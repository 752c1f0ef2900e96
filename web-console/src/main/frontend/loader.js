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

/**
 * A write a person starts from a form: whether it is under way, and the error that refused it
 * (shown under the form by ProblemAlert). `run()` resolves to the service's answer, or to
 * undefined when the write was refused.
 */
export function useAction(write) {
  const sending = ref(false)
  const error = ref(null)
  async function run(...args) {
    sending.value = true
    error.value = null
    try {
      return await write(...args)
    } catch (e) {
      error.value = e
      return undefined
    } finally {
      sending.value = false
    }
  }
  return { sending, error, run }
}
