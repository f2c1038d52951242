import { sql, type SQL } from 'drizzle-orm'
import type { Actor } from '../../../domain/roles'
import type { AuditArea, AuditLabeler } from '../module'

/** The area of a change nobody claims. */
export const OTHER_AREA = 'other'

/** One audit area, merged from every module that declares it (several modules may add to "settings"). */
export interface ResolvedArea {
  area: string
  exact: Set<string>
  prefixes: string[]
  docTypes: Set<string>
  medicalViews: boolean
  contentVisibleTo: Array<(actor: Actor) => boolean>
}

const isPrefix = (p: string) => p.endsWith('.')

/**
 * The modules' audit declarations, put together once (the registry's `auditAreas`): which area a
 * command or a document is in, the SQL conditions that pick an area's rows, the money filter,
 * subject labels and names.
 */
export class AuditAreas {
  readonly areas: ResolvedArea[] = []
  private readonly moneyExact = new Set<string>()
  private readonly moneyPrefixes: string[] = []
  private readonly labelers = new Map<string, AuditLabeler[]>()
  readonly namers: AuditLabeler[] = []

  constructor(decls: readonly AuditArea[]) {
    const byName = new Map<string, ResolvedArea>()
    for (const d of decls) {
      let a = byName.get(d.area)
      if (!a) {
        a = { area: d.area, exact: new Set(), prefixes: [], docTypes: new Set(), medicalViews: false, contentVisibleTo: [] }
        byName.set(d.area, a)
        this.areas.push(a)
      }
      for (const c of d.commands ?? [])
        if (isPrefix(c)) a.prefixes.push(c)
        else a.exact.add(c)
      for (const t of d.docTypes ?? []) a.docTypes.add(t)
      if (d.medicalViews) a.medicalViews = true
      if (d.contentVisibleTo) a.contentVisibleTo.push(d.contentVisibleTo)
      for (const m of d.moneyAffecting ?? [])
        if (isPrefix(m)) this.moneyPrefixes.push(m)
        else this.moneyExact.add(m)
      for (const [type, fn] of Object.entries(d.labels ?? {})) this.labelers.set(type, [...(this.labelers.get(type) ?? []), fn])
      if (d.names) this.namers.push(d.names)
    }
  }

  /** Every area's name (the filter's values), `other` last. */
  names(): string[] {
    return [...this.areas.map((a) => a.area), OTHER_AREA]
  }

  has(area: string): boolean {
    return area === OTHER_AREA || this.areas.some((a) => a.area === area)
  }

  private get(area: string): ResolvedArea | undefined {
    return this.areas.find((a) => a.area === area)
  }

  /** The area of a command (an exact action first, then the longest prefix). */
  commandArea(action: string): string {
    for (const a of this.areas) if (a.exact.has(action)) return a.area
    let best: { area: string; len: number } | null = null
    for (const a of this.areas)
      for (const p of a.prefixes)
        if (action.startsWith(p) && (!best || p.length > best.len)) best = { area: a.area, len: p.length }
    return best?.area ?? OTHER_AREA
  }

  docArea(docType: string): string {
    return this.areas.find((a) => a.docTypes.has(docType))?.area ?? OTHER_AREA
  }

  viewArea(): string {
    return this.areas.find((a) => a.medicalViews)?.area ?? OTHER_AREA
  }

  isMoney(action: string): boolean {
    return this.moneyExact.has(action) || this.moneyPrefixes.some((p) => action.startsWith(p))
  }

  /** May this reader see what the area's changes were (a medical file's content)? */
  contentVisible(area: string, actor: Actor): boolean {
    return (this.get(area)?.contentVisibleTo ?? []).every((f) => f(actor))
  }

  labelersOf(type: string): AuditLabeler[] {
    return this.labelers.get(type) ?? []
  }

  /** Matches an action column against exact actions and prefixes (false when there are none). */
  private actionMatch(col: SQL, exact: Iterable<string>, prefixes: readonly string[]): SQL {
    const parts: SQL[] = []
    const ex = [...exact]
    if (ex.length)
      parts.push(
        sql`${col} in (${sql.join(
          ex.map((e) => sql`${e}`),
          sql`, `,
        )})`,
      )
    for (const p of prefixes) parts.push(sql`starts_with(${col}, ${p})`)
    return parts.length ? sql`(${sql.join(parts, sql` or `)})` : sql`false`
  }

  private docMatch(col: SQL, types: Iterable<string>): SQL {
    const parts = [...types].map((t) => sql`starts_with(${col}, ${t + ':'})`)
    return parts.length ? sql`(${sql.join(parts, sql` or `)})` : sql`false`
  }

  /** The condition on audit_log.action for an area (`other`: no area's). */
  commandCondition(col: SQL, area: string): SQL {
    if (area === OTHER_AREA) {
      const all = this.areas.map((a) => this.actionMatch(col, a.exact, a.prefixes))
      return all.length ? sql`not (${sql.join(all, sql` or `)})` : sql`true`
    }
    const a = this.get(area)
    return a ? this.actionMatch(col, a.exact, a.prefixes) : sql`false`
  }

  /** The condition on doc_updates.doc for an area. */
  docCondition(col: SQL, area: string): SQL {
    if (area === OTHER_AREA) {
      const all = this.docMatch(
        col,
        this.areas.flatMap((a) => [...a.docTypes]),
      )
      return sql`not ${all}`
    }
    const a = this.get(area)
    return a ? this.docMatch(col, a.docTypes) : sql`false`
  }

  /** Are the medical views in this area? */
  viewsIn(area: string): boolean {
    return this.viewArea() === area
  }

  moneyCondition(col: SQL): SQL {
    return this.actionMatch(col, this.moneyExact, this.moneyPrefixes)
  }

  /** `case … end`: the area of each audit_log row, in SQL (for counts). */
  commandAreaCase(col: SQL): SQL {
    // exact actions first, then longer prefixes before shorter ones (as commandArea decides)
    const whens: SQL[] = []
    for (const a of this.areas) if (a.exact.size) whens.push(sql`when ${this.actionMatch(col, a.exact, [])} then ${a.area}`)
    const prefixes = this.areas
      .flatMap((a) => a.prefixes.map((p) => ({ p, area: a.area })))
      .sort((x, y) => y.p.length - x.p.length)
    for (const { p, area } of prefixes) whens.push(sql`when starts_with(${col}, ${p}) then ${area}`)
    return whens.length ? sql`(case ${sql.join(whens, sql` `)} else ${OTHER_AREA} end)` : sql`${OTHER_AREA}`
  }

  docAreaCase(col: SQL): SQL {
    const whens = this.areas.flatMap((a) => (a.docTypes.size ? [sql`when ${this.docMatch(col, a.docTypes)} then ${a.area}`] : []))
    return whens.length ? sql`(case ${sql.join(whens, sql` `)} else ${OTHER_AREA} end)` : sql`${OTHER_AREA}`
  }
}

const cache = new WeakMap<readonly AuditArea[], AuditAreas>()
/** The areas of a registry's declarations (built once per registry). */
export function auditAreasOf(decls: readonly AuditArea[]): AuditAreas {
  let a = cache.get(decls)
  if (!a) cache.set(decls, (a = new AuditAreas(decls)))
  return a
}
