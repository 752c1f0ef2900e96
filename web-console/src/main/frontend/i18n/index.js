import { createI18n } from 'vue-i18n'
import zhCN from './zh-CN.js'
import en from './en.js'
import { setApiLocale } from '../api/client.js'

const STORAGE_KEY = 'party.locale'
export const LOCALES = ['zh-CN', 'en']

function initialLocale() {
  try {
    const saved = localStorage.getItem(STORAGE_KEY)
    if (LOCALES.includes(saved)) return saved
  } catch {
    // storage may be unavailable (private mode); Chinese is the default anyway
  }
  return 'zh-CN'
}

export const i18n = createI18n({
  legacy: false,
  locale: initialLocale(),
  fallbackLocale: 'zh-CN',
  messages: { 'zh-CN': zhCN, en },
})

export function setLocale(value) {
  i18n.global.locale.value = value
  setApiLocale(value)
  document.documentElement.lang = value
  try {
    localStorage.setItem(STORAGE_KEY, value)
  } catch {
    // not remembered; harmless
  }
}

setApiLocale(i18n.global.locale.value)
