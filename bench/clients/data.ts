/**
 * Realistic synthetic clients for the search benchmark: names from large deterministic pools in
 * three scripts (80 % of families Latin with ~5,000 surnames, 12 % Russian in Cyrillic, 8 %
 * Armenian in Armenian script; a family's names and guardians in one script, phones of its
 * country), a third minors with one or two guardians (families share a surname and guardians),
 * adults with their own phone, every status, some flags. Rows are built with the projection's own
 * `clientRowFromFile` (so `search_text` is exactly what the live file projects).
 */
import { clientRowFromFile } from '../../server/modules/clients/file-projection'
import { seededRandom } from '../../db/seeded-random'
import { DEFAULT_REQUIRED_FIELDS } from '../../domain/clients/rules'
import { ADULT_FIRST, FIRST_BOYS, FIRST_GIRLS, LAST as DEMO_LAST } from '../../server/modules/clients/seed'
import { transliterate } from '../../domain/clients/transliterate'
import { HY_FIRST_F, HY_FIRST_M, HY_SURNAMES, LATIN_SURNAMES, RU_FIRST_F, RU_FIRST_M, RU_SURNAMES } from './names'

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
/** ~5,000 Latin surnames: the demo's English ones plus bench/clients/names.ts's. */
export const LAST = [...new Set([...DEMO_LAST, ...LATIN_SURNAMES])]

/** A family's script: 80 % Latin, 12 % Cyrillic (Russian), 8 % Armenian. */
export type Script = 'latin' | 'cyrillic' | 'armenian'

export interface GenClient {
  script: Script
  row: ReturnType<typeof clientRowFromFile>['row'] & { flags: string[]; createdAt: string }
  guardians: ReturnType<typeof clientRowFromFile>['guardians']
}

/** A family's names and phones in its script. */
interface Family {
  script: Script
  /** A first name of that gender. */
  first(gender: 'f' | 'm'): string
  /** The surname as a person of that gender carries it. */
  last(gender: 'f' | 'm'): string
  phone(): string
  /** The surname in Latin letters, for e-mail addresses. */
  latin: string
}

function familyOf(rand: () => number): Family {
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]
  const digits = (n: number) => String(Math.floor(rand() * 10 ** n)).padStart(n, '0')
  const r = rand()
  if (r < 0.12) {
    const [m, f] = pick(RU_SURNAMES)
    return {
      script: 'cyrillic',
      first: (g) => pick(g === 'f' ? RU_FIRST_F : RU_FIRST_M),
      last: (g) => (g === 'f' ? f : m),
      phone: () => `+7 9${digits(2)} ${digits(3)}-${digits(2)}-${digits(2)}`,
      latin: transliterate(m),
    }
  }
  if (r < 0.2) {
    const last = pick(HY_SURNAMES)
    return {
      script: 'armenian',
      first: (g) => pick(g === 'f' ? HY_FIRST_F : HY_FIRST_M),
      last: () => last,
      phone: () => `+374 ${pick(['91', '93', '94', '77', '98', '55', '10'])} ${digits(6)}`,
      latin: transliterate(last),
    }
  }
  const last = pick(LAST)
  return {
    script: 'latin',
    // Latin first names are not split by gender in the pool
    first: () => pick(FIRST),
    last: () => last,
    phone: () => `+49 15${1 + Math.floor(rand() * 9)} ${digits(7)}`,
    latin: last
      .toLowerCase()
      .normalize('NFD')
      .replace(/[^a-z]/g, ''),
  }
}

export function generateClients(count: number, today: string, seed = 100_000): GenClient[] {
  const rand = seededRandom(seed)
  const pick = <T>(xs: T[]) => xs[Math.floor(rand() * xs.length)]
  const year = Number(today.slice(0, 4))
  const pad = (n: number) => String(n).padStart(2, '0')
  const out: GenClient[] = []
  const t0 = Date.parse(`${year - 5}-01-01T00:00:00Z`)
  const span = Date.parse(`${today}T00:00:00Z`) - t0
  while (out.length < count) {
    const minorFamily = rand() < 0.34
    const family = familyOf(rand)
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
      const mother = rand() < 0.7
      const g = mother ? 'f' : 'm'
      guardians.push({
        key: 'g1',
        name: `${family.first(g)} ${family.last(g)}`,
        relation: mother ? 'mother' : 'father',
        phone: family.phone(),
        email: rand() < 0.6 ? `${family.latin}${out.length}@example.org` : null,
        canPickUp: true,
      })
      if (rand() < 0.3)
        guardians.push({
          key: 'g2',
          name: `${family.first('m')} ${family.last('m')}`,
          relation: 'father',
          phone: family.phone(),
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
      const gender = rand() < 0.5 ? 'f' : 'm'
      const {
        row,
        guardians: gs,
        problems,
      } = clientRowFromFile(
        {
          profile: {
            firstName: family.first(gender),
            lastName: family.last(gender),
            birthDate: rand() < 0.02 ? null : birth,
            phone: minorFamily ? null : family.phone(),
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
      out.push({
        script: family.script,
        row: { ...row, flags, createdAt: new Date(t0 + rand() * span).toISOString() },
        guardians: gs,
      })
    }
  }
  return out
}
