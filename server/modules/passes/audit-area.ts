import { eq, inArray, sql } from 'drizzle-orm'
import { branches, clients, invoices, passes, passPlans, payments, refunds } from '../../../db/schema/index'
import { isId, tableLabels } from '../audit/index'
import type { Locale } from '../../../domain/i18n/locales'
import { translatorFor } from '../../../domain/i18n/translator'
import type { AuditArea, AuditLabeler } from '../module'
import { invoiceNumber } from './queries/invoices'

/** An erased client's name, in the reader's language. */
const erasedName = (locale: Locale) => translatorFor(locale).t('clients.erased.name')

const planNames = tableLabels(passPlans, passPlans.id, passPlans.name)

/** A pass as people say it: its plan and its holder ("Robotics 8 · Anna Petrosyan"; an erased client's stays erased). */
const passLabels: AuditLabeler = async (db, ids, locale) => {
  const wanted = [...new Set(ids.filter(isId))]
  if (!wanted.length) return new Map()
  const rows = await db
    .select({
      id: passes.id,
      plan: passPlans.name,
      client: sql<
        string | null
      >`case when ${clients.erasedAt} is null then ${clients.firstName} || ' ' || ${clients.lastName} end`,
    })
    .from(passes)
    .leftJoin(passPlans, eq(passPlans.id, passes.planId))
    .leftJoin(clients, eq(clients.id, passes.clientId))
    .where(inArray(passes.id, wanted))
  return new Map(rows.map((r) => [r.id, [r.plan, r.client ?? erasedName(locale)].filter(Boolean).join(' · ')]))
}

/** An invoice by its number as printed (HAR-2026-000017), and whom it is for. */
const invoiceLabels: AuditLabeler = async (db, ids, locale) => {
  const wanted = [...new Set(ids.filter(isId))]
  if (!wanted.length) return new Map()
  const rows = await db
    .select({
      id: invoices.id,
      year: invoices.year,
      number: invoices.number,
      branch: branches.name,
      client: sql<
        string | null
      >`case when ${clients.erasedAt} is null then ${clients.firstName} || ' ' || ${clients.lastName} end`,
    })
    .from(invoices)
    .leftJoin(clients, eq(clients.id, invoices.clientId))
    .leftJoin(branches, eq(branches.id, invoices.branchId))
    .where(inArray(invoices.id, wanted))
  return new Map(
    rows.map((r) => [r.id, `${invoiceNumber(r.branch ?? '', r.year, r.number)} · ${r.client ?? erasedName(locale)}`]),
  )
}

/** A payment or a refund by the invoice it belongs to. */
function byInvoice(table: typeof payments | typeof refunds): AuditLabeler {
  return async (db, ids, locale) => {
    const wanted = [...new Set(ids.filter(isId))]
    if (!wanted.length) return new Map()
    const rows = await db.select({ id: table.id, invoiceId: table.invoiceId }).from(table).where(inArray(table.id, wanted))
    const labels = await invoiceLabels(
      db,
      rows.map((r) => r.invoiceId),
      locale,
    )
    return new Map(rows.flatMap((r) => (labels.has(r.invoiceId) ? [[r.id, labels.get(r.invoiceId) as string]] : [])))
  }
}

/** Passes and money in the audit: sales, payments, refunds and cancellations change money. */
export const passesAudit: AuditArea = {
  area: 'money',
  commands: ['passes.', 'invoices.', 'payments.', 'refunds.', 'visits.'],
  moneyAffecting: ['passes.sell', 'invoices.', 'payments.', 'refunds.'],
  labels: {
    pass: passLabels,
    invoice: invoiceLabels,
    pass_plan: planNames,
    payment: byInvoice(payments),
    refund: byInvoice(refunds),
  },
  names: planNames,
}
