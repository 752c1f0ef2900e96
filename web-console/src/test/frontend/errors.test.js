import { describe, expect, it } from 'vitest'
import { ApiError } from '../../main/frontend/api/client.js'
import { describeError } from '../../main/frontend/errors.js'
import { i18n } from '../../main/frontend/i18n/index.js'
import { money, percent } from '../../main/frontend/format.js'

const t = i18n.global.t

describe('describeError', () => {
  it('shows the service explanation (problem detail) as is', () => {
    expect(describeError(new ApiError(409, { detail: '该党员已有待办的转接。' }), t)).toBe('该党员已有待办的转接。')
  })

  it('adds field errors the detail does not already name', () => {
    const error = new ApiError(400, { detail: '请求无效。', errors: [{ field: 'amount', message: '金额格式不正确' }] })
    expect(describeError(error, t)).toBe('请求无效。（amount：金额格式不正确）')
  })

  it('names a field by the label the form shows for it', () => {
    const error = new ApiError(400, { detail: '请求中有字段不符合要求。', errors: [{ field: 'description', message: '不能为空' }] })
    expect(describeError(error, t, { description: '关怀内容' })).toBe('请求中有字段不符合要求。（关怀内容：不能为空）')
  })

  it('leaves out a field message not in Chinese on a Chinese page (the detail already says it)', () => {
    const error = new ApiError(400, { detail: '日期不能晚于今天。', errors: [{ field: 'date', message: 'The date cannot lie in the future.' }] })
    expect(describeError(error, t)).toBe('日期不能晚于今天。')
  })

  it('falls back to a plain Chinese sentence per status', () => {
    expect(describeError(new ApiError(403, {}), t)).toBe('您没有权限进行此操作。')
    expect(describeError(new ApiError(0, {}), t)).toBe('无法连接服务器，请检查网络后重试。')
    expect(describeError(new ApiError(418, {}), t)).toBe('操作失败，请稍后再试。')
    expect(describeError(new ApiError(401, { detail: 'Full authentication is required' }), t)).toBe('登录已过期，请重新登录。')
  })
})

describe('formatting', () => {
  it('formats exact money strings without floating point', () => {
    expect(money('1234567.5')).toBe('¥1,234,567.50')
    expect(money('0.10')).toBe('¥0.10')
    expect(money('-20.00')).toBe('¥-20.00')
    expect(money('90071992547409.93')).toBe('¥90,071,992,547,409.93')
    expect(money(null)).toBe('')
  })

  it('shows ratios as percentages', () => {
    expect(percent('0.4567')).toBe('45.7%')
    expect(percent(1)).toBe('100.0%')
  })
})
