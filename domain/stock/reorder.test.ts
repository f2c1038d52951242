import { describe, expect, it } from 'vitest'
import { isLow, orderQuantity } from './reorder'

describe('reorder rules', () => {
  it('is low at or below the reorder point, never without one', () => {
    expect(isLow({ onHand: 3, reorderPoint: 3 })).toBe(true)
    expect(isLow({ onHand: 2, reorderPoint: 3 })).toBe(true)
    expect(isLow({ onHand: 4, reorderPoint: 3 })).toBe(false)
    expect(isLow({ onHand: 0, reorderPoint: 0 })).toBe(true)
    expect(isLow({ onHand: -1, reorderPoint: null })).toBe(false)
  })

  it('orders the reorder quantity, or up to the max level when there is one', () => {
    expect(orderQuantity({ onHand: 2, reorderPoint: 3, reorderQuantity: 10, maxLevel: null })).toBe(10)
    expect(orderQuantity({ onHand: 2, reorderPoint: 3, reorderQuantity: 10, maxLevel: 20 })).toBe(18)
    expect(orderQuantity({ onHand: 2, reorderPoint: 3, reorderQuantity: null, maxLevel: 20 })).toBe(18)
    // a product sold below zero orders what brings it back up to the max
    expect(orderQuantity({ onHand: -2, reorderPoint: 0, reorderQuantity: null, maxLevel: 5 })).toBe(7)
  })

  it('orders nothing when nothing sensible can be ordered', () => {
    expect(orderQuantity({ onHand: 2, reorderPoint: 3, reorderQuantity: null, maxLevel: null })).toBeNull()
    expect(orderQuantity({ onHand: 2, reorderPoint: 3, reorderQuantity: 0, maxLevel: null })).toBeNull()
    expect(orderQuantity({ onHand: 25, reorderPoint: 30, reorderQuantity: 5, maxLevel: 20 })).toBeNull()
  })
})
