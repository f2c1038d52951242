import { createRoute, z } from '@hono/zod-openapi'
import { NotFoundError, ValidationError } from '../../errors'
import { IdParam, createRouter, jsonBody, responses, security } from '../../http/openapi'
import { branchesOf } from '../../policies/branches'
import { authorize, authorizeRole } from '../../policies/policy'
import { lendItem, returnItem } from './commands/lend'
import { todayIn } from './overdue'
import { loansPolicies } from './policies'
import { presentLoan } from './presenters'
import { findLoan, lendChoices, listLoans, storeOf } from './queries'
import { LendChoicesSchema, LendInput, LoanSchema, LoansPage, LoansQuery, ReturnInput } from './schemas'
import { Uuid } from '../../http/values'

/** Loans of textbooks and kits: lend, take back with the condition, list (open, overdue, returned). */
export const loansRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/loans',
      tags: ['loans'],
      summary:
        'Loans of the reader’s branches, newest first (`branchId`, `clientId`, `productId`, `status` open|overdue|returned; paged by `after`)',
      security,
      request: { query: LoansQuery },
      responses: responses(200, LoansPage),
    }),
    async (c) => {
      const actor = authorizeRole(c.var.actor, loansPolicies.read)
      const q = c.req.valid('query')
      if (q.branchId) authorize(actor, loansPolicies.read, { branchId: q.branchId })
      const rows = await listLoans(c.var.deps.database.db, { ...q, branchIds: branchesOf(actor), limit: q.limit + 1 })
      const page = rows.slice(0, q.limit)
      return c.json({ items: page.map(presentLoan), next: rows.length > q.limit ? page[page.length - 1].id : null }, 200)
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/loans/choices',
      tags: ['loans'],
      summary:
        'What the lend form offers in a branch: its stores, the textbooks and kits on hand there, its courses with their members',
      security,
      request: { query: z.object({ branchId: Uuid }) },
      responses: responses(200, LendChoicesSchema),
    }),
    async (c) => {
      const { branchId } = c.req.valid('query')
      authorize(c.var.actor, loansPolicies.lend, { branchId })
      return c.json(await lendChoices(c.var.deps.database.db, branchId), 200)
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/loans',
      tags: ['loans'],
      summary:
        'Lend a textbook or kit to a client (for a course with `groupId`) until `dueDate`: its stock goes out of the store (409 naming the line when not enough is on hand)',
      security,
      request: jsonBody(LendInput),
      responses: responses(201, z.object({ loan: LoanSchema })),
    }),
    async (c) => {
      const actor = authorizeRole(c.var.actor, loansPolicies.lend)
      const input = c.req.valid('json')
      const db = c.var.deps.database.db
      const store = await storeOf(db, input.storeId)
      if (!store) throw ValidationError({ storeId: 'loans.unknownStore' })
      authorize(actor, loansPolicies.lend, { branchId: store.branch_id })
      const loan = await lendItem(c.var.ctx, actor, input, { id: store.id, branchId: store.branch_id }, todayIn(store.timezone))
      const row = await findLoan(db, loan.id)
      if (!row) throw NotFoundError('loans.notFound')
      return c.json({ loan: presentLoan(row) }, 201)
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/loans/{id}/return',
      tags: ['loans'],
      summary:
        'Take a loan back with its condition: good, worn or damaged come back into the store; lost brings nothing back. A second return is a 409',
      security,
      request: { params: IdParam, ...jsonBody(ReturnInput) },
      responses: responses(200, z.object({ loan: LoanSchema })),
    }),
    async (c) => {
      const actor = authorizeRole(c.var.actor, loansPolicies.lend)
      const input = c.req.valid('json')
      const db = c.var.deps.database.db
      const loan = await findLoan(db, c.req.valid('param').id)
      if (!loan) throw NotFoundError('loans.notFound')
      authorize(actor, loansPolicies.lend, { branchId: loan.branch_id })
      const store = await storeOf(db, loan.store_id)
      await returnItem(c.var.ctx, actor, loan.id, input, todayIn(store?.timezone))
      const row = await findLoan(db, loan.id)
      if (!row) throw NotFoundError('loans.notFound')
      return c.json({ loan: presentLoan(row) }, 200)
    },
  )
