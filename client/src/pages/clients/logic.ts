/**
 * Lit-free logic of the Clients pages (unit tested): the list filter in the URL, known
 * guardians grouped per person, and whether a birth date makes a minor.
 */
import type { ClientListFilter, KnownGuardian } from '../../data/clients'
import { ADULT_AGE, ageOn, phoneDigits, todayIso } from '../../../../server/modules/clients/rules'

/** The list filter as it lives in the URL (?q=&status=&age=&flagged=1&birthday=1&sort=newest). */
export function filterFromSearch(search: string): ClientListFilter {
  const p = new URLSearchParams(search)
  const sort = p.get('sort') === 'newest' ? 'newest' : 'name'
  return {
    q: p.get('q') ?? '',
    status: p.get('status') ?? '',
    ageCategory: p.get('age') ?? '',
    flagged: p.get('flagged') === '1',
    birthdayThisMonth: p.get('birthday') === '1',
    sort,
  }
}

export function searchFromFilter(f: ClientListFilter): string {
  const p = new URLSearchParams()
  if (f.q?.trim()) p.set('q', f.q.trim())
  if (f.status) p.set('status', f.status)
  if (f.ageCategory) p.set('age', f.ageCategory)
  if (f.flagged) p.set('flagged', '1')
  if (f.birthdayThisMonth) p.set('birthday', '1')
  if (f.sort === 'newest') p.set('sort', 'newest')
  const s = p.toString()
  return s ? `?${s}` : ''
}

/** One known guardian (same name and phone) with all the children they are a guardian of. */
export interface KnownPerson {
  name: string
  relation: string
  phone: string
  email: string | null
  children: Array<{ id: string; name: string }>
}

/** Known guardians of several children → one entry per person. */
export function groupKnown(known: KnownGuardian[]): KnownPerson[] {
  const byKey = new Map<string, KnownPerson>()
  for (const k of known) {
    const key = `${k.name.trim().toLowerCase()}|${phoneDigits(k.phone) ?? k.phone}`
    const p = byKey.get(key)
    if (p) {
      if (!p.children.some((c) => c.id === k.child.id)) p.children.push(k.child)
    } else byKey.set(key, { name: k.name, relation: k.relation, phone: k.phone, email: k.email, children: [k.child] })
  }
  return [...byKey.values()].slice(0, 3)
}

/** Is this birth date (YYYY-MM-DD) a minor today? null when not a usable date. */
export function isMinor(birthDate: string, today = todayIso()): boolean | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(birthDate) || birthDate > today) return null
  return ageOn(birthDate, today) < ADULT_AGE
}

