import { eq } from 'drizzle-orm'
import { employees, paySchemes } from '../../../../db/schema/index'
import { planScheme, type SchemeRates } from '../../../../domain/payroll/schemes'
import type { Actor } from '../../../../domain/roles'
import { ConflictError, NotFoundError, ValidationError } from '../../../errors'
import { runCommand, type CommandContext } from '../../../http/command'
import { approvedMonthsOf, schemesOf, type SchemeRow } from '../queries/employees'
import { employeeChanged } from './employees'

export interface SchemeFields extends SchemeRates {
  validFrom: string
  validTo?: string | null
  note?: string
}

/**
 * Sets an employee's pay from a day (`staff.scheme.set`): the open scheme that started earlier
 * ends the day before; an overlap with any other, a start inside a month whose payroll is approved
 * (409 naming `validFrom`), a negative or impossible rate, an end before the start (400 naming the
 * field) are refused and nothing is written. Earlier periods never change.
 */
export function setPayScheme(ctx: CommandContext, actor: Actor, employeeId: string, input: SchemeFields): Promise<SchemeRow> {
  return runCommand(ctx, 'staff.scheme.set', async (tx) => {
    // one change of an employee's pay at a time
    const [e] = await tx.select().from(employees).where(eq(employees.id, employeeId)).for('update').limit(1)
    if (!e) throw NotFoundError('staff.notFound')
    const existing = await schemesOf(tx, employeeId)
    const proposed = {
      validFrom: input.validFrom,
      validTo: input.validTo ?? null,
      perLesson: input.perLesson,
      perClient: input.perClient,
      revenueBp: input.revenueBp,
      hourly: input.hourly,
      monthly: input.monthly,
    }
    const decision = planScheme(existing, proposed, await approvedMonthsOf(tx, e))
    if (!decision.ok) {
      const { field, message } = decision.refusal
      if (message === 'staff.scheme.overlaps' || message === 'staff.scheme.insideApproved')
        throw ConflictError(message, { [field]: message })
      throw ValidationError({ [field]: message })
    }
    const closes = decision.plan.closes
    if (closes) await tx.update(paySchemes).set({ validTo: closes.validTo }).where(eq(paySchemes.id, closes.id))
    const [s] = await tx
      .insert(paySchemes)
      .values({ ...proposed, employeeId, note: input.note ?? '', createdBy: actor.id })
      .returning()
    return {
      result: s,
      entity: 'employee',
      entityId: employeeId,
      before: closes ? { closed: existing.find((x) => x.id === closes.id) } : undefined,
      after: { scheme: s, closed: closes },
      events: [employeeChanged(e, 'scheme')],
    }
  })
}
