import { eq, inArray, sql } from 'drizzle-orm'
import { branches, clients, saleReturns, sales } from '../../../db/schema/index'
import type { Queryable } from '../../../db/client'
import { translatorFor } from '../../../domain/i18n/translator'
import type { Locale } from '../../../domain/i18n/locales'
import { isId } from '../audit/index'
import type { AuditArea, AuditLabeler } from '../module'
import { receiptNumber } from './queries'

const buyerSql = sql<
  string | null
>`case when ${clients.id} is null then null when ${clients.erasedAt} is null then ${clients.firstName} || ' ' || ${clients.lastName} else '' end`

/** Sales as people say them: "Receipt CEN-2026-S000012 · Anna Petrosyan" (a walk-in, an erased client, in the reader's words). */
async function saleWords(db: Queryable, saleIds: readonly string[], locale: Locale) {
  if (!saleIds.length) return new Map<string, string>()
  const rows = await db
    .select({ id: sales.id, year: sales.year, number: sales.number, branch: branches.name, buyer: buyerSql })
    .from(sales)
    .innerJoin(branches, eq(branches.id, sales.branchId))
    .leftJoin(clients, eq(clients.id, sales.clientId))
    .where(inArray(sales.id, [...saleIds]))
  const tr = translatorFor(locale)
  return new Map(
    rows.map((r) => {
      const buyer = r.buyer === null ? tr.t('sales.walkIn') : r.buyer || tr.t('clients.erased.name')
      return [r.id, tr.t('sales.label', { number: receiptNumber(r.branch, r.year, r.number), buyer })]
    }),
  )
}

const saleLabels: AuditLabeler = (db, ids, locale) => saleWords(db, [...new Set(ids.filter(isId))], locale)

/** A return as its sale: "Return · Receipt CEN-2026-S000012 · Anna Petrosyan". */
const returnLabels: AuditLabeler = async (db, ids, locale) => {
  const wanted = [...new Set(ids.filter(isId))]
  if (!wanted.length) return new Map()
  const rows = await db
    .select({ id: saleReturns.id, saleId: saleReturns.saleId })
    .from(saleReturns)
    .where(inArray(saleReturns.id, wanted))
  const words = await saleWords(
    db,
    rows.map((r) => r.saleId),
    locale,
  )
  const tr = translatorFor(locale)
  return new Map(rows.map((r) => [r.id, tr.t('sales.returnLabel', { sale: words.get(r.saleId) ?? '' })]))
}

/** The point of sale in the audit: sales and returns (money), each named by its receipt and buyer. */
export const salesAudit: AuditArea = {
  area: 'sales',
  commands: ['sales.'],
  moneyAffecting: ['sales.'],
  labels: { sale: saleLabels, sale_return: returnLabels },
  names: saleLabels,
}
