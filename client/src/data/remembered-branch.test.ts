import { describe, expect, it } from 'vitest'
import { branchToOpen } from './remembered-branch'

const central = { id: 'central' }
const riverside = { id: 'riverside' }

describe('the branch the timetable opens on', () => {
  it('is the user’s own branch, not the first listed', () => {
    expect(branchToOpen([central, riverside], { id: 'u', branchIds: ['riverside'] }, null, null)).toBe(riverside)
  })
  it('is the one they chose last, while they may still see it', () => {
    expect(branchToOpen([central, riverside], { id: 'u', branchIds: [] }, null, 'riverside')).toBe(riverside)
    expect(branchToOpen([central], { id: 'u', branchIds: [] }, null, 'riverside')).toBe(central)
  })
  it('follows a link first', () => {
    expect(branchToOpen([central, riverside], { id: 'u', branchIds: ['riverside'] }, 'central', 'riverside')).toBe(central)
  })
})
