/**
 * Lit-free logic of the Clients pages (unit tested): the list filter in the URL, known
 * guardians grouped per person, and whether a birth date makes a minor.
 */
import type { ClientListFilter, KnownGuardian } from '../../data/clients'
import { ADULT_AGE, ageOn, phoneDigits, todayIso } from '../../../../domain/clients/rules'

/** The list filter as it lives in the URL (?q=&status=&age=&flagged=1&birthday=1&activity=&group=&teacher=&owing=1&sort=newest). */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
/** Ids from the URL: anything else (a hand-edited link) is dropped instead of failing the list. */
const uuidOrEmpty = (v: string | null) => (v && UUID.test(v) ? v.toLowerCase() : '')

/** Is any filter (besides the sort) set? */
export const isFiltered = (f: ClientListFilter) =>
  !!(f.q || f.status || f.ageCategory || f.flagged || f.birthdayThisMonth || f.activityId || f.groupId || f.teacherId || f.owing)

export function filterFromSearch(search: string): ClientListFilter {
  const p = new URLSearchParams(search)
  const sort = p.get('sort') === 'newest' ? 'newest' : 'name'
  return {
    q: p.get('q') ?? '',
    status: p.get('status') ?? '',
    ageCategory: p.get('age') ?? '',
    flagged: p.get('flagged') === '1',
    birthdayThisMonth: p.get('birthday') === '1',
    activityId: uuidOrEmpty(p.get('activity')),
    groupId: uuidOrEmpty(p.get('group')),
    teacherId: uuidOrEmpty(p.get('teacher')),
    owing: p.get('owing') === '1',
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
  if (f.activityId) p.set('activity', f.activityId)
  if (f.groupId) p.set('group', f.groupId)
  if (f.teacherId) p.set('teacher', f.teacherId)
  if (f.owing) p.set('owing', '1')
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
