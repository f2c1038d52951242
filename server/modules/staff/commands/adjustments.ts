import { payAdjustments, staffServices } from '../../../../db/schema/index'
import { monthOf } from '../../../../domain/payroll/schemes'
import type { Actor } from '../../../../domain/roles'
import type { Tx } from '../../../../db/client'
import { ConflictError, ValidationError } from '../../../errors'
import { runCommand, type CommandContext } from '../../../http/command'
import { isApproved, loadEmployee, type EmployeeRow } from '../queries/employees'
import { employeeChanged } from './employees'

/**
 * The branch an employee's pay of a day goes to (their payroll branch), and the check that its
 * month is still open: pay of an approved month never moves (409 naming `on`).
 */
export async function openPayBranch(tx: Tx, e: EmployeeRow, on: string): Promise<string> {
  const branchId = e.branchIds[0]
  if (!branchId) throw ValidationError({ on: 'staff.noPayrollBranch' })
  if (await isApproved(tx, branchId, monthOf(on))) throw ConflictError('staff.approvedMonth', { on: 'staff.approvedMonth' })
  return branchId
}

export interface AdjustmentFields {
  kind: 'bonus' | 'deduction' | 'correction'
  on: string
  amount: number
  reason: string
  corrects?: string | null
}

/**
 * A bonus, a deduction or a correction of an employee's pay with its reason (`staff.adjustment.add`),
 * dated in an open month of their payroll branch. A bonus or a deduction is a positive amount (the
 * kind says which way); a correction is signed, never zero, and may name the month it corrects.
 */
export function addPayAdjustment(ctx: CommandContext, actor: Actor, employeeId: string, input: AdjustmentFields) {
  return runCommand(ctx, 'staff.adjustment.add', async (tx) => {
    const e = await loadEmployee(tx, employeeId)
    if (input.kind === 'correction' ? input.amount === 0 : input.amount <= 0)
      throw ValidationError({ amount: input.kind === 'correction' ? 'staff.amountNonZero' : 'staff.amountPositive' })
    if (input.corrects && input.corrects >= monthOf(input.on)) throw ValidationError({ corrects: 'staff.correctsEarlier' })
    const branchId = await openPayBranch(tx, e, input.on)
    const [a] = await tx
      .insert(payAdjustments)
      .values({
        employeeId,
        branchId,
        on: input.on,
        kind: input.kind,
        amount: input.amount,
        reason: input.reason,
        corrects: input.kind === 'correction' ? (input.corrects ?? null) : null,
        createdBy: actor.id,
      })
      .returning()
    return {
      result: a,
      entity: 'employee',
      entityId: employeeId,
      after: { adjustment: a },
      events: [employeeChanged(e, 'adjustment')],
    }
  })
}

export interface ServiceFields {
  on: string
  kind: 'party' | 'consultation' | 'other'
  minutes: number
  clients: number
  fee: number
  note?: string
}

/** A service given outside the timetable (`staff.service.add`): a birthday party, a consultation; dated in an open month. */
export function addStaffService(ctx: CommandContext, actor: Actor, employeeId: string, input: ServiceFields) {
  return runCommand(ctx, 'staff.service.add', async (tx) => {
    const e = await loadEmployee(tx, employeeId)
    const branchId = await openPayBranch(tx, e, input.on)
    const [s] = await tx
      .insert(staffServices)
      .values({ employeeId, branchId, ...input, note: input.note ?? '', createdBy: actor.id })
      .returning()
    return { result: s, entity: 'employee', entityId: employeeId, after: { service: s }, events: [employeeChanged(e, 'service')] }
  })
}
