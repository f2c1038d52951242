import { describe, expect, it } from 'vitest'
import { countDifferences, planPosting, reversalOf, type PlanInput, type RawLine } from './posting'

const A = 'a0000000-0000-4000-8000-000000000001'
const B = 'b0000000-0000-4000-8000-000000000002'
const S1 = '10000000-0000-4000-8000-000000000001'
const S2 = '20000000-0000-4000-8000-000000000002'

const products = new Map([
  [A, { id: A, allowNegative: false, cost: 300 }],
  [B, { id: B, allowNegative: true, cost: 50 }],
])

function plan(kind: PlanInput['kind'], lines: RawLine[], onHand: Record<string, number> = {}, toStoreId: string | null = null) {
  return planPosting({
    kind,
    storeId: S1,
    toStoreId,
    lines,
    products,
    onHand: (productId, storeId) => onHand[`${productId}@${storeId}`] ?? 0,
  })
}

describe('planPosting', () => {
  it('a receipt brings every line in at its cost (the product’s cost when the line has none)', () => {
    const p = plan('receipt', [
      { key: 'l1', productId: A, quantity: 10, unitCost: 250 },
      { key: 'l2', productId: B, quantity: 3 },
    ])
    expect(p).toEqual({
      ok: true,
      movements: [
        { lineKey: 'l1', productId: A, storeId: S1, quantity: 10, unitCost: 250 },
        { lineKey: 'l2', productId: B, storeId: S1, quantity: 3, unitCost: 50 },
      ],
    })
  })

  it('a write-off takes out what is on hand, and refuses what is not (summed over the lines of one product)', () => {
    expect(plan('write_off', [{ key: 'l1', productId: A, quantity: 4 }], { [`${A}@${S1}`]: 4 })).toMatchObject({
      ok: true,
      movements: [{ productId: A, storeId: S1, quantity: -4, unitCost: 300 }],
    })
    const refused = plan(
      'write_off',
      [
        { key: 'l1', productId: A, quantity: 3 },
        { key: 'l2', productId: A, quantity: 2 },
      ],
      { [`${A}@${S1}`]: 4 },
    )
    expect(refused.ok).toBe(false)
    if (!refused.ok)
      expect(refused.problems).toEqual([
        { lineKey: 'l1', field: 'quantity', reason: 'stock.line.notEnough', params: { onHand: 4, wanted: 5 } },
        { lineKey: 'l2', field: 'quantity', reason: 'stock.line.notEnough', params: { onHand: 4, wanted: 5 } },
      ])
  })

  it('a product that allows it may go below zero', () => {
    expect(plan('write_off', [{ key: 'l1', productId: B, quantity: 7 }]).ok).toBe(true)
  })

  it('a transfer moves out of one store and into the other; never into the same store', () => {
    expect(plan('transfer', [{ key: 'l1', productId: A, quantity: 2 }], { [`${A}@${S1}`]: 5 }, S2)).toMatchObject({
      ok: true,
      movements: [
        { productId: A, storeId: S1, quantity: -2 },
        { productId: A, storeId: S2, quantity: 2 },
      ],
    })
    const same = plan('transfer', [{ key: 'l1', productId: A, quantity: 2 }], { [`${A}@${S1}`]: 5 }, S1)
    expect(same).toMatchObject({ ok: false, problems: [{ lineKey: null, field: 'toStoreId', reason: 'stock.doc.sameStore' }] })
  })

  it('names each bad line: unknown product, zero, negative or fractional quantity, bad cost; an empty document', () => {
    const p = plan('receipt', [
      { key: 'x', productId: 'nope', quantity: 1 },
      { key: 'z', productId: A, quantity: 0 },
      { key: 'n', productId: A, quantity: -2 },
      { key: 'f', productId: A, quantity: 1.5 },
      { key: 'c', productId: A, quantity: 1, unitCost: -1 },
    ])
    expect(p.ok).toBe(false)
    if (!p.ok)
      expect(p.problems.map((q) => [q.lineKey, q.field, q.reason])).toEqual([
        ['x', 'productId', 'stock.line.unknownProduct'],
        ['z', 'quantity', 'stock.line.quantityNotPositive'],
        ['n', 'quantity', 'stock.line.quantityNotPositive'],
        ['f', 'quantity', 'stock.line.quantityNotWhole'],
        ['c', 'unitCost', 'stock.line.badUnitCost'],
      ])
    expect(plan('receipt', [])).toMatchObject({ ok: false, problems: [{ lineKey: null, reason: 'stock.doc.noLines' }] })
  })

  it('a count posts the differences only: gains and losses, nothing for what matched', () => {
    const p = plan(
      'count',
      [
        { key: 'shelf1', productId: A, quantity: 3 },
        { key: 'shelf2', productId: A, quantity: 4 },
        { key: 'shelf3', productId: B, quantity: 0 },
      ],
      { [`${A}@${S1}`]: 9, [`${B}@${S1}`]: 0 },
    )
    expect(p).toEqual({
      ok: true,
      movements: [{ lineKey: 'shelf1', productId: A, storeId: S1, quantity: -2, unitCost: 300 }],
    })
    expect(plan('count', [{ key: 'l', productId: A, quantity: -1 }]).ok).toBe(false)
  })
})

describe('countDifferences', () => {
  it('sums a product counted on several shelves and compares it with what is on hand', () => {
    expect(
      countDifferences(
        [
          { key: 'a', productId: A, quantity: 2 },
          { key: 'b', productId: A, quantity: 5 },
          { key: 'c', productId: B, quantity: 1 },
        ],
        (id) => (id === A ? 4 : 1),
      ),
    ).toEqual([
      { productId: A, lineKey: 'a', counted: 7, onHand: 4, difference: 3 },
      { productId: B, lineKey: 'c', counted: 1, onHand: 1, difference: 0 },
    ])
  })
})

describe('reversalOf', () => {
  it('negates every movement of the original', () => {
    expect(reversalOf([{ lineKey: 'l1', productId: A, storeId: S1, quantity: 5, unitCost: 10 }])).toEqual([
      { lineKey: 'l1', productId: A, storeId: S1, quantity: -5, unitCost: 10 },
    ])
  })
})
