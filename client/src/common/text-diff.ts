/** Minimal edits between two strings, and cursor mapping through remote edits (for Y.Text ↔ textarea). */

export interface TextEdit {
  /** where the change starts */
  index: number
  /** how many characters are removed there */
  remove: number
  /** what is inserted there */
  insert: string
}

/**
 * The single replace turning `before` into `after` (common prefix and suffix kept), or null
 * when they are equal. The suffix never overlaps the prefix. Surrogate pairs are not split.
 * @example diffText('hello world', 'hello brave world') // { index: 6, remove: 0, insert: 'brave ' }
 */
export function diffText(before: string, after: string): TextEdit | null {
  if (before === after) return null
  let start = 0
  const max = Math.min(before.length, after.length)
  while (start < max && before.charCodeAt(start) === after.charCodeAt(start)) start++
  // do not cut a surrogate pair in half
  if (start > 0 && isHighSurrogate(before.charCodeAt(start - 1))) start--
  let endB = before.length
  let endA = after.length
  while (endB > start && endA > start && before.charCodeAt(endB - 1) === after.charCodeAt(endA - 1)) {
    endB--
    endA--
  }
  if (endB < before.length && isLowSurrogate(before.charCodeAt(endB))) {
    endB++
    endA++
  }
  return { index: start, remove: endB - start, insert: after.slice(start, endA) }
}

const isHighSurrogate = (c: number) => c >= 0xd800 && c <= 0xdbff
const isLowSurrogate = (c: number) => c >= 0xdc00 && c <= 0xdfff

/** A Yjs text delta (what Y.YTextEvent.delta holds). */
export type TextDelta = Array<{ retain?: number; insert?: string | object; delete?: number }>

/**
 * Where a cursor at `index` ends up after a remote change. Insertions exactly at the cursor
 * push it right only when `stickRight`, so a remote insert at our caret does not move it by default.
 */
export function transformIndex(delta: TextDelta, index: number, stickRight = false): number {
  let pos = 0
  let result = index
  for (const op of delta) {
    if (op.retain !== undefined) pos += op.retain
    else if (op.insert !== undefined) {
      const len = typeof op.insert === 'string' ? op.insert.length : 1
      if (pos < index || (pos === index && stickRight)) result += len
      pos += len
    } else if (op.delete !== undefined) {
      // pos is in the new text; the deleted range [pos, pos+n) in the old text shifts the cursor left
      const oldPos = pos - (result - index)
      if (oldPos < index) result -= Math.min(op.delete, index - oldPos)
    }
  }
  return result
}
