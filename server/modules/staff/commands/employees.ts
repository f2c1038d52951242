import { and, eq, inArray, ne } from 'drizzle-orm'
import type { Tx } from '../../../../db/client'
import { branches, employeeNotes, employees, users } from '../../../../db/schema/index'
import type { Actor } from '../../../../domain/roles'
import { ConflictError, ValidationError } from '../../../errors'
import { runCommand, type CommandContext } from '../../../http/command'
import { loadEmployee, type EmployeeRow } from '../queries/employees'

export interface EmployeeFields {
  name: string
  positions: string[]
  branchIds: string[]
  userId?: string | null
  phone?: string | null
  email?: string | null
  hiredOn?: string | null
  leftOn?: string | null
}

/** An employee's change as the live feed says it. */
export const employeeChanged = (e: Pick<EmployeeRow, 'id' | 'branchIds'>, action: string) =>
  ({ name: 'entity.changed', payload: { type: 'employee', id: e.id, action, branchId: e.branchIds[0] ?? null } }) as const

/** Checks what an employee row refers to: their branches exist, their login exists and is nobody else's. */
async function checkLinks(tx: Tx, f: Partial<EmployeeFields>, self: string | null) {
  if (f.branchIds?.length) {
    const found = await tx.select({ id: branches.id }).from(branches).where(inArray(branches.id, f.branchIds))
    if (found.length !== new Set(f.branchIds).size) throw ValidationError({ branchIds: 'staff.unknownBranch' })
  }
  if (f.userId) {
    const [u] = await tx.select({ id: users.id }).from(users).where(eq(users.id, f.userId)).limit(1)
    if (!u) throw ValidationError({ userId: 'staff.unknownLogin' })
    const [other] = await tx
      .select({ id: employees.id })
      .from(employees)
      .where(and(eq(employees.userId, f.userId), self ? ne(employees.id, self) : undefined))
      .limit(1)
    if (other) throw ConflictError('staff.loginTaken', { userId: 'staff.loginTaken' })
  }
  if (f.hiredOn && f.leftOn && f.leftOn < f.hiredOn) throw ValidationError({ leftOn: 'staff.leftBeforeHired' })
}

/** Adds an employee (`staff.employee.create`): a person, their positions and branches, a login if they have one. */
export function createEmployee(ctx: CommandContext, actor: Actor, input: EmployeeFields): Promise<EmployeeRow> {
  return runCommand(ctx, 'staff.employee.create', async (tx) => {
    await checkLinks(tx, input, null)
    const [e] = await tx
      .insert(employees)
      .values({
        name: input.name,
        positions: input.positions,
        branchIds: [...new Set(input.branchIds)],
        userId: input.userId ?? null,
        phone: input.phone || null,
        email: input.email || null,
        hiredOn: input.hiredOn ?? null,
        leftOn: input.leftOn ?? null,
        createdBy: actor.id,
        updatedBy: actor.id,
      })
      .returning()
    return { result: e, entity: 'employee', entityId: e.id, after: e, events: [employeeChanged(e, 'created')] }
  })
}

/** Changes an employee's person, positions, branches or login (`staff.employee.update`). */
export function updateEmployee(
  ctx: CommandContext,
  actor: Actor,
  id: string,
  patch: Partial<EmployeeFields>,
): Promise<EmployeeRow> {
  return runCommand(ctx, 'staff.employee.update', async (tx) => {
    const before = await loadEmployee(tx, id)
    const merged = { hiredOn: before.hiredOn, leftOn: before.leftOn, ...patch }
    await checkLinks(tx, merged, id)
    const [e] = await tx
      .update(employees)
      .set({
        ...patch,
        ...(patch.branchIds ? { branchIds: [...new Set(patch.branchIds)] } : {}),
        ...(patch.phone !== undefined ? { phone: patch.phone || null } : {}),
        ...(patch.email !== undefined ? { email: patch.email || null } : {}),
        updatedAt: new Date(),
        updatedBy: actor.id,
      })
      .where(eq(employees.id, id))
      .returning()
    return { result: e, entity: 'employee', entityId: id, before, after: e, events: [employeeChanged(e, 'updated')] }
  })
}

/** A manager's observation of an employee (`staff.note.add`): appended, stamped, never edited. */
export function addEmployeeNote(ctx: CommandContext, actor: Actor, id: string, text: string) {
  return runCommand(ctx, 'staff.note.add', async (tx) => {
    const e = await loadEmployee(tx, id)
    const [n] = await tx.insert(employeeNotes).values({ employeeId: id, text, by: actor.id }).returning()
    return { result: n, entity: 'employee', entityId: id, after: { note: n }, events: [employeeChanged(e, 'note')] }
  })
}
