import { guardiansOf, encodeClientDocName, notesOf, physicalOf, traitsOf } from '../../../domain/docs/client-file'
import { encodeClientMedicalDocName, medicalOf } from '../../../domain/docs/client-medical'
import { todayIso } from '../../../domain/clients/rules'
import type { LEAD_SOURCES, LEAVE_REASONS, RECORD_KINDS } from '../../../domain/clients/vocabulary'
import { seededRandom } from '../../../db/seeded-random'
import type { Locale } from '../../../domain/i18n/locales'
import type { DemoStaffKey, SeedContext } from '../../contracts/seed'
import { addClientRecord } from './commands/add-record'
import { changeClientStatus } from './commands/change-status'
import { addObservation } from './commands/observe'
import { registerClient } from './commands/register'
import {
  EXPAT_NAMES,
  FAMILY_LANGUAGES,
  FILE_TEXTS,
  latinForEmail,
  NAMES,
  type Gender,
  type Gendered,
  type NameSet,
} from './seed-data'

export { ADULT_FIRST, FIRST_BOYS, FIRST_GIRLS, LAST, NAMES } from './seed-data'

const pad = (n: number) => String(n).padStart(2, '0')

type Status = 'lead' | 'trial' | 'active' | 'paused' | 'left'

/** One demo client: what the receptionist registers, then what staff add to the file over time. */
export interface DemoClient {
  first: string
  last: string
  birth: string
  phone: string | null
  /** The language the client's family speaks (their names' script, their notes' language). */
  language: Locale
  guardians: Array<{ name: string; relation: string; phone: string; email: string | null }>
  branch: 'central' | 'riverside'
  /** The receptionist who registers the client (and later edits the file, pauses or lets go). */
  receptionist: 'reception' | 'reception2'
  status: Status
  leaveReason: (typeof LEAVE_REASONS)[number] | null
  source: (typeof LEAD_SOURCES)[number]
  /** The guardians were later taken off the file by mistake: the file shows up red. */
  loseGuardians: boolean
  physical: { fitnessLevel: string; limitations: string }
  traits: { needs: string; preferences: string; perseverance: number; sensitivity: number }
  note: string | null
  /** By a demo teacher's place (`ctx.staff` gives the login). */
  observation: { teacher: DemoStaffKey; text: string } | null
  /** Entered into the medical file by the manager. */
  allergy: { allergies: string; emergencyInstructions: string } | null
  record: { kind: (typeof RECORD_KINDS)[number]; activity: string; date: string; title: string } | null
}

/** A center's mobile numbers: Armenian (+374 9x xx xx xx), Russian (+7 9xx xxx-xx-xx), German (the English demo's). */
const PHONES: Record<Locale, (n: number) => string> = {
  hy: (n) => {
    const d = String(200000 + n * 3701)
    return `+374 ${['91', '93', '94', '95', '96', '77', '98', '99'][n % 8]} ${d.slice(0, 2)} ${d.slice(2, 4)} ${d.slice(4)}`
  },
  ru: (n) => {
    const d = String(2000000 + n * 37013)
    return `+7 9${['16', '26', '03', '05', '15', '85', '77', '67'][n % 8]} ${d.slice(0, 3)}-${d.slice(3, 5)}-${d.slice(5)}`
  },
  en: (n) => `+49 15${1 + ((n - 1) % 8)} ${String(5550000 + n * 37).slice(0, 7)}`,
}

/**
 * The demo's clients in a center's language (data only; `seedClients` feeds them to the
 * commands): 150, a third minors with guardians (some families with two or three children sharing
 * a guardian), adults, every status, a few allergies and incomplete files. Each family speaks a
 * language (FAMILY_LANGUAGES: in the Armenian center three in four Armenian, some Russian and
 * English): its names are in that script and its notes in that language. The same every time (a
 * seeded random), and the same shape in every language: only the words differ, so the counts
 * (guardians, statuses, allergies, records) do not.
 */
export function demoClients(locale: Locale = 'hy', today = todayIso()): DemoClient[] {
  const rand = seededRandom(20261127)
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]
  /** One draw's pick of a list (the draw is taken before the list is known). */
  const at = <T>(r: number, xs: readonly T[]) => xs[Math.floor(r * xs.length)]
  const year = Number(today.slice(0, 4))
  const teachers: DemoStaffKey[] = ['teacher', 'teacher2', 'languages', 'sports', 'music']
  const mix = FAMILY_LANGUAGES[locale]
  let families = 0
  const nextLanguage = () => mix[families++ % mix.length]
  const adultsOf = (names: NameSet, g: Gender) => names.adults.filter(([, ag]) => ag === g).map(([n]) => n)
  const namesOf = (language: Locale) => (language === 'en' && locale !== 'en' ? EXPAT_NAMES : NAMES[language])
  const say = (text: Gendered, g: Gender) => (typeof text === 'string' ? text : text[g])

  type Person = Pick<DemoClient, 'first' | 'last' | 'birth' | 'phone' | 'guardians' | 'language'> & { gender: Gender }
  const specs: Person[] = []
  let phoneN = 0
  const phone = () => PHONES[locale](++phoneN)
  // 50 minors in ~35 families
  while (specs.length < 50) {
    const language = nextLanguage()
    const names = namesOf(language)
    const texts = FILE_TEXTS[language]
    const surname = pick(names.surnames)
    const nameDraw = rand()
    const relation = rand() < 0.7 ? 'mother' : 'father'
    const g: Gender = relation === 'mother' ? 'f' : 'm'
    const parent = {
      name: `${at(nameDraw, adultsOf(names, g))} ${surname[g]}`,
      relation: texts.relation[relation],
      phone: phone(),
      email: rand() < 0.6 ? `${latinForEmail(surname.m)}${specs.length}@example.org` : null,
    }
    const other: Gender = g === 'f' ? 'm' : 'f'
    const second =
      rand() < 0.3
        ? {
            name: `${pick(adultsOf(names, other))} ${surname[other]}`,
            relation: texts.relation[other === 'f' ? 'mother' : 'father'],
            phone: phone(),
            email: null,
          }
        : null
    const children = rand() < 0.25 ? (rand() < 0.3 ? 3 : 2) : 1
    for (let k = 0; k < children && specs.length < 50; k++) {
      const age = 4 + Math.floor(rand() * 13)
      const birth = `${year - age - 1}-${pad(1 + Math.floor(rand() * 12))}-${pad(1 + Math.floor(rand() * 28))}`
      const gender: Gender = rand() < 0.5 ? 'f' : 'm'
      specs.push({
        first: pick(gender === 'f' ? names.girls : names.boys),
        last: surname[gender],
        birth,
        phone: null,
        language,
        gender,
        guardians: [parent, ...(second ? [second] : [])],
      })
    }
  }
  while (specs.length < 150) {
    const language = nextLanguage()
    const names = namesOf(language)
    const age = 18 + Math.floor(rand() * 50)
    const birth = `${year - age - 1}-${pad(1 + Math.floor(rand() * 12))}-${pad(1 + Math.floor(rand() * 28))}`
    const [first, gender] = pick(names.adults)
    specs.push({ first, last: pick(names.surnames)[gender], birth, phone: phone(), language, gender, guardians: [] })
  }

  // the random draws below keep the order they always had, so the demo stays the same
  return specs.map(({ gender, ...s }, i) => {
    const texts = FILE_TEXTS[s.language]
    const status: Status =
      i % 17 === 0 ? 'left' : i % 11 === 0 ? 'paused' : i % 7 === 0 ? 'trial' : i % 13 === 0 ? 'lead' : 'active'
    const leaveReason =
      status === 'left' ? pick(['moved', 'price', 'schedule', 'lost_interest', 'health', 'unhappy'] as const) : null
    // how they heard of the center (one draw, as before): recommendations and social media most
    const source = pick([
      'referral',
      'referral',
      'social',
      'social',
      'search',
      'website',
      'walk_in',
      'school',
      'event',
      'returning',
    ] as const)
    const physical = { fitnessLevel: pick(['low', 'average', 'average', 'good', 'athletic']), limitations: '' }
    physical.limitations = rand() < 0.1 ? texts.asthma : ''
    const needs = say(pick(texts.needs), gender)
    const preferences = say(pick(texts.preferences), gender)
    const perseverance = 1 + Math.floor(rand() * 5)
    const sensitivity = 1 + Math.floor(rand() * 5)
    const note = rand() < 0.2 ? texts.nickname : null
    const observation = rand() < 0.4 ? { teacher: pick(teachers), text: say(pick(texts.observations), gender) } : null
    const allergy = rand() < 0.12 ? pick(texts.allergies) : null
    let record: DemoClient['record'] = null
    if (i % 9 === 0) {
      const kind = pick(['achievement', 'award', 'certificate'] as const)
      const activity = pick(texts.recordActivities)
      let date = `${year}-${pad(1 + Math.floor(rand() * 10))}-15`
      // a record is of a day that has been (the command refuses a future date): early in the year, last year's
      if (date > today) date = `${year - 1}${date.slice(4)}`
      const title = pick(texts.recordTitles)
      record = { kind, activity, date, title }
    }
    return {
      ...s,
      branch: i % 2 === 0 ? 'central' : 'riverside',
      receptionist: i % 2 === 0 ? 'reception' : 'reception2',
      status,
      leaveReason,
      source,
      // two minors lose their guardian in the file: they show up red
      loseGuardians: i === 7 || i === 23,
      physical,
      traits: { needs, preferences, perseverance, sensitivity },
      note,
      observation,
      allergy: allergy ? { allergies: allergy.allergy, emergencyInstructions: allergy.instructions } : null,
      record,
    }
  })
}

function staffLogin(ctx: SeedContext, key: DemoStaffKey): string {
  const login = ctx.staff[key]
  if (!login) throw new Error(`The demo seed has no ${key} yet`)
  return login
}

/**
 * The clients area's step of the demo seed: each demo client goes through what staff do. The
 * branch's receptionist registers them (`clients.create`: the row, guardians, first status and
 * the live file), fills in the rest of the file (stored as their edit), and later pauses them or
 * lets them go (`clients.status`); teachers add observations (`clients.observe`), the manager the
 * allergies in the medical file, the receptionist the achievements (`clients.record`). The files
 * are projected as the document hub would project them (flags, guardians, incomplete-file alerts).
 */
export async function seedClients(_tx: unknown, ctx: SeedContext): Promise<void> {
  const docs = ctx.docs
  for (const [i, c] of demoClients(ctx.locale).entries()) {
    const reception = ctx.as(c.receptionist)
    // paused and left clients were active first, and every fourth active client came for a trial
    // first (the inflow report's trial to paid): the status command keeps that history
    const firstStatus =
      c.status === 'paused' || c.status === 'left' ? 'active' : c.status === 'active' && i % 4 === 1 ? 'trial' : c.status
    const { client } = await registerClient(reception.ctx, docs, reception.actor, {
      firstName: c.first,
      lastName: c.last,
      birthDate: c.birth,
      phone: c.phone,
      email: null,
      guardians: c.guardians.map((g) => ({ ...g, canPickUp: true })),
      consent: true,
      status: firstStatus,
      source: c.source,
      branchId: ctx.branchIds[c.branch],
      // namesakes are real people here: the receptionist saw the warning and registered anyway
      confirmNotDuplicate: true,
    })
    ctx.clientIds.push(client.id)
    const file = encodeClientDocName(client.id)
    await docs.applyAsUser(file, reception.actor, (doc) => {
      physicalOf(doc).set('fitnessLevel', c.physical.fitnessLevel)
      physicalOf(doc).set('limitations', c.physical.limitations)
      for (const [k, v] of Object.entries(c.traits)) traitsOf(doc).set(k, v)
      if (c.note) notesOf(doc).insert(0, c.note)
    })
    if (c.loseGuardians) await docs.applyAsUser(file, reception.actor, (doc) => guardiansOf(doc).clear())
    if (c.observation) {
      const teacher = ctx.as(staffLogin(ctx, c.observation.teacher))
      await addObservation(teacher.ctx, docs, teacher.actor, client.id, { text: c.observation.text })
    }
    if (c.status !== firstStatus) {
      await changeClientStatus(reception.ctx, docs, ctx.hooks, reception.actor, client.id, {
        status: c.status,
        ...(c.leaveReason ? { reason: c.leaveReason } : {}),
      })
    }
    await docs.project(file)
    if (c.allergy) {
      const medical = encodeClientMedicalDocName(client.id)
      const allergy = c.allergy
      await docs.applyAsUser(medical, ctx.as('manager').actor, (doc) => {
        medicalOf(doc).set('allergies', allergy.allergies)
        medicalOf(doc).set('emergencyInstructions', allergy.emergencyInstructions)
      })
      await docs.project(medical)
    }
    if (c.record) await addClientRecord(reception.ctx, reception.actor, client.id, { ...c.record, description: '' })
  }
}
