import { sql } from 'drizzle-orm'
import { queryRows } from '../../../../db/client'
import { payrollLines, payrolls } from '../../../../db/schema/index'
import { sum } from '../../../../domain/money'
import { monthBounds } from '../../../../domain/payroll/schemes'
import type { Actor } from '../../../../domain/roles'
import { ConflictError } from '../../../errors'
import { runCommand, type CommandContext } from '../../../http/command'
import { centerSettingsOf } from '../../center/index'
import { branchOf, computePayroll } from '../payroll'
import { NO_FILE } from '../queries/pay-input'

export interface ApproveResult {
  payrollId: string
  lines: number
  total: number
}

/** Today in a time zone (YYYY-MM-DD). */
const todayIn = (timeZone: string, now = new Date()) =>
  new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now)

/**
 * Approves a branch's payroll for a month: the lines computed now (the same computation as the
 * preview) are stored with the payroll in ONE transaction with its audit row, under a lock per
 * branch so two approvals never race. Refused (409, nothing written) when the month is already
 * approved, when it has not ended yet in the branch's time zone (a month is approved once it is
 * over), or when it has nothing to pay. Lines of teachers without an employee file (shown as
 * problems, paid nothing) are never stored.
 */
export function approvePayroll(ctx: CommandContext, actor: Actor, branchId: string, month: string): Promise<ApproveResult> {
  return runCommand<ApproveResult>(ctx, 'payroll.approve', async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`payroll:${branchId}`}, 0))`)
    const branch = await branchOf(tx, branchId)
    const [done] = await queryRows<{ id: string }>(
      tx,
      sql`select id from payrolls where branch_id = ${branchId} and month = ${month}`,
    )
    if (done) throw ConflictError('payroll.alreadyApproved', { month: 'payroll.alreadyApproved' })
    if (todayIn(branch.timezone) <= monthBounds(month).last)
      throw ConflictError('payroll.notEnded', { month: 'payroll.notEnded' })
    const { lines } = await computePayroll(tx, branchId, month)
    const paid = lines.filter((l) => !l.employeeId.startsWith(NO_FILE))
    if (!paid.length) throw ConflictError('payroll.empty', { month: 'payroll.empty' })
    const { currency } = await centerSettingsOf(tx)
    const total = sum(paid.map((l) => l.amount))
    const [payroll] = await tx
      .insert(payrolls)
      .values({ branchId, month, currency, total, approvedBy: actor.id })
      .returning({ id: payrolls.id })
    for (let i = 0; i < paid.length; i += 1000)
      await tx.insert(payrollLines).values(
        paid.slice(i, i + 1000).map((l) => ({
          payrollId: payroll.id,
          employeeId: l.employeeId,
          kind: l.kind,
          on: l.day,
          serviceId: l.serviceId,
          staffServiceId: l.staffServiceId,
          adjustmentId: l.adjustmentId,
          lessonId: l.lessonId,
          schemeId: l.schemeId,
          attendees: l.attendees,
          minutes: l.minutes,
          rate: l.rate,
          base: l.base,
          amount: l.amount,
          corrects: l.corrects,
          reason: l.reason,
        })),
      )
    return {
      result: { payrollId: payroll.id, lines: paid.length, total },
      entity: 'payroll',
      entityId: payroll.id,
      after: { branchId, month, currency, total, lines: paid.length },
      events: [{ name: 'entity.changed', payload: { type: 'payroll', id: payroll.id, action: 'approved', branchId } }],
    }
  })
}
