import { eq } from 'drizzle-orm'
import type { Db } from '../../../db/client'
import {
  activities,
  clients,
  employees,
  groupMembers,
  invoiceLines,
  invoices,
  passPlans,
  passes,
  paySchemes,
  productPrices,
  products,
} from '../../../db/schema/index'
import type { buildTwoBranches } from '../../support/two-branches'

type Center = Awaited<ReturnType<typeof buildTwoBranches>>

/**
 * The lesson-cost tests' center on top of two branches: the activity uses 2 glue sticks a lesson
 * (a consumable costing 250), the Central teacher is an employee paid by `scheme`, and `members`
 * clients of the Central group each hold a pass sold with VAT included (net + 20 %), its invoice
 * and line; a member with `sessions: null` holds an unlimited pass.
 */
export async function costCenter(
  db: Db,
  center: Center,
  opts: {
    scheme: { perLesson?: number; perClient?: number; monthly?: number }
    members: ReadonlyArray<{ sessions: number | null; price: number }>
    label: string
  },
) {
  await db
    .update(activities)
    .set({ consumables: [{ item: 'Glue stick', quantity: 2, unit: 'pcs' }] })
    .where(eq(activities.id, center.activity.id))
  const [glue] = await db
    .insert(products)
    .values({ name: 'Glue stick', kind: 'consumable', sku: 'GLUE-1', unit: 'pcs', createdAt: new Date(Date.now() - 86_400_000) })
    .returning()
  await db.insert(productPrices).values({ productId: glue.id, effectiveFrom: '2020-01-01', salePrice: 400, cost: 250 })
  const [employee] = await db
    .insert(employees)
    .values({
      name: 'Teacher One',
      userId: center.staff.teacher.id,
      positions: ['teacher'],
      branchIds: [center.central.branch.id],
    })
    .returning()
  await db.insert(paySchemes).values({ employeeId: employee.id, validFrom: '2020-01-01', ...opts.scheme })
  const [plan] = await db
    .insert(passPlans)
    .values({ name: opts.label, activityIds: [center.activity.id], sessions: 10, validDays: 365 })
    .returning()
  const members: Array<{ clientId: string; passId: string }> = []
  for (const [i, m] of opts.members.entries()) {
    const tax = m.price / 6 // 20 % included
    const [client] = await db
      .insert(clients)
      .values({ firstName: `Client${i + 1}`, lastName: opts.label })
      .returning()
    await db.insert(groupMembers).values({ groupId: center.central.group.id, clientId: client.id })
    const [invoice] = await db
      .insert(invoices)
      .values({
        branchId: center.central.branch.id,
        year: 2026,
        number: i + 1,
        clientId: client.id,
        currency: 'AMD',
        net: m.price - tax,
        tax,
        total: m.price,
        issuedOn: '2026-01-01',
        dueOn: '2026-01-01',
        createdBy: center.staff.manager.id,
      })
      .returning()
    const [pass] = await db
      .insert(passes)
      .values({
        clientId: client.id,
        planId: plan.id,
        branchId: center.central.branch.id,
        invoiceId: invoice.id,
        activityIds: [center.activity.id],
        sessionsTotal: m.sessions,
        startsOn: '2020-01-01',
        validUntil: '2030-12-31',
        soldValidUntil: '2030-12-31',
        price: m.price,
      })
      .returning()
    await db.insert(invoiceLines).values({
      invoiceId: invoice.id,
      kind: 'pass',
      passId: pass.id,
      planId: plan.id,
      description: opts.label,
      unitPrice: m.price,
      net: m.price - tax,
      tax,
      gross: m.price,
      taxRateBp: 2000,
      taxMode: 'included',
    })
    members.push({ clientId: client.id, passId: pass.id })
  }
  return { glueId: glue.id, employeeId: employee.id, members }
}
