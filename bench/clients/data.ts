/**
 * Realistic synthetic clients for the search benchmark: names from a large deterministic pool,
 * a third minors with one or two guardians (families share a surname and guardians), adults with
 * their own phone, every status, some flags. Rows are built with the projection's own
 * `clientRowFromFile` (so `search_text` is exactly what the live file projects).
 */
import { clientRowFromFile } from '../../server/modules/clients/file-projection'
import { seededRandom } from '../../db/seeded-random'
import { DEFAULT_REQUIRED_FIELDS } from '../../domain/clients/rules'
import { ADULT_FIRST, FIRST_BOYS, FIRST_GIRLS, LAST as DEMO_LAST } from '../../server/modules/clients/seed'

/** 100 first names: the demo's 60 (server/modules/clients/seed.ts) and 40 more. */
export const FIRST = [
  ...FIRST_GIRLS,
  ...FIRST_BOYS,
  ...ADULT_FIRST,
  'Amelie',
  'Charlotte',
  'Johanna',
  'Luisa',
  'Mathilda',
  'Paula',
  'Romy',
  'Sarah',
  'Victoria',
  'Yara',
  'Aaron',
  'Adam',
  'Carl',
  'Erik',
  'Hugo',
  'Jan',
  'Karl',
  'Moritz',
  'Niklas',
  'Tim',
  'Olga',
  'Dmitri',
  'Natalia',
  'Pavel',
  'Elif',
  'Emre',
  'Fatma',
  'Giulia',
  'Marco',
  'Lucia',
  'Pablo',
  'Carmen',
  'Ana',
  'Piotr',
  'Zofia',
  'Kasia',
  'Tomasz',
  'Linh',
  'Minh',
  'Hoa',
]
const STEMS = [
  'Al',
  'Bar',
  'Berg',
  'Brand',
  'Dor',
  'Eck',
  'Fal',
  'Fried',
  'Gar',
  'Hal',
  'Hein',
  'Holz',
  'Kal',
  'Kirch',
  'Lind',
  'Mar',
  'Mor',
  'Nord',
  'Ost',
  'Pol',
  'Ros',
  'Sand',
  'Stein',
  'Tan',
  'Vol',
  'Wal',
  'West',
  'Zel',
  'Kov',
  'Jur',
  'Mil',
  'Rad',
  'Bog',
  'Dan',
  'Sok',
  'Lar',
]
const ENDS = [
  'er',
  'mann',
  'ski',
  'son',
  'ova',
  'ić',
  'ek',
  'ov',
  'escu',
  'ez',
  'ini',
  'hardt',
  'inger',
  'berg',
  'feld',
  'sen',
  'ke',
  'ler',
  'enko',
  'ich',
]
/** ~750 surnames: the demo's 30 plus 720 made of a stem and an ending. */
export const LAST = [...DEMO_LAST, ...STEMS.flatMap((s) => ENDS.map((e) => s + e))]

export interface GenClient {
  row: ReturnType<typeof clientRowFromFile>['row'] & { flags: string[]; createdAt: string }
  guardians: ReturnType<typeof clientRowFromFile>['guardians']
}

export function generateClients(count: number, today: string, seed = 100_000): GenClient[] {
  const rand = seededRandom(seed)
  const pick = <T>(xs: T[]) => xs[Math.floor(rand() * xs.length)]
  const year = Number(today.slice(0, 4))
  const pad = (n: number) => String(n).padStart(2, '0')
  const phone = () => `+49 15${1 + Math.floor(rand() * 9)} ${String(Math.floor(rand() * 1e7)).padStart(7, '0')}`
  const out: GenClient[] = []
  const t0 = Date.parse(`${year - 5}-01-01T00:00:00Z`)
  const span = Date.parse(`${today}T00:00:00Z`) - t0
  while (out.length < count) {
    const minorFamily = rand() < 0.34
    const last = pick(LAST)
    const guardians: Array<{
      key: string
      name: string
      relation: string
      phone: string
      email: string | null
      canPickUp: boolean
    }> = []
    let kids = 1
    if (minorFamily) {
      guardians.push({
        key: 'g1',
        name: `${pick(FIRST)} ${last}`,
        relation: rand() < 0.7 ? 'mother' : 'father',
        phone: phone(),
        email:
          rand() < 0.6
            ? `${last
                .toLowerCase()
                .normalize('NFD')
                .replace(/[^a-z]/g, '')}${out.length}@example.org`
            : null,
        canPickUp: true,
      })
      if (rand() < 0.3)
        guardians.push({
          key: 'g2',
          name: `${pick(FIRST)} ${last}`,
          relation: 'father',
          phone: phone(),
          email: null,
          canPickUp: true,
        })
      kids = rand() < 0.25 ? (rand() < 0.3 ? 3 : 2) : 1
    }
    for (let k = 0; k < kids && out.length < count; k++) {
      const age = minorFamily ? 3 + Math.floor(rand() * 15) : 18 + Math.floor(rand() * 55)
      const birth = `${year - age - 1}-${pad(1 + Math.floor(rand() * 12))}-${pad(1 + Math.floor(rand() * 28))}`
      const r = rand()
      const status = r < 0.55 ? 'active' : r < 0.65 ? 'trial' : r < 0.75 ? 'lead' : r < 0.85 ? 'paused' : 'left'
      const {
        row,
        guardians: gs,
        problems,
      } = clientRowFromFile(
        {
          profile: {
            firstName: pick(FIRST),
            lastName: last,
            birthDate: rand() < 0.02 ? null : birth,
            phone: minorFamily ? null : phone(),
            email: minorFamily ? null : rand() < 0.5 ? `client${out.length}@example.org` : null,
            status,
            consent: rand() < 0.97,
            source: pick(['referral', 'walk_in', 'website', 'social']),
          },
          guardians,
          physical: {},
          traits: {},
          notes: '',
          observations: [],
        },
        DEFAULT_REQUIRED_FIELDS,
        today,
      )
      const flags: string[] = []
      if (Object.keys(problems).length) flags.push('file_incomplete')
      if (rand() < 0.08) flags.push('allergy')
      out.push({ row: { ...row, flags, createdAt: new Date(t0 + rand() * span).toISOString() }, guardians: gs })
    }
  }
  return out
}
