import { describe, expect, it } from 'vitest'
import { diffFields, showValue } from './diff'

describe('audit diffs', () => {
  it('lists changed top-level fields only', () => {
    expect(diffFields({ name: 'A', roles: ['x'], n: 1 }, { name: 'B', roles: ['x'], n: 1 })).toEqual([
      { key: 'name', before: 'A', after: 'B' },
    ])
  })
  it('shows a creation as every field added', () => {
    expect(diffFields(null, { ip: '127.0.0.1' })).toEqual([{ key: 'ip', before: undefined, after: '127.0.0.1' }])
  })
  it('compares scalars as a whole', () => {
    expect(diffFields(1, 2)).toEqual([{ key: '', before: 1, after: 2 }])
    expect(diffFields(null, null)).toEqual([])
  })
  it('shortens long values', () => {
    expect(showValue('x'.repeat(100), 10)).toBe('xxxxxxxxx…')
    expect(showValue({ a: 1 })).toBe('{"a":1}')
    expect(showValue(undefined)).toBe('—')
  })
})
