import { readFileSync, readdirSync } from 'node:fs'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

/**
 * The browser's own date and time fields show the machine's language (12/03/2026, 2:05 PM on an
 * American laptop, whatever language Clubroom speaks): forms use client/src/components/date-input.ts,
 * the one place that may hold one (for the browser's calendar, invisible).
 */
const root = fileURLToPath(new URL('../../', import.meta.url))
const ALLOWED = 'client/src/components/date-input.ts'

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name)
    if (e.isDirectory()) return sources(path)
    return e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [path] : []
  })
}

describe('date and time fields', () => {
  it('no template but the date field’s own uses the browser’s date, time or week fields', () => {
    const offenders = sources(join(root, 'client/src'))
      .map((path) => relative(root, path).split('\\').join('/'))
      .filter((path) => path !== ALLOWED)
      .filter((path) => /type=["']?(date|time|datetime-local|week|month)\b/.test(readFileSync(join(root, path), 'utf8')))
    expect(offenders).toEqual([])
  })
})
