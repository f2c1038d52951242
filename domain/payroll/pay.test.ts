import { describe, expect, it } from 'vitest'
import { computePay, payByEmployee, payPerLesson, type LessonService, type PayInput } from './pay'
import { planScheme, type PayScheme } from './schemes'

/** Worked examples, computed by hand (amounts in AMD, which has no minor digits: 5 000 AMD is 5000). */

const rates = { perLesson: 0, perClient: 0, revenueBp: 0, hourly: 0, monthly: 0 }
const scheme = (
  id: string,
  employeeId: string,
  validFrom: string,
  validTo: string | null,
  r: Partial<typeof rates>,
): PayScheme => ({
  id,
  employeeId,
  validFrom,
  validTo,
  ...rates,
  ...r,
})
let nextId = 1
const lesson = (employeeId: string, day: string, over: Partial<LessonService> = {}): LessonService => ({
  id: nextId++,
  employeeId,
  lessonId: `L-${day}-${nextId}`,
  day,
  minutes: 60,
  attending: 0,
  sign: 1,
  revenue: 0,
  corrects: null,
  ...over,
})
const input = (over: Partial<PayInput>): PayInput => ({
  month: '2026-11',
  schemes: [],
  monthlyHere: new Set(),
  lessons: [],
  others: [],
  adjustments: [],
  ...over,
})
const totalOf = (over: Partial<PayInput>, employeeId = 'T') =>
  payByEmployee(computePay(input(over)).lines).find((e) => e.employeeId === employeeId)?.total ?? 0

describe('pay by scheme, worked by hand', () => {
  it('per lesson: 2 lessons × 5 000 = 10 000', () => {
    const schemes = [scheme('s', 'T', '2026-01-01', null, { perLesson: 5000 })]
    const { lines } = computePay(input({ schemes, lessons: [lesson('T', '2026-11-03'), lesson('T', '2026-11-05')] }))
    expect(lines.map((l) => [l.kind, l.rate, l.amount])).toEqual([
      ['lesson', 5000, 5000],
      ['lesson', 5000, 5000],
    ])
    expect(payByEmployee(lines)[0].total).toBe(10_000)
  })

  it('per attending client: 7 clients × 1 500 = 10 500, the attendees on the line', () => {
    const schemes = [scheme('s', 'T', '2026-01-01', null, { perClient: 1500 })]
    const { lines } = computePay(input({ schemes, lessons: [lesson('T', '2026-11-03', { attending: 7 })] }))
    expect(lines).toMatchObject([{ kind: 'client', attendees: 7, rate: 1500, amount: 10_500 }])
  })

  it('a share of the revenue: 30 % of 24 000 = 7 200, the revenue as its base', () => {
    const schemes = [scheme('s', 'T', '2026-01-01', null, { revenueBp: 3000 })]
    const { lines } = computePay(input({ schemes, lessons: [lesson('T', '2026-11-03', { revenue: 24_000 })] }))
    expect(lines).toMatchObject([{ kind: 'revenue', rate: 3000, base: 24_000, amount: 7200 }])
  })

  it('hourly: 45 min at 6 000 an hour = 4 500; 50 min = 5 000', () => {
    const schemes = [scheme('s', 'T', '2026-01-01', null, { hourly: 6000 })]
    const { lines } = computePay(
      input({ schemes, lessons: [lesson('T', '2026-11-03', { minutes: 45 }), lesson('T', '2026-11-04', { minutes: 50 })] }),
    )
    expect(lines.map((l) => l.amount)).toEqual([4500, 5000])
  })

  it('fixed monthly: a whole November is the month’s pay', () => {
    const schemes = [scheme('s', 'T', '2026-09-01', null, { monthly: 200_000 })]
    expect(totalOf({ schemes, monthlyHere: new Set(['T']) })).toBe(200_000)
    // not paid in a branch that is not theirs
    expect(totalOf({ schemes, monthlyHere: new Set() })).toBe(0)
  })

  it('a combination: 2 000 a lesson + 500 a client + 10 % of revenue; 6 clients, 18 000 revenue = 2 000 + 3 000 + 1 800 = 6 800', () => {
    const schemes = [scheme('s', 'T', '2026-01-01', null, { perLesson: 2000, perClient: 500, revenueBp: 1000 })]
    const { lines } = computePay(input({ schemes, lessons: [lesson('T', '2026-11-03', { attending: 6, revenue: 18_000 })] }))
    expect(lines.map((l) => [l.kind, l.amount])).toEqual([
      ['lesson', 2000],
      ['client', 3000],
      ['revenue', 1800],
    ])
    expect(payByEmployee(lines)[0].total).toBe(6800)
  })

  it('a rate changed mid-month: the lesson of the 10th at 5 000, of the 20th at 6 000 = 11 000', () => {
    const schemes = [
      scheme('old', 'T', '2026-09-01', '2026-11-14', { perLesson: 5000 }),
      scheme('new', 'T', '2026-11-15', null, { perLesson: 6000 }),
    ]
    const { lines } = computePay(input({ schemes, lessons: [lesson('T', '2026-11-20'), lesson('T', '2026-11-10')] }))
    expect(lines.map((l) => [l.day, l.schemeId, l.amount])).toEqual([
      ['2026-11-10', 'old', 5000],
      ['2026-11-20', 'new', 6000],
    ])
  })

  it('a fixed monthly pay changed on the 16th: 150 000 × 15/30 + 180 000 × 15/30 = 75 000 + 90 000 = 165 000', () => {
    const schemes = [
      scheme('a', 'T', '2026-10-01', '2026-11-15', { monthly: 150_000 }),
      scheme('b', 'T', '2026-11-16', null, { monthly: 180_000 }),
    ]
    const { lines } = computePay(input({ schemes, monthlyHere: new Set(['T']) }))
    expect(lines.map((l) => [l.schemeId, l.base, l.amount, l.reason])).toEqual([
      ['a', 15, 75_000, '15/30'],
      ['b', 15, 90_000, '15/30'],
    ])
  })

  it('a lesson undone pays its parts back by the same scheme: 3 000 + 4 × 500, then −5 000', () => {
    const schemes = [scheme('s', 'T', '2026-01-01', null, { perLesson: 3000, perClient: 500 })]
    const done = lesson('T', '2026-11-03', { attending: 4, lessonId: 'L1' })
    const undone = { ...done, id: done.id + 1000, sign: -1 as const }
    expect(totalOf({ schemes, lessons: [done] })).toBe(5000)
    const { lines } = computePay(input({ schemes, lessons: [done, undone] }))
    expect(lines.map((l) => l.amount).sort((a, b) => a - b)).toEqual([-3000, -2000, 2000, 3000])
    expect(payByEmployee(lines)[0].total).toBe(0)
  })

  it('a service of an approved month recorded after approval is a correction of that month', () => {
    const schemes = [scheme('s', 'T', '2026-01-01', null, { perLesson: 5000 })]
    const late = lesson('T', '2026-10-30', { corrects: '2026-10' })
    const { lines } = computePay(input({ schemes, lessons: [late] }))
    expect(lines).toMatchObject([{ kind: 'lesson', corrects: '2026-10', day: '2026-10-30', amount: 5000 }])
  })

  it('bonuses add, deductions subtract, corrections as signed: 10 000 − 3 000 − 1 200 = 5 800', () => {
    const adjustments = [
      { id: 'b', employeeId: 'T', day: '2026-11-10', kind: 'bonus' as const, amount: 10_000, reason: 'open day', corrects: null },
      {
        id: 'd',
        employeeId: 'T',
        day: '2026-11-11',
        kind: 'deduction' as const,
        amount: 3000,
        reason: 'lost key',
        corrects: null,
      },
      {
        id: 'c',
        employeeId: 'T',
        day: '2026-11-12',
        kind: 'correction' as const,
        amount: -1200,
        reason: 'Oct',
        corrects: '2026-10',
      },
    ]
    const { lines } = computePay(input({ adjustments }))
    expect(lines.map((l) => [l.kind, l.amount, l.reason])).toEqual([
      ['bonus', 10_000, 'open day'],
      ['deduction', -3000, 'lost key'],
      ['correction', -1200, 'Oct'],
    ])
    expect(payByEmployee(lines)[0].total).toBe(5800)
  })

  it('a service outside the timetable: its fee + 90 min at 6 000 an hour = 8 000 + 9 000 = 17 000', () => {
    const schemes = [scheme('s', 'T', '2026-01-01', null, { hourly: 6000 })]
    const { lines } = computePay(
      input({ schemes, others: [{ id: 'o', employeeId: 'T', day: '2026-11-07', minutes: 90, fee: 8000 }] }),
    )
    expect(lines).toMatchObject([{ kind: 'service', minutes: 90, rate: 6000, base: 8000, amount: 17_000 }])
  })

  it('a lesson of a teacher without a scheme that day is paid nothing and named as a problem', () => {
    const schemes = [scheme('s', 'T', '2026-11-15', null, { perLesson: 5000 })]
    const early = lesson('T', '2026-11-10', { lessonId: 'early' })
    const { lines, problems } = computePay(input({ schemes, lessons: [early, lesson('T', '2026-11-20')] }))
    expect(lines).toHaveLength(1)
    expect(problems).toEqual([{ employeeId: 'T', kind: 'noScheme', day: '2026-11-10', lessonId: 'early' }])
  })

  it('the pay of each lesson: its parts plus the month’s fixed pay spread by minutes, adding up exactly', () => {
    const schemes = [scheme('s', 'T', '2026-01-01', null, { perLesson: 1000, monthly: 100_000 })]
    const lessons = [
      lesson('T', '2026-11-02', { lessonId: 'a', minutes: 60 }),
      lesson('T', '2026-11-03', { lessonId: 'b', minutes: 60 }),
      lesson('T', '2026-11-04', { lessonId: 'c', minutes: 90 }),
    ]
    const { lines } = computePay(input({ schemes, lessons, monthlyHere: new Set(['T']) }))
    const per = payPerLesson(
      lines,
      new Map([
        ['a', 60],
        ['b', 60],
        ['c', 90],
      ]),
    )
    // 100 000 × 60/210 = 28 571.43, × 90/210 = 42 857.14: the leftover 1 goes to the first largest remainder
    expect(Object.fromEntries(per)).toEqual({ a: 1000 + 28_572, b: 1000 + 28_571, c: 1000 + 42_857 })
    expect([...per.values()].reduce((s, v) => s + v, 0)).toBe(3000 + 100_000)
  })
})

describe('schemes in time', () => {
  const open = scheme('open', 'T', '2026-09-01', null, { perLesson: 5000 })
  const p = (validFrom: string, validTo: string | null, r: Partial<typeof rates> = { perLesson: 6000 }) => ({
    validFrom,
    validTo,
    ...rates,
    ...r,
  })

  it('a new scheme after an open one is its change: the open one ends the day before', () => {
    expect(planScheme([open], p('2026-11-15', null), new Set())).toEqual({
      ok: true,
      plan: { closes: { id: 'open', validTo: '2026-11-14' } },
    })
    expect(planScheme([], p('2026-11-15', null), new Set())).toEqual({ ok: true, plan: { closes: null } })
  })

  it('overlapping schemes are refused', () => {
    const closed = scheme('c', 'T', '2026-09-01', '2026-10-31', { perLesson: 5000 })
    expect(planScheme([closed], p('2026-10-15', null), new Set())).toEqual({
      ok: false,
      refusal: { field: 'validFrom', message: 'staff.scheme.overlaps' },
    })
    // the same start as the open one is not a change of it
    expect(planScheme([open], p('2026-09-01', null), new Set())).toMatchObject({ ok: false })
    // a scheme before an open one, ending after its start
    expect(planScheme([open], p('2026-08-01', '2026-09-10'), new Set())).toMatchObject({ ok: false })
    // next to it is fine
    expect(planScheme([closed], p('2026-11-01', null), new Set())).toMatchObject({ ok: true })
  })

  it('a change dated inside an approved month is refused', () => {
    expect(planScheme([open], p('2026-10-20', null), new Set(['2026-10']))).toEqual({
      ok: false,
      refusal: { field: 'validFrom', message: 'staff.scheme.insideApproved' },
    })
    expect(planScheme([open], p('2026-11-01', null), new Set(['2026-10']))).toMatchObject({ ok: true })
  })

  it('negative rates, a share above 100 %, an empty scheme and an end before its start are refused', () => {
    expect(planScheme([], p('2026-11-01', null, { perLesson: -1 }), new Set())).toMatchObject({
      refusal: { field: 'perLesson', message: 'staff.scheme.negativeRate' },
    })
    expect(planScheme([], p('2026-11-01', null, { hourly: -500 }), new Set())).toMatchObject({
      refusal: { field: 'hourly', message: 'staff.scheme.negativeRate' },
    })
    expect(planScheme([], p('2026-11-01', null, { revenueBp: 10_001 }), new Set())).toMatchObject({
      refusal: { field: 'revenueBp', message: 'staff.scheme.rateTooHigh' },
    })
    expect(planScheme([], p('2026-11-01', null, {}), new Set())).toMatchObject({
      refusal: { field: 'perLesson', message: 'staff.scheme.empty' },
    })
    expect(planScheme([], p('2026-11-10', '2026-11-01'), new Set())).toMatchObject({
      refusal: { field: 'validTo', message: 'staff.scheme.endsBeforeStart' },
    })
  })
})
