import { createRoute, z } from '@hono/zod-openapi'
import type { Currency } from '../../../../domain/i18n/format'
import type { Locale } from '../../../../domain/i18n/locales'
import { translatorFor } from '../../../../domain/i18n/translator'
import { toDecimalString } from '../../../../domain/money'
import type { Actor } from '../../../../domain/roles'
import { toCsv } from '../../../http/csv'
import { createRouter, jsonBody, responses, security } from '../../../http/openapi'
import { authorize, authorizeRole } from '../../../policies/policy'
import { centerSettingsOf, centerTimeZone } from '../../center/index'
import { closeCashDesk } from '../commands/cash-desk'
import { todayIn } from '../pass-alerts'
import { passesPolicies } from '../policies'
import {
  CashDeskSchema,
  DebtorSchema,
  TaxReportSchema,
  presentCashDesk,
  presentDebtor,
  presentTaxReport,
} from '../presenters-money'
import { cashDeskDay } from '../queries/cash-desk'
import { debtors, type Debtor } from '../queries/debtors'
import { branchOf } from '../queries/invoices'
import { taxReport } from '../queries/tax-report'
import { CashDeskClose, CashDeskQuery, DebtorsQuery, TaxReportQuery } from './money-schemas'
import type { Policy } from '../../../policies/policy'

/**
 * Branches a list covers: the one asked for (the actor must work there), else every branch for
 * someone of the whole center, else the actor's own.
 */
function scope(actor: Actor | null, p: Policy<{ branchId: string | null }>, branchId: string | undefined): string[] | null {
  if (branchId) {
    authorize(actor, p, { branchId })
    return [branchId]
  }
  const a = authorizeRole(actor, p)
  if (!a.branchIds.length) return null
  for (const b of a.branchIds) authorize(a, p, { branchId: b })
  return a.branchIds
}

/** The debtors list as CSV, headers in the reader's language, amounts as plain decimals. */
export function debtorsCsv(rows: Debtor[], currency: Currency, locale: Locale): string {
  const t = translatorFor(locale)
  return toCsv(
    [
      t.t('passes.debtors.client'),
      t.t('passes.debtors.phone'),
      t.t('passes.debtors.payer'),
      t.t('passes.debtors.payerPhone'),
      t.t('passes.debtors.debt', { currency }),
      t.t('passes.debtors.invoices'),
      t.t('passes.debtors.oldestDue'),
      t.t('passes.debtors.daysOverdue'),
      t.t('passes.debtors.bucket'),
    ],
    rows.map((r) => [
      r.name,
      r.phone ?? '',
      r.payerName ?? '',
      r.payerPhone ?? '',
      toDecimalString(r.debt, currency),
      r.invoices,
      r.oldestDueOn,
      Math.max(0, r.daysOverdue),
      r.bucket,
    ]),
    { bom: true },
  )
}

/** The cash desk (a branch's day, closing it), the debtors list with ageing (and CSV), the tax report. */
export const moneyReportRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/cash-desk',
      tags: ['passes'],
      summary: 'A branch’s cash-desk day: payments by method and by user, refunds, closed or not',
      security,
      request: { query: CashDeskQuery },
      responses: responses(200, CashDeskSchema),
    }),
    async (c) => {
      const q = c.req.valid('query')
      authorize(c.var.actor, passesPolicies.readCashDesk, { branchId: q.branchId })
      const db = c.var.deps.database.db
      const branch = await branchOf(db, q.branchId)
      return c.json(presentCashDesk(await cashDeskDay(db, branch.id, q.day ?? todayIn(branch.timezone))), 200)
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/cash-desk/close',
      tags: ['passes'],
      summary: 'Close a branch’s cash-desk day (its totals kept; no back-dated payment after)',
      security,
      request: jsonBody(CashDeskClose),
      responses: responses(200, CashDeskSchema),
    }),
    async (c) => {
      const input = c.req.valid('json')
      const actor = authorize(c.var.actor, passesPolicies.closeCashDesk, { branchId: input.branchId })
      return c.json(presentCashDesk(await closeCashDesk(c.var.ctx, actor, input.branchId, input.day)), 200)
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/debtors',
      tags: ['passes'],
      summary: 'Debtors with ageing (0–30, 31–60, over 60 days past the oldest unpaid invoice’s due date)',
      security,
      request: { query: DebtorsQuery },
      responses: responses(200, z.object({ items: z.array(DebtorSchema) })),
    }),
    async (c) => {
      const branches = scope(c.var.actor, passesPolicies.readDebtors, c.req.valid('query').branchId)
      const db = c.var.deps.database.db
      const rows = await debtors(db, branches, todayIn(await centerTimeZone(db)))
      return c.json({ items: rows.map(presentDebtor) }, 200)
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/debtors.csv',
      tags: ['passes'],
      summary: 'The debtors list as CSV (owner, manager, accountant)',
      security,
      request: { query: DebtorsQuery },
      responses: { 200: { description: 'CSV', content: { 'text/csv': { schema: z.string() } } } },
    }),
    async (c) => {
      const branches = scope(c.var.actor, passesPolicies.readDebtors, c.req.valid('query').branchId)
      const db = c.var.deps.database.db
      const today = todayIn(await centerTimeZone(db))
      const rows = await debtors(db, branches, today)
      const { currency } = await centerSettingsOf(db)
      return c.body(debtorsCsv(rows, currency, c.var.locale), 200, {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename="debtors-${today}.csv"`,
      })
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/tax-report',
      tags: ['passes'],
      summary: 'Net, tax and gross by tax rate for a period and branch, refunds subtracted',
      security,
      request: { query: TaxReportQuery },
      responses: responses(200, TaxReportSchema),
    }),
    async (c) => {
      const q = c.req.valid('query')
      const branches = scope(c.var.actor, passesPolicies.readTaxReport, q.branchId)
      const db = c.var.deps.database.db
      const rows = await taxReport(db, q.from, q.to, branches)
      return c.json(presentTaxReport(q.from, q.to, q.branchId ?? null, rows), 200)
    },
  )
