// Initial JavaScript of the console, gzipped: the entry script plus every chunk index.html preloads
// (what a first visit downloads before any page renders). Run after `npm run build`.
import { readFileSync } from 'node:fs'
import { gzipSync } from 'node:zlib'
import { join } from 'node:path'

const dist = process.argv[2] || 'target/classes/META-INF/resources'
const budget = 500 * 1024
const html = readFileSync(join(dist, 'index.html'), 'utf8')
const files = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.js)"/g)].map((m) => m[1])
let total = 0
for (const file of files) {
  const size = gzipSync(readFileSync(join(dist, file)), { level: 9 }).length
  total += size
  console.log(`${(size / 1024).toFixed(1).padStart(8)} KB  ${file}`)
}
console.log(`${(total / 1024).toFixed(1).padStart(8)} KB  initial JS, gzipped (budget ${budget / 1024} KB)`)
if (total > budget) {
  console.error('initial JS is over the budget')
  process.exit(1)
}
