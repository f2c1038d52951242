import { describe, expect, it } from 'vitest'
import { stretches } from './projection-watermarks'

describe('stretches', () => {
  it('splits ascending seqs into contiguous stretches', () => {
    expect(stretches([])).toEqual([])
    expect(stretches([10, 11, 12, 15])).toEqual([
      [10, 12],
      [15, 15],
    ])
    expect(stretches([3])).toEqual([[3, 3]])
    expect(stretches([1, 2, 4, 5, 7])).toEqual([
      [1, 2],
      [4, 5],
      [7, 7],
    ])
  })
})
