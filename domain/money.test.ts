import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  add,
  addTaxed,
  allocate,
  discounted,
  multiply,
  parseAmount,
  percentOf,
  proRata,
  subtract,
  taxed,
  taxedShare,
  toDecimalString,
} from './money'

describe('money', () => {
  it('adds and subtracts whole minor amounts, and refuses fractions', () => {
    expect(add(12_000, 3_500, -500)).toBe(15_000)
    expect(subtract(12_000, 12_500)).toBe(-500)
    expect(() => add(0.1, 0.2)).toThrow(RangeError)
    expect(() => multiply(100, 1.5)).toThrow(RangeError)
    expect(multiply(12_000, 3)).toBe(36_000)
  })

  it('rounds shares half away from zero', () => {
    // 8 sessions of 12 000: 3 unused → 4 500
    expect(proRata(12_000, 3, 8)).toBe(4_500)
    // 10 000 × 1/3 = 3 333.33 → 3 333; × 2/3 = 6 666.67 → 6 667
    expect(proRata(10_000, 1, 3)).toBe(3_333)
    expect(proRata(10_000, 2, 3)).toBe(6_667)
    // exactly half: 5 × 1/2 = 2.5 → 3; −2.5 → −3
    expect(proRata(5, 1, 2)).toBe(3)
    expect(proRata(-5, 1, 2)).toBe(-3)
    expect(percentOf(15_000, 1000)).toBe(1_500)
    // sibling discount 5 % of 12 345 = 617.25 → 617
    expect(discounted(12_345, 500)).toBe(11_728)
  })

  it('allocates by the largest remainder: the parts add up to the whole', () => {
    expect(allocate(100, [1, 1, 1])).toEqual([34, 33, 33])
    expect(allocate(-100, [1, 1, 1])).toEqual([-34, -33, -33])
    expect(allocate(10, [0, 1])).toEqual([0, 10])
    fc.assert(
      fc.property(
        fc.integer({ min: -1e12, max: 1e12 }),
        fc.array(fc.integer({ min: 0, max: 1e6 }), { minLength: 1, maxLength: 12 }).filter((w) => w.some((x) => x > 0)),
        (total, weights) => {
          const parts = allocate(total, weights)
          expect(parts.reduce((a, b) => a + b, 0)).toBe(total)
          parts.forEach((p, i) => {
            if (weights[i] === 0) expect(p).toBe(0)
          })
        },
      ),
    )
  })

  it('computes VAT included in the price (Armenian practice) and added on top', () => {
    expect(taxed(12_000, { rateBp: 2000, mode: 'included' })).toEqual({ net: 10_000, tax: 2_000, gross: 12_000 })
    // 15 000 incl. 20 %: tax = 15 000 × 20/120 = 2 500
    expect(taxed(15_000, { rateBp: 2000, mode: 'included' })).toEqual({ net: 12_500, tax: 2_500, gross: 15_000 })
    // 9 999 incl. 20 %: 1 666.5 → 1 667
    expect(taxed(9_999, { rateBp: 2000, mode: 'included' })).toEqual({ net: 8_332, tax: 1_667, gross: 9_999 })
    // 9 999 + 20 %: 1 999.8 → 2 000
    expect(taxed(9_999, { rateBp: 2000, mode: 'added' })).toEqual({ net: 9_999, tax: 2_000, gross: 11_999 })
    expect(taxed(9_999, { rateBp: 2000, mode: 'exempt' })).toEqual({ net: 9_999, tax: 0, gross: 9_999 })
    expect(taxed(9_999, null)).toEqual({ net: 9_999, tax: 0, gross: 9_999 })
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e11 }), fc.integer({ min: 0, max: 10_000 }), fc.boolean(), (p, bp, inc) => {
        const t = taxed(p, { rateBp: bp, mode: inc ? 'included' : 'added' })
        expect(t.net + t.tax).toBe(t.gross)
        expect(t.tax).toBeGreaterThanOrEqual(0)
      }),
    )
  })

  it('splits a taxed line so the parts never hold more tax than the line', () => {
    const line = taxed(12_000, { rateBp: 2000, mode: 'included' })
    // a refund of 3 of 8 sessions: 4 500 gross → 750 tax
    expect(taxedShare(line, 4_500)).toEqual({ net: 3_750, tax: 750, gross: 4_500 })
    expect(addTaxed([line, taxedShare(line, -4_500)])).toEqual({ net: 6_250, tax: 1_250, gross: 7_500 })
  })

  it('reads amounts as staff type them, in the currency’s digits', () => {
    expect(parseAmount('12 000', 'AMD')).toBe(12_000)
    expect(parseAmount('12000', 'AMD')).toBe(12_000)
    expect(parseAmount('1,500', 'AMD')).toBe(1_500)
    expect(parseAmount('12\u00a0000', 'AMD')).toBe(12_000)
    expect(parseAmount('12.5', 'AMD')).toBeNull()
    expect(parseAmount('99,90', 'EUR')).toBe(9_990)
    expect(parseAmount('1 500.5', 'RUB')).toBe(150_050)
    expect(parseAmount('1.500,50', 'EUR')).toBe(150_050)
    expect(parseAmount('abc', 'AMD')).toBeNull()
    expect(parseAmount('', 'AMD')).toBeNull()
    expect(toDecimalString(9_990, 'EUR')).toBe('99.90')
    expect(toDecimalString(-5, 'EUR')).toBe('-0.05')
    expect(toDecimalString(12_000, 'AMD')).toBe('12000')
  })
})
