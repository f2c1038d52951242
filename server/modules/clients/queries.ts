import { and, asc, desc, eq, ilike, isNull, or, sql, type SQL } from 'drizzle-orm'
import type { Queryable } from '../../../db/client'
import { clients } from '../../../db/schema/index'
import type { AgeCategory } from './rules'

export interface ClientListParams {
  q?: string
  status?: string
  /** Age category key or label. */
  ageCategory?: string
  flagged?: boolean
  birthdayThisMonth?: boolean
  sort: 'name' | 'newest'
  cursor?: string
  limit: number
}

/** Escape LIKE wildcards in user input. */
const likeEscape = (s: string) => s.replace(/[\\%_]/g, (m) => '\\' + m)

function yearsBefore(today: string, years: number): string {
  const [y, m, d] = today.split('-').map(Number)
  const date = new Date(Date.UTC(y - years, m - 1, d))
  return date.toISOString().slice(0, 10)
}

/** SQL conditions for the list filters (search is a trigram-indexed ILIKE per word). */
export function clientFilters(p: ClientListParams, categories: AgeCategory[], today: string): SQL[] {
  const conds: SQL[] = [isNull(clients.erasedAt)]
  if (p.q) {
    for (const word of p.q.toLowerCase().split(/\s+/).filter(Boolean).slice(0, 5)) {
      const digits = word.replace(/[^\d]/g, '')
      const term = /^[+\d()./-]+$/.test(word) && digits.length >= 3 ? digits : word
      conds.push(ilike(clients.searchText, `%${likeEscape(term)}%`))
    }
  }
  if (p.status) conds.push(eq(clients.status, p.status))
  if (p.ageCategory) {
    const cat = categories.find((c) => c.key === p.ageCategory || c.label === p.ageCategory)
    if (cat) {
      // age >= min  ⇔ born on or before today − min years; age <= max ⇔ born after today − (max+1) years
      conds.push(sql`${clients.birthDate} <= ${yearsBefore(today, cat.min)}`)
      if (cat.max !== null) conds.push(sql`${clients.birthDate} > ${yearsBefore(today, cat.max + 1)}`)
    } else {
      conds.push(sql`false`)
    }
  }
  if (p.flagged) conds.push(sql`cardinality(${clients.flags}) > 0`)
  if (p.birthdayThisMonth) conds.push(sql`extract(month from ${clients.birthDate}) = ${Number(today.slice(5, 7))}`)
  return conds
}

interface NameCursor { l: string; f: string; i: string }
interface NewestCursor { c: string; i: string }

export const encodeCursor = (v: object) => Buffer.from(JSON.stringify(v)).toString('base64url')
export function decodeCursor<T>(s: string): T | null {
  try {
    return JSON.parse(Buffer.from(s, 'base64url').toString('utf8')) as T
  } catch {
    return null
  }
}

/** One page of clients with a keyset cursor (stable under inserts, fast at any depth). */
export async function listClients(db: Queryable, p: ClientListParams, categories: AgeCategory[], today: string) {
  const conds = clientFilters(p, categories, today)
  if (p.cursor) {
    if (p.sort === 'name') {
      const c = decodeCursor<NameCursor>(p.cursor)
      if (c) conds.push(sql`(${clients.lastName}, ${clients.firstName}, ${clients.id}) > (${c.l}, ${c.f}, ${c.i})`)
    } else {
      const c = decodeCursor<NewestCursor>(p.cursor)
      // compared at millisecond precision, the precision of the cursor (PostgreSQL keeps microseconds)
      if (c) conds.push(sql`(date_trunc('milliseconds', ${clients.createdAt}), ${clients.id}) < (${new Date(c.c).toISOString()}::timestamptz, ${c.i}::uuid)`)
    }
  }
  const order = p.sort === 'name' ? [asc(clients.lastName), asc(clients.firstName), asc(clients.id)] : [desc(sql`date_trunc('milliseconds', ${clients.createdAt})`), desc(clients.id)]
  const rows = await db.select().from(clients).where(and(...conds)).orderBy(...order).limit(p.limit + 1)
  const page = rows.slice(0, p.limit)
  const last = page[page.length - 1]
  const nextCursor =
    rows.length > p.limit && last
      ? encodeCursor(p.sort === 'name' ? { l: last.lastName, f: last.firstName, i: last.id } : { c: last.createdAt.toISOString(), i: last.id })
      : null
  return { rows: page, nextCursor }
}

/** Possible duplicates: same name and birth date, or same phone (the client's or a guardian's). */
export async function findDuplicates(db: Queryable, input: { firstName?: string; lastName?: string; birthDate?: string | null; phoneDigits: string[] }) {
  const conds: SQL[] = []
  if (input.firstName && input.lastName && input.birthDate) {
    conds.push(and(sql`lower(${clients.firstName}) = ${input.firstName.trim().toLowerCase()}`, sql`lower(${clients.lastName}) = ${input.lastName.trim().toLowerCase()}`, eq(clients.birthDate, input.birthDate))!)
  }
  const phones = input.phoneDigits.filter(Boolean)
  if (phones.length) conds.push(sql`${clients.phoneDigits} in ${phones}`)
  if (!conds.length) return []
  return db
    .select({ id: clients.id, firstName: clients.firstName, lastName: clients.lastName, birthDate: clients.birthDate, phone: clients.phone })
    .from(clients)
    .where(and(isNull(clients.erasedAt), or(...conds)))
    .limit(10)
}
