const zone = 'Asia/Shanghai'

export function dateTime(value, locale = 'zh-CN') {
  if (!value) return ''
  return new Intl.DateTimeFormat(locale, {
    timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit',
  }).format(new Date(value))
}

export function date(value, locale = 'zh-CN') {
  if (!value) return ''
  // LocalDate strings stay as they are (no time zone shift)
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return value
  return new Intl.DateTimeFormat(locale, { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' })
    .format(new Date(value))
}

/** Money arrives as exact strings ("1234.50"); only grouping is added, never float arithmetic. */
export function money(value) {
  if (value === null || value === undefined || value === '') return ''
  const [whole, fraction = '00'] = String(value).split('.')
  const sign = whole.startsWith('-') ? '-' : ''
  const digits = whole.replace('-', '').replace(/\B(?=(\d{3})+(?!\d))/g, ',')
  return `¥${sign}${digits}.${fraction.padEnd(2, '0')}`
}

export function percent(value) {
  if (value === null || value === undefined) return ''
  const n = Number(value)
  return `${(n * 100).toFixed(1)}%`
}

/** The last segment of an organisation path, i.e. its id. */
export function lastSegment(path) {
  return path ? path.split('/').filter(Boolean).pop() : ''
}

/** Today in the city (Asia/Shanghai, UTC+8 all year), as 2026-11-26: the day rules and forms mean. */
export function cityToday(now = Date.now()) {
  return new Date(now + 8 * 3600 * 1000).toISOString().slice(0, 10)
}

/** This month in the city, as 2026-11. */
export function cityMonth(now = Date.now()) {
  return cityToday(now).slice(0, 7)
}

/** A file's size as people read it: 812 B, 34.5 KB, 2.1 MB. */
export function fileSize(bytes) {
  if (bytes === null || bytes === undefined) return ''
  if (bytes < 1024) return `${bytes} B`
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`
}
