import { MINOR_DIGITS, type Currency } from './i18n/format'

/**
 * Money: whole numbers of the currency's minor unit (ISO 4217; AMD's books keep whole drams),
 * never floating point. Every sum, share, discount, tax and refund in Clubroom goes through here.
 * Products and quotients are computed in BigInt, so no intermediate value loses a unit; every
 * rounding is half away from zero (as a cashier rounds), and splits use the largest remainder so
 * the parts always add up to the whole.
 */

/** An amount in minor units (an integer; may be negative for a refund or a correction). */
export type Minor = number

/** The largest amount the books accept (a safe integer with room for sums of many). */
export const MAX_MINOR = 10 ** 13

/** Throws unless `n` is an integer amount within the books' range. */
export function assertMinor(n: number, what = 'amount'): Minor {
  if (!Number.isSafeInteger(n) || Math.abs(n) > MAX_MINOR) throw new RangeError(`${what} is not a whole minor amount: ${n}`)
  return n
}

export const isMinor = (n: unknown): n is Minor => typeof n === 'number' && Number.isSafeInteger(n) && Math.abs(n) <= MAX_MINOR

/** a + b + … */
export function add(...amounts: Minor[]): Minor {
  let s = 0
  for (const a of amounts) s += assertMinor(a)
  return assertMinor(s, 'sum')
}

/** a − b */
export const subtract = (a: Minor, b: Minor): Minor => assertMinor(assertMinor(a) - assertMinor(b), 'difference')

/** The sum of a list (0 for none). */
export const sum = (amounts: readonly Minor[]): Minor => add(...amounts)

/** amount × a whole quantity. */
export function multiply(amount: Minor, quantity: number): Minor {
  if (!Number.isSafeInteger(quantity)) throw new RangeError(`quantity is not whole: ${quantity}`)
  return assertMinor(Number(BigInt(assertMinor(amount)) * BigInt(quantity)), 'product')
}

/** n / d rounded half away from zero (d > 0). */
function roundDiv(n: bigint, d: bigint): bigint {
  if (d <= 0n) throw new RangeError('division by a non-positive number')
  const q = n / d
  const r = n % d
  if (r === 0n) return q
  const twice = (r < 0n ? -r : r) * 2n
  if (twice >= d) return n < 0n ? q - 1n : q + 1n
  return q
}

/** amount × part / whole, rounded half away from zero (0 ≤ part, whole > 0). */
export function proRata(amount: Minor, part: number, whole: number): Minor {
  if (!Number.isSafeInteger(part) || !Number.isSafeInteger(whole) || whole <= 0 || part < 0)
    throw new RangeError(`not a share: ${part}/${whole}`)
  return Number(roundDiv(BigInt(assertMinor(amount)) * BigInt(part), BigInt(whole)))
}

/** Basis points: 1 % = 100 bp, 20 % = 2000 bp. Rates and discounts are whole basis points. */
export type BasisPoints = number

export function assertBasisPoints(bp: number, what = 'rate'): BasisPoints {
  if (!Number.isSafeInteger(bp) || bp < 0 || bp > 10_000) throw new RangeError(`${what} is not 0–10000 bp: ${bp}`)
  return bp
}

/** The share of an amount at a rate (amount × bp / 10 000, rounded half away from zero). */
export const percentOf = (amount: Minor, bp: BasisPoints): Minor => proRata(amount, assertBasisPoints(bp), 10_000)

/** An amount less a discount of `bp` (the discount rounded as `percentOf`). */
export const discounted = (amount: Minor, bp: BasisPoints): Minor => subtract(amount, percentOf(amount, bp))

/**
 * Splits `total` into parts proportional to `weights` (non-negative integers, not all 0), by the
 * largest remainder: the parts add up to `total` exactly; ties go to the earlier weight.
 * @example allocate(100, [1, 1, 1]) // [34, 33, 33]
 */
export function allocate(total: Minor, weights: readonly number[]): Minor[] {
  assertMinor(total)
  if (!weights.length) throw new RangeError('nothing to allocate to')
  let whole = 0n
  for (const w of weights) {
    if (!Number.isSafeInteger(w) || w < 0) throw new RangeError(`not a weight: ${w}`)
    whole += BigInt(w)
  }
  if (whole === 0n) throw new RangeError('all weights are 0')
  const sign = total < 0 ? -1n : 1n
  const t = BigInt(Math.abs(total))
  const parts = weights.map((w) => (t * BigInt(w)) / whole)
  const remainders = weights.map((w, i) => ({ i, r: (t * BigInt(w)) % whole }))
  let left = t - parts.reduce((a, b) => a + b, 0n)
  remainders.sort((a, b) => (a.r === b.r ? a.i - b.i : a.r > b.r ? -1 : 1))
  for (const { i } of remainders) {
    if (left === 0n) break
    parts[i] += 1n
    left -= 1n
  }
  return parts.map((p) => Number(p * sign))
}

// ── indirect tax (VAT) ──

/**
 * How a tax rate applies to a price: `included` (the price is gross, as Armenian centers usually
 * price: 12 000 AMD with VAT 20 % included is 10 000 net + 2 000 tax), `added` (the price is net,
 * the tax comes on top) or `exempt`.
 */
export const TAX_MODES = ['included', 'added', 'exempt'] as const
export type TaxMode = (typeof TAX_MODES)[number]

export interface TaxRate {
  /** The rate in basis points (VAT 20 % = 2000). Ignored when exempt. */
  rateBp: BasisPoints
  mode: TaxMode
}

/** A line's amounts as computed on the day of the sale (stored with the line, never recomputed). */
export interface TaxedAmount {
  net: Minor
  tax: Minor
  gross: Minor
}

/** No tax: net = gross. */
export const EXEMPT: TaxRate = { rateBp: 0, mode: 'exempt' }

/**
 * Net, tax and gross of a price under a tax rate; the tax is rounded half away from zero, and
 * net + tax = gross always.
 * @example taxed(12_000, { rateBp: 2000, mode: 'included' }) // { net: 10_000, tax: 2_000, gross: 12_000 }
 * @example taxed(10_000, { rateBp: 2000, mode: 'added' })    // { net: 10_000, tax: 2_000, gross: 12_000 }
 */
export function taxed(price: Minor, rate: TaxRate | null | undefined): TaxedAmount {
  assertMinor(price, 'price')
  if (!rate || rate.mode === 'exempt' || rate.rateBp === 0) return { net: price, tax: 0, gross: price }
  const bp = BigInt(assertBasisPoints(rate.rateBp))
  if (rate.mode === 'included') {
    const tax = Number(roundDiv(BigInt(price) * bp, 10_000n + bp))
    return { net: price - tax, tax, gross: price }
  }
  const tax = Number(roundDiv(BigInt(price) * bp, 10_000n))
  return { net: price, tax, gross: assertMinor(price + tax, 'gross') }
}

/**
 * The taxed amounts of a part of a line (a refund of some sessions), split so the parts of a line
 * never add up to more tax than the line had: the gross share is computed first and the tax
 * follows the line's proportion.
 */
export function taxedShare(line: TaxedAmount, gross: Minor): TaxedAmount {
  assertMinor(gross, 'gross')
  if (line.gross === 0) return { net: gross, tax: 0, gross }
  const tax = Number(roundDiv(BigInt(line.tax) * BigInt(gross), BigInt(line.gross)))
  return { net: gross - tax, tax, gross }
}

/** Adds taxed amounts field by field (an invoice's totals from its lines). */
export function addTaxed(items: readonly TaxedAmount[]): TaxedAmount {
  return {
    net: sum(items.map((i) => i.net)),
    tax: sum(items.map((i) => i.tax)),
    gross: sum(items.map((i) => i.gross)),
  }
}

// ── amounts typed by people ──

/** The currency's minor digits (AMD 0, RUB/EUR/USD 2). */
export const minorDigits = (currency: Currency): number => MINOR_DIGITS[currency]

/**
 * Reads an amount as staff type it ("15 000", "15000", "1 500,50", "1,500.50") into minor units,
 * or null when it is not an amount in that currency (too many decimals, letters, empty).
 * @example parseAmount('12 000', 'AMD') // 12000
 * @example parseAmount('99,90', 'EUR')  // 9990
 */
export function parseAmount(text: string, currency: Currency): Minor | null {
  const digits = minorDigits(currency)
  let s = text.replace(/[\s\u00a0\u202f']/g, '')
  if (!s) return null
  const negative = s.startsWith('-')
  if (negative) s = s.slice(1)
  // the last "." or "," followed by 1–2 digits (and no other separator after) is the decimal mark
  const m = /^(\d{1,3}(?:[.,]\d{3})*|\d+)(?:[.,](\d{1,2}))?$/.exec(s)
  if (!m) return null
  const whole = m[1].replace(/[.,]/g, '')
  const frac = m[2] ?? ''
  if (frac.length > digits) return null
  const value = Number(whole) * 10 ** digits + Number(frac.padEnd(digits, '0') || '0')
  if (!isMinor(value)) return null
  return negative ? -value : value
}

/** Minor units as a plain decimal string without grouping ("12000", "99.90"): for inputs and CSV. */
export function toDecimalString(amount: Minor, currency: Currency): string {
  assertMinor(amount)
  const digits = minorDigits(currency)
  if (!digits) return String(amount)
  const sign = amount < 0 ? '-' : ''
  const abs = Math.abs(amount)
  const unit = 10 ** digits
  return `${sign}${Math.floor(abs / unit)}.${String(abs % unit).padStart(digits, '0')}`
}
