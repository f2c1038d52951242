import { guardiansOf, encodeClientDocName, notesOf, physicalOf, traitsOf } from '../../../domain/docs/client-file'
import { encodeClientMedicalDocName, medicalOf } from '../../../domain/docs/client-medical'
import { todayIso } from '../../../domain/clients/rules'
import type { LEAD_SOURCES, LEAVE_REASONS, RECORD_KINDS } from '../../../domain/clients/vocabulary'
import { seededRandom } from '../../../db/seeded-random'
import type { SeedContext } from '../../contracts/seed'
import { addClientRecord } from './commands/add-record'
import { changeClientStatus } from './commands/change-status'
import { addObservation } from './commands/observe'
import { registerClient } from './commands/register'

/** The demo's first and last names (bench/clients/data.ts builds its larger pool from them). */
export const FIRST_GIRLS = [
  'Mia',
  'Emma',
  'Sofia',
  'Lena',
  'Hannah',
  'Anna',
  'Lea',
  'Marie',
  'Ella',
  'Clara',
  'Ida',
  'Nora',
  'Lina',
  'Emilia',
  'Zoe',
  'Alina',
  'Maya',
  'Olivia',
  'Greta',
  'Frida',
]
export const FIRST_BOYS = [
  'Noah',
  'Leon',
  'Paul',
  'Ben',
  'Finn',
  'Elias',
  'Felix',
  'Jonas',
  'Luis',
  'Henry',
  'Emil',
  'Theo',
  'Anton',
  'Max',
  'Oskar',
  'Liam',
  'Milan',
  'David',
  'Jakob',
  'Samuel',
]
export const ADULT_FIRST = [
  'Julia',
  'Katrin',
  'Sabine',
  'Nadia',
  'Irina',
  'Laura',
  'Petra',
  'Monika',
  'Thomas',
  'Michael',
  'Stefan',
  'Andreas',
  'Markus',
  'Daniel',
  'Oliver',
  'Sergei',
  'Ayşe',
  'Mehmet',
  'Chiara',
  'Lukas',
]
export const LAST = [
  'Müller',
  'Schmidt',
  'Schneider',
  'Fischer',
  'Weber',
  'Meyer',
  'Wagner',
  'Becker',
  'Hoffmann',
  'Koch',
  'Richter',
  'Klein',
  'Wolf',
  'Neumann',
  'Schwarz',
  'Braun',
  'Zimmermann',
  'Krüger',
  'Hartmann',
  'Lange',
  'Novak',
  'Kowalski',
  'Rossi',
  'Yilmaz',
  'Ivanova',
  'Petrov',
  'Garcia',
  'Nguyen',
  'Kaya',
  'Jansen',
]
const ALLERGIES = ['peanuts', 'lactose', 'bee stings', 'pollen (hay fever)', 'latex', 'gluten']
const NEEDS = [
  'Needs short breaks every 20 minutes',
  'Prefers working in pairs',
  'Wears glasses for close work',
  'Left-handed: seat at the left end',
  'Shy in large groups at first',
  '',
]
const OBSERVATIONS = [
  'Concentrated for the whole lesson; finished the task early and helped a neighbour.',
  'Was tired today, needed encouragement to finish.',
  'Very creative approach to the assignment.',
  'Struggled with the new material, but kept trying.',
  'Great progress since last month.',
]

const pad = (n: number) => String(n).padStart(2, '0')

type Status = 'lead' | 'trial' | 'active' | 'paused' | 'left'

/** One demo client: what the receptionist registers, then what staff add to the file over time. */
export interface DemoClient {
  first: string
  last: string
  birth: string
  phone: string | null
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
  observation: { teacher: string; text: string } | null
  /** Entered into the medical file by the manager. */
  allergy: { allergies: string; emergencyInstructions: string } | null
  record: { kind: (typeof RECORD_KINDS)[number]; activity: string; date: string; title: string } | null
}

/**
 * The demo's clients (data only; `seedClients` feeds them to the commands): about 150, a third
 * minors with guardians (some families with two or three children sharing a guardian), adults,
 * every status, a few allergies and incomplete files. The same every time (a seeded random).
 */
export function demoClients(today = todayIso()): DemoClient[] {
  const rand = seededRandom(20261127)
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]
  const year = Number(today.slice(0, 4))
  const teachers = ['teacher', 'teacher2', 'maria.lopez', 'tom.walker', 'yuki.tanaka']

  type Person = Pick<DemoClient, 'first' | 'last' | 'birth' | 'phone' | 'guardians'>
  const specs: Person[] = []
  let phoneN = 0
  const phone = () => `+49 15${1 + (phoneN % 8)} ${String(5550000 + ++phoneN * 37).slice(0, 7)}`
  // 50 minors in ~35 families
  while (specs.length < 50) {
    const last = pick(LAST)
    const parent = {
      name: `${pick(ADULT_FIRST)} ${last}`,
      relation: rand() < 0.7 ? 'mother' : 'father',
      phone: phone(),
      email:
        rand() < 0.6
          ? `${last
              .toLowerCase()
              .normalize('NFD')
              .replace(/[^a-z]/g, '')}${specs.length}@example.org`
          : null,
    }
    const second =
      rand() < 0.3
        ? {
            name: `${pick(ADULT_FIRST)} ${last}`,
            relation: parent.relation === 'mother' ? 'father' : 'mother',
            phone: phone(),
            email: null,
          }
        : null
    const children = rand() < 0.25 ? (rand() < 0.3 ? 3 : 2) : 1
    for (let k = 0; k < children && specs.length < 50; k++) {
      const age = 4 + Math.floor(rand() * 13)
      const birth = `${year - age - 1}-${pad(1 + Math.floor(rand() * 12))}-${pad(1 + Math.floor(rand() * 28))}`
      specs.push({
        first: rand() < 0.5 ? pick(FIRST_GIRLS) : pick(FIRST_BOYS),
        last,
        birth,
        phone: null,
        guardians: [parent, ...(second ? [second] : [])],
      })
    }
  }
  while (specs.length < 150) {
    const age = 18 + Math.floor(rand() * 50)
    const birth = `${year - age - 1}-${pad(1 + Math.floor(rand() * 12))}-${pad(1 + Math.floor(rand() * 28))}`
    specs.push({ first: pick(ADULT_FIRST), last: pick(LAST), birth, phone: phone(), guardians: [] })
  }

  // the random draws below keep the order they always had, so the demo stays the same
  return specs.map((s, i) => {
    const status: Status =
      i % 17 === 0 ? 'left' : i % 11 === 0 ? 'paused' : i % 7 === 0 ? 'trial' : i % 13 === 0 ? 'lead' : 'active'
    const leaveReason =
      status === 'left' ? pick(['moved', 'price', 'schedule', 'lost_interest', 'teacher_conflict'] as const) : null
    const source = pick(['referral', 'walk_in', 'website', 'social'] as const)
    const physical = { fitnessLevel: pick(['low', 'average', 'average', 'good', 'athletic']), limitations: '' }
    physical.limitations = rand() < 0.1 ? 'Asthma: no long runs' : ''
    const needs = pick(NEEDS)
    const preferences = pick(['Likes building things', 'Loves music', 'Prefers drawing to writing', 'Enjoys team games', ''])
    const perseverance = 1 + Math.floor(rand() * 5)
    const sensitivity = 1 + Math.floor(rand() * 5)
    const note = rand() < 0.2 ? 'Prefers to be called by a nickname; ask the guardian.' : null
    const observation = rand() < 0.4 ? { teacher: pick(teachers), text: pick(OBSERVATIONS) } : null
    const allergies = rand() < 0.12 ? pick(ALLERGIES) : null
    const allergy = allergies
      ? {
          allergies,
          emergencyInstructions:
            allergies === 'peanuts' ? 'EpiPen in the reception first-aid box; call 112' : 'Call the guardian',
        }
      : null
    let record: DemoClient['record'] = null
    if (i % 9 === 0) {
      const kind = pick(['achievement', 'award', 'certificate'] as const)
      const activity = pick(['Robotics', 'Chess', 'Ballet', 'Swimming', 'Piano'])
      let date = `${year}-${pad(1 + Math.floor(rand() * 10))}-15`
      // a record is of a day that has been (the command refuses a future date): early in the year, last year's
      if (date > today) date = `${year - 1}${date.slice(4)}`
      const title = pick([
        'First place, city chess cup',
        'Swimming badge: 25 m',
        'Robotics league finalist',
        'Grade 1 piano exam passed',
      ])
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
      allergy,
      record,
    }
  })
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
  for (const c of demoClients()) {
    const reception = ctx.as(c.receptionist)
    // paused and left clients were active first: the status command keeps that history
    const firstStatus = c.status === 'paused' || c.status === 'left' ? 'active' : c.status
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
      const teacher = ctx.as(c.observation.teacher)
      await addObservation(teacher.ctx, docs, teacher.actor, client.id, { text: c.observation.text })
    }
    if (c.status !== firstStatus) {
      await changeClientStatus(reception.ctx, docs, reception.actor, client.id, {
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
