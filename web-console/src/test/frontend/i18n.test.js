import { describe, expect, it } from 'vitest'
import zhCN from '../../main/frontend/i18n/zh-CN.js'
import en from '../../main/frontend/i18n/en.js'

function keys(messages, prefix = '') {
  return Object.entries(messages).flatMap(([key, value]) => (typeof value === 'object'
    ? keys(value, `${prefix}${key}.`) : [`${prefix}${key}`])).sort()
}

describe('texts', () => {
  it('exist in both languages, key for key', () => {
    expect(keys(en)).toEqual(keys(zhCN))
  })

  it('name the same placeholders in both languages', () => {
    const placeholders = (messages) => Object.fromEntries(keys(messages).map((k) => [k,
      (k.split('.').reduce((m, part) => m[part], messages).match(/\{\w+\}/g) || []).sort().join()]))
    expect(placeholders(en)).toEqual(placeholders(zhCN))
  })
})
