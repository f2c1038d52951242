import { defineModule } from '../module'
import { passAlerts } from './alert-kinds'
import { eraseClientMoney } from './commands/erase-client-money'
import { reviewClientPasses } from './commands/client-status'
import { onLessonDone, onLessonUndone } from './hooks'
import { passesPolicies } from './policies'
import { invoicesOverdueJob } from './jobs/invoices-overdue'
import { passesExpiringJob } from './jobs/passes-expiring'
import { owingVisits } from './owing-visits'
import { debtOwing } from './owing-debt'
import { moneyRoutes } from './routes/money'
import { moneyReportRoutes } from './routes/money-reports'
import { moneySalesRoutes } from './routes/money-sales'
import { visitRoutes } from './routes/visits'
import { seedPasses } from './seed'
import { passesAudit } from './audit-area'

export { passesPolicies } from './policies'
export { passAlerts } from './alert-kinds'
export { reviewPassAlerts } from './pass-alerts'
export { settleOwedVisits } from './commands/write-off'
export { clientPasses, passViews, type PassView, type PassStatus } from './queries/passes'
export { clientDebts, clientCredits, debtSql } from './queries/balances'
export { debtors, type Debtor } from './queries/debtors'
export { taxReport, taxReportByMonth, type TaxReportRow } from './queries/tax-report'
export { todayIn } from './pass-alerts'
export { invoicesOfPeriod, receiptsOfPeriod, cashDeskDaysOf } from './queries/period-documents'
export type { DocumentData } from './queries/invoices-documents'
export { invoicePdf, receiptPdf } from './pdf/documents'
export { cashDeskPdf } from './pdf/cash-desk'

/**
 * Passes and payments (issue #15): pass plans with effective-dated prices and tax, passes sold on
 * invoices numbered without gaps, payments (idempotent), refunds and corrections as new records,
 * visits written off when a lesson is done or a client checks in, freezes, make-up credits, red
 * flags (running out, used up, expired, debt, overdue, owed visit) and the owing checks that turn
 * a group's line red. Money goes through domain/money.ts.
 */
export const passes = defineModule({
  name: 'passes',
  routes: [moneyRoutes, moneySalesRoutes, moneyReportRoutes, visitRoutes],
  policies: Object.values(passesPolicies),
  audit: [passesAudit],
  alertKinds: Object.values(passAlerts),
  owingChecks: [debtOwing, owingVisits],
  jobs: [invoicesOverdueJob, passesExpiringJob],
  // a lesson marked done writes a session off each attending member's pass; undone gives them back
  // an erased client's invoices and refunds stay in the books without their name, phone or reasons;
  // a client who leaves takes their pass flags off the wall (and gets them back on returning)
  hooks: {
    'lesson.done': onLessonDone,
    'lesson.undone': onLessonUndone,
    'client.erased': eraseClientMoney,
    'client.statusChanged': reviewClientPasses,
  },
  // a pass's changes (written off, given back, frozen, sold) and a visit's reach their branch's
  // screens at once: every screen showing a pass refetches it (its colour follows its open flag)
  liveEntities: {
    pass: { read: passesPolicies.readAccount, branchScoped: true },
    visit: { branchScoped: true },
    freeze: { branchScoped: true },
  },
  seed: seedPasses,
})
