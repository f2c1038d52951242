import type { Tx } from '../../../db/client'
import type { Locale } from '../../../domain/i18n/locales'
import type { Currency } from '../../../domain/i18n/format'
import { proRata } from '../../../domain/money'
import type { DemoStaffKey, SeedContext } from '../../contracts/seed'
import { centerSettingsOf, centerTimeZone } from '../center/index'
import { addPayAdjustment, addStaffService } from './commands/adjustments'
import { addEmployeeNote, createEmployee } from './commands/employees'
import { setPayScheme, type SchemeFields } from './commands/schemes'
import { dayIn } from './queries/employees'

type Position = 'owner' | 'manager' | 'reception' | 'teacher' | 'storekeeper' | 'accountant' | 'auditor'

/** Positions as a manager of the demo's language types them. */
const POSITIONS: Record<Locale, Record<Position, string>> = {
  hy: {
    owner: 'սեփականատեր',
    manager: 'մենեջեր',
    reception: 'ադմինիստրատոր',
    teacher: 'մանկավարժ',
    storekeeper: 'պահեստապետ',
    accountant: 'հաշվապահ',
    auditor: 'աուդիտոր',
  },
  ru: {
    owner: 'владелец',
    manager: 'менеджер',
    reception: 'администратор',
    teacher: 'педагог',
    storekeeper: 'кладовщик',
    accountant: 'бухгалтер',
    auditor: 'аудитор',
  },
  en: {
    owner: 'owner',
    manager: 'manager',
    reception: 'receptionist',
    teacher: 'teacher',
    storekeeper: 'storekeeper',
    accountant: 'accountant',
    auditor: 'auditor',
  },
}

const TEXTS: Record<Locale, { bonus: string; consultation: string; party: string; notes: [string, string] }> = {
  hy: {
    bonus: 'Բաց դռների օրվա դասերը',
    consultation: 'Նոր ընտանիքի խորհրդատվություն',
    party: 'Ծննդյան տոնի վարում',
    notes: ['Ծնողները գոհ են, խմբերը լցված են', 'Ամսվա վերջին երկու անգամ ուշացավ'],
  },
  ru: {
    bonus: 'Уроки в день открытых дверей',
    consultation: 'Консультация новой семьи',
    party: 'Ведение дня рождения',
    notes: ['Родители довольны, группы заполнены', 'Дважды опоздал в конце месяца'],
  },
  en: {
    bonus: 'Open day lessons',
    consultation: 'Consultation of a new family',
    party: 'Hosting a birthday party',
    notes: ['Parents are happy, the groups are full', 'Late twice at the end of the month'],
  },
}

const positionOf = (key: DemoStaffKey): Position =>
  key === 'reception2'
    ? 'reception'
    : key === 'teacher2' || ['languages', 'sports', 'music', 'art', 'swimming', 'dance'].includes(key)
      ? 'teacher'
      : (key as Position)

type Rates = Partial<Omit<SchemeFields, 'validFrom' | 'validTo' | 'note'>>

/**
 * An amount of the Armenian demo (AMD) in the demo's currency, in its minor units, at the rate the
 * demo's pass prices keep (a session 3 000 AMD, 800 RUB, 15 EUR), rounded to a whole unit.
 */
function inDemoCurrency(currency: Currency): (amd: number) => number {
  const [num, den] = currency === 'AMD' ? [1, 1] : currency === 'RUB' ? [80, 3] : [1, 2]
  return (amd) => (currency === 'AMD' ? amd : proRata(proRata(amd, num, den), 1, 100) * 100)
}

/** Each demo teacher's pay, of every kind (in AMD, converted by inDemoCurrency; the per-lesson teacher's changes mid last month). */
const PAY: Partial<Record<DemoStaffKey, Rates>> = {
  teacher: { perLesson: 3000 },
  teacher2: { perClient: 1500 },
  languages: { revenueBp: 3000 },
  sports: { hourly: 4000 },
  music: { monthly: 250_000 },
  art: { perLesson: 2500, perClient: 500 },
  swimming: { hourly: 3500, monthly: 100_000 },
  dance: { perLesson: 4000 },
  reception: { monthly: 220_000 },
  reception2: { monthly: 220_000 },
  accountant: { monthly: 300_000 },
  manager: { monthly: 400_000 },
  storekeeper: { monthly: 180_000 },
}

/** The first day of the month `back` months before `day`'s (YYYY-MM-01). */
function monthStart(day: string, back: number): string {
  const d = new Date(`${day.slice(0, 7)}-01T00:00:00Z`)
  d.setUTCMonth(d.getUTCMonth() - back)
  return d.toISOString().slice(0, 10)
}

/**
 * The demo's employees with their pay schemes (one changed mid-month), through the staff
 * commands acting as the demo manager: an employee for every demo staff login, with their
 * position and branches; the teachers paid per lesson, per attending client, a share of revenue,
 * hourly, fixed monthly and combinations, from the 1st of two months ago; the first teacher's
 * rate changes on the 16th of last month (per lesson more, plus 10 % of revenue). Receptionists,
 * the accountant, the manager and the storekeeper on fixed monthly pay. A bonus, two services
 * outside the timetable (a consultation, a birthday party) last month, two observations.
 * `ctx.extra.employeeIds` maps each staff place to its employee id.
 */
export async function seedEmployees(tx: Tx, ctx: SeedContext): Promise<void> {
  const manager = ctx.as(ctx.staff.manager ?? 'manager')
  const { currency } = await centerSettingsOf(tx)
  const money = inDemoCurrency(currency)
  const today = dayIn(await centerTimeZone(tx))
  const from = monthStart(today, 2)
  const lastMonth = monthStart(today, 1).slice(0, 7)
  const words = TEXTS[ctx.locale]
  const ids: Partial<Record<DemoStaffKey, string>> = {}
  for (const [key, login] of Object.entries(ctx.staff) as Array<[DemoStaffKey, string]>) {
    const person = ctx.actors[login]
    if (!person) continue
    const e = await createEmployee(manager.ctx, manager.actor, {
      name: person.name,
      positions: [POSITIONS[ctx.locale][positionOf(key)]],
      branchIds: person.branchIds.length ? [...person.branchIds] : Object.values(ctx.branchIds),
      userId: person.id,
      hiredOn: monthStart(today, 14),
    })
    ids[key] = e.id
    const pay = PAY[key]
    if (!pay) continue
    const rates = (r: Rates) => ({
      perLesson: money(r.perLesson ?? 0),
      perClient: money(r.perClient ?? 0),
      revenueBp: r.revenueBp ?? 0,
      hourly: money(r.hourly ?? 0),
      monthly: money(r.monthly ?? 0),
    })
    await setPayScheme(manager.ctx, manager.actor, e.id, { validFrom: from, ...rates(pay) })
    if (key === 'teacher')
      await setPayScheme(manager.ctx, manager.actor, e.id, {
        validFrom: `${lastMonth}-16`,
        ...rates({ perLesson: 3500, revenueBp: 1000 }),
      })
  }
  ctx.extra.employeeIds = ids
  const some = (key: DemoStaffKey) => ids[key] ?? ids.teacher
  const bonusTo = some('languages')
  if (bonusTo)
    await addPayAdjustment(manager.ctx, manager.actor, bonusTo, {
      kind: 'bonus',
      on: `${lastMonth}-20`,
      amount: money(20_000),
      reason: words.bonus,
    })
  const consultant = some('languages')
  if (consultant)
    await addStaffService(manager.ctx, manager.actor, consultant, {
      on: `${lastMonth}-12`,
      kind: 'consultation',
      minutes: 45,
      clients: 1,
      fee: 0,
      note: words.consultation,
    })
  const host = some('dance')
  if (host)
    await addStaffService(manager.ctx, manager.actor, host, {
      on: `${lastMonth}-22`,
      kind: 'party',
      minutes: 120,
      clients: 12,
      fee: money(15_000),
      note: words.party,
    })
  const [good, late] = words.notes
  if (ids.teacher) await addEmployeeNote(manager.ctx, manager.actor, ids.teacher, good)
  if (ids.sports) await addEmployeeNote(manager.ctx, manager.actor, ids.sports, late)
}
