/**
 * The one check every parsed input goes through (JSON bodies, query strings, path parameters,
 * form fields): no string, and no object key, may hold a NUL character or a lone UTF-16
 * surrogate. PostgreSQL refuses NUL in text and jsonb, and a lone surrogate cannot be stored
 * or sent as UTF-8 without silently becoming something else.
 */

import type { MessageId } from '../../domain/i18n/catalogue'

/** The messages (catalogue ids) of the two refusals. */
export const NUL_MESSAGE: MessageId = 'errors.field.nulCharacter'
export const SURROGATE_MESSAGE: MessageId = 'errors.field.loneSurrogate'

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/

/** Why this string cannot be accepted, or null. */
export function badStringReason(s: string): MessageId | null {
  if (s.includes('\u0000')) return NUL_MESSAGE
  if (LONE_SURROGATE.test(s)) return SURROGATE_MESSAGE
  return null
}

/** Nesting levels walked: far deeper than any body the API takes. */
export const MAX_DEPTH = 64

/**
 * Every bad string inside `value` as `{ "a.b.0": message }` (the field path as in validation
 * errors; `_` for the value itself). Stops after `max` findings.
 */
export function badStrings(value: unknown, max = 20): Record<string, MessageId> {
  const found: Record<string, MessageId> = {}
  let count = 0
  const seen = new Set<object>()
  const walk = (v: unknown, path: string[]) => {
    // deeper than any real input goes: not walked (such a body fails its schema anyway; a
    // recursive walk of 400 000 levels would overflow the stack)
    if (count >= max || path.length > MAX_DEPTH) return
    if (typeof v === 'string') {
      const reason = badStringReason(v)
      if (reason) {
        found[path.join('.') || '_'] = reason
        count++
      }
      return
    }
    if (v === null || typeof v !== 'object' || seen.has(v)) return
    seen.add(v)
    if (Array.isArray(v)) {
      v.forEach((item, i) => walk(item, [...path, String(i)]))
      return
    }
    for (const key of Object.keys(v)) {
      const reason = badStringReason(key)
      if (reason) {
        found[[...path, key.replace(/[\0\uD800-\uDFFF]/g, '\uFFFD')].join('.')] = reason
        count++
        continue
      }
      walk((v as Record<string, unknown>)[key], [...path, key])
    }
  }
  walk(value, [])
  return found
}
