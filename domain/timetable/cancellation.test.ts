import { describe, expect, it } from 'vitest'
import { cancellationOf } from './cancellation'

describe('a cancelled lesson’s reason', () => {
  it('is its own field, as typed, beside the note', () => {
    expect(cancellationOf({ status: 'cancelled', note: 'Bring kits', cancelReason: 'Teacher ill' })).toEqual({
      reason: 'Teacher ill',
      note: 'Bring kits',
    })
    expect(cancellationOf({ status: 'cancelled', note: '', cancelReason: '  ' })).toEqual({ reason: null, note: '' })
    expect(cancellationOf({ status: 'cancelled', note: 'Bring kits' })).toEqual({ reason: null, note: 'Bring kits' })
  })

  it('reads the old form, "Cancelled: <reason>" written over the note, as the reason', () => {
    expect(cancellationOf({ status: 'cancelled', note: 'Cancelled: Teacher ill' })).toEqual({ reason: 'Teacher ill', note: '' })
    expect(cancellationOf({ status: 'cancelled', note: 'Cancelled: Pool\nclosed' })).toEqual({ reason: 'Pool\nclosed', note: '' })
    // (a reason of its own wins: the note is then the user's)
    expect(cancellationOf({ status: 'cancelled', note: 'Cancelled: old', cancelReason: 'new' })).toEqual({
      reason: 'new',
      note: 'Cancelled: old',
    })
  })

  it('is nothing for a lesson that is not cancelled, whatever its note says', () => {
    expect(cancellationOf({ status: 'planned', note: 'Cancelled: maybe', cancelReason: 'x' })).toEqual({
      reason: null,
      note: 'Cancelled: maybe',
    })
  })
})
