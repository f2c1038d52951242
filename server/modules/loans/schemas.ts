import { z } from '@hono/zod-openapi'
import { IsoDate, PageLimit, Uuid } from '../../http/values'

/** The bodies, queries and answers of the loans routes (every message a catalogue id: 400s name the field). */

export const LOAN_CONDITIONS = ['good', 'worn', 'damaged', 'lost'] as const
export const LOAN_STATUSES = ['open', 'overdue', 'returned'] as const

export const LendInput = z
  .object({
    clientId: Uuid,
    productId: Uuid,
    storeId: Uuid,
    quantity: z.number().int().min(1).max(1000).default(1),
    /** The course it is lent for. */
    groupId: Uuid.nullable().optional(),
    /** The last day it may be kept. */
    dueDate: IsoDate,
  })
  .strict()
  .openapi('LendInput')

export const ReturnInput = z
  .object({
    /** good | worn | damaged: it comes back into the store; lost: nothing comes back. */
    condition: z.enum(LOAN_CONDITIONS),
    note: z.string().trim().max(500).nullable().optional(),
  })
  .strict()
  .openapi('LoanReturnInput')

export const LoansQuery = z.object({
  branchId: Uuid.optional(),
  clientId: Uuid.optional(),
  productId: Uuid.optional(),
  status: z.enum(LOAN_STATUSES).optional(),
  limit: PageLimit(200, 50),
  /** The last loan of the previous page (its `next`). */
  after: Uuid.optional(),
})

export const LoanSchema = z
  .object({
    id: z.string(),
    clientId: z.string(),
    clientName: z.string(),
    productId: z.string(),
    productName: z.string(),
    productKind: z.string(),
    sku: z.string(),
    storeId: z.string(),
    storeName: z.string(),
    branchId: z.string(),
    branchName: z.string(),
    groupId: z.string().nullable(),
    groupName: z.string().nullable(),
    quantity: z.number().int(),
    dueDate: z.string(),
    issuedAt: z.string(),
    issuedByName: z.string().nullable(),
    returnedAt: z.string().nullable(),
    returnedByName: z.string().nullable(),
    condition: z.enum(LOAN_CONDITIONS).nullable(),
    note: z.string().nullable(),
    status: z.enum(LOAN_STATUSES),
  })
  .openapi('Loan')

export const LoansPage = z.object({ items: z.array(LoanSchema), next: z.string().nullable() })

export const LendChoicesSchema = z
  .object({
    stores: z.array(z.object({ id: z.string(), name: z.string() })),
    items: z.array(
      z.object({
        productId: z.string(),
        name: z.string(),
        kind: z.string(),
        sku: z.string(),
        storeId: z.string(),
        onHand: z.number().int(),
      }),
    ),
    groups: z.array(
      z.object({ id: z.string(), name: z.string(), members: z.array(z.object({ clientId: z.string(), name: z.string() })) }),
    ),
  })
  .openapi('LendChoices')
