import * as Y from 'yjs'
import type { Tx } from '../../../db/client'
import {
  alerts,
  clientGuardians,
  clientMedicalSummary,
  clientRecords,
  clients,
  clientStatusHistory,
  docUpdates,
} from '../../../db/schema/index'
import {
  guardianMap,
  guardiansOf,
  initClientFile,
  observationMap,
  observationsOf,
  physicalOf,
  profileOf,
  readClientFile,
  traitsOf,
  notesOf,
} from '../../../domain/docs/client-file'
import { medicalOf } from '../../../domain/docs/client-medical'
import type { SeedContext } from '../../contracts/seed'
import { clientAlerts } from './alert-kinds'
import { clientRowFromFile, problemsMessage } from './file-projection'
import { DEFAULT_REQUIRED_FIELDS, todayIso } from '../../../domain/clients/rules'
import { seededRandom } from '../../../db/seeded-random'

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

/**
 * The clients area's step of the demo seed: about 150 demo clients: a third minors with guardians (some families with two or three
 * children sharing a guardian), adults, every status, a few allergies and incomplete files.
 * Each client's file document is stored as its first update, credited to the receptionist who registered it.
 */
export async function seedClients(tx: Tx, ctx: Pick<SeedContext, 'branchIds' | 'userIds'>): Promise<void> {
  const rand = seededRandom(20261127)
  const pick = <T>(xs: T[]) => xs[Math.floor(rand() * xs.length)]
  const today = todayIso()
  const year = Number(today.slice(0, 4))
  const receptionists = [ctx.userIds.reception, ctx.userIds.reception2]
  const teachers = [
    ['teacher', 'Karen Miller'],
    ['teacher2', 'David Novak'],
    ['maria.lopez', 'Maria Lopez'],
    ['tom.walker', 'Tom Walker'],
    ['yuki.tanaka', 'Yuki Tanaka'],
  ].map(([l, name]) => ({ id: ctx.userIds[l], name }))
  const branchIds = [ctx.branchIds.central, ctx.branchIds.riverside]

  interface Spec {
    first: string
    last: string
    birth: string
    phone: string | null
    guardians: Array<{ name: string; relation: string; phone: string; email: string | null }>
  }
  const specs: Spec[] = []
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

  const rows = {
    clients: [] as Array<typeof clients.$inferInsert>,
    guardians: [] as Array<typeof clientGuardians.$inferInsert>,
    history: [] as Array<typeof clientStatusHistory.$inferInsert>,
    updates: [] as Array<typeof docUpdates.$inferInsert>,
    alerts: [] as Array<typeof alerts.$inferInsert>,
    medical: [] as Array<typeof clientMedicalSummary.$inferInsert>,
    records: [] as Array<typeof clientRecords.$inferInsert>,
  }
  for (const [i, s] of specs.entries()) {
    const author = receptionists[i % 2]
    const status = i % 17 === 0 ? 'left' : i % 11 === 0 ? 'paused' : i % 7 === 0 ? 'trial' : i % 13 === 0 ? 'lead' : 'active'
    // two minors lose their guardian in the file: they show up red
    const incomplete = i === 7 || i === 23
    const doc = new Y.Doc()
    initClientFile(doc)
    doc.transact(() => {
      const p = profileOf(doc)
      p.set('firstName', s.first)
      p.set('lastName', s.last)
      p.set('birthDate', s.birth)
      p.set('phone', s.phone)
      p.set('email', null)
      p.set('status', status)
      p.set('leaveReason', status === 'left' ? pick(['moved', 'price', 'schedule', 'lost_interest', 'teacher_conflict']) : null)
      p.set('source', pick(['referral', 'walk_in', 'website', 'social']))
      p.set('consent', true)
      p.set('branchId', branchIds[i % 2])
      if (!incomplete) s.guardians.forEach((g, k) => guardiansOf(doc).set(`g${k + 1}`, guardianMap({ ...g, canPickUp: true })))
      physicalOf(doc).set('fitnessLevel', pick(['low', 'average', 'average', 'good', 'athletic']))
      physicalOf(doc).set('limitations', rand() < 0.1 ? 'Asthma: no long runs' : '')
      traitsOf(doc).set('needs', pick(NEEDS))
      traitsOf(doc).set(
        'preferences',
        pick(['Likes building things', 'Loves music', 'Prefers drawing to writing', 'Enjoys team games', '']),
      )
      traitsOf(doc).set('perseverance', 1 + Math.floor(rand() * 5))
      traitsOf(doc).set('sensitivity', 1 + Math.floor(rand() * 5))
      if (rand() < 0.2) notesOf(doc).insert(0, 'Prefers to be called by a nickname; ask the guardian.')
      if (rand() < 0.4) {
        const t = pick(teachers)
        observationsOf(doc).set(
          `o${i}`,
          observationMap({
            at: `${today}T10:00:00.000Z`,
            authorId: t.id,
            authorName: t.name,
            activity: null,
            text: pick(OBSERVATIONS),
          }),
        )
      }
    })
    const file = readClientFile(doc)
    const { row, guardians, problems } = clientRowFromFile(file, DEFAULT_REQUIRED_FIELDS, today)
    const flags: string[] = []
    if (Object.keys(problems).length) flags.push('file_incomplete')
    const allergy = rand() < 0.12 ? pick(ALLERGIES) : null
    if (allergy) flags.push('allergy')
    const client = { id: crypto.randomUUID() }
    rows.clients.push({ ...row, id: client.id, branchId: branchIds[i % 2], flags, createdBy: author, updatedBy: author })
    rows.guardians.push(...guardians.map((g) => ({ ...g, clientId: client.id })))
    rows.history.push({ clientId: client.id, toStatus: status, reason: status === 'left' ? row.leaveReason : null, by: author })
    rows.updates.push({
      doc: `client:${client.id}`,
      seq: 1,
      userId: author,
      update: Y.encodeStateAsUpdate(doc),
      changes: [
        {
          path: 'profile',
          kind: 'add',
          before: null,
          after: { firstName: s.first, lastName: s.last, note: 'registered (demo data)' },
        },
      ],
    })
    if (incomplete) {
      rows.alerts.push({
        kind: clientAlerts.client_file_incomplete.kind,
        severity: clientAlerts.client_file_incomplete.severity,
        roles: [...clientAlerts.client_file_incomplete.roles],
        subject: `client:${client.id}`,
        message: `${s.first} ${s.last}: ${problemsMessage(problems).replace('Client file incomplete: ', '')}`,
        details: { problems },
        branchId: branchIds[i % 2],
      })
    }
    if (allergy) {
      const med = new Y.Doc()
      medicalOf(med).set('allergies', allergy)
      medicalOf(med).set(
        'emergencyInstructions',
        allergy === 'peanuts' ? 'EpiPen in the reception first-aid box; call 112' : 'Call the guardian',
      )
      rows.updates.push({
        doc: `client-medical:${client.id}`,
        seq: 1,
        userId: ctx.userIds.manager,
        update: Y.encodeStateAsUpdate(med),
        changes: [{ path: 'medical.allergies', kind: 'add', before: null, after: allergy }],
      })
      rows.medical.push({
        clientId: client.id,
        allergies: allergy,
        emergencyInstructions: medicalOf(med).get('emergencyInstructions') ?? '',
      })
    }
    if (i % 9 === 0) {
      rows.records.push({
        clientId: client.id,
        kind: pick(['achievement', 'award', 'certificate']),
        activity: pick(['Robotics', 'Chess', 'Ballet', 'Swimming', 'Piano']),
        date: `${year}-${pad(1 + Math.floor(rand() * 10))}-15`,
        title: pick([
          'First place, city chess cup',
          'Swimming badge: 25 m',
          'Robotics league finalist',
          'Grade 1 piano exam passed',
        ]),
        description: '',
        createdBy: author,
      })
    }
  }
  const chunks = <T>(xs: T[], n = 200) => Array.from({ length: Math.ceil(xs.length / n) }, (_, k) => xs.slice(k * n, k * n + n))
  for (const c of chunks(rows.clients)) await tx.insert(clients).values(c)
  for (const c of chunks(rows.guardians)) await tx.insert(clientGuardians).values(c)
  for (const c of chunks(rows.history)) await tx.insert(clientStatusHistory).values(c)
  for (const c of chunks(rows.updates, 50)) await tx.insert(docUpdates).values(c)
  if (rows.alerts.length) await tx.insert(alerts).values(rows.alerts)
  if (rows.medical.length) await tx.insert(clientMedicalSummary).values(rows.medical)
  if (rows.records.length) await tx.insert(clientRecords).values(rows.records)
}
