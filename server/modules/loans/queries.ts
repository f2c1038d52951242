import { sql, type SQL } from 'drizzle-orm'
import { queryRows, type Queryable } from '../../../db/client'

/**
 * The loans area's reads (db/schema/loans.ts, with the names of the client, product, store, group
 * and staff). A loan's status: `returned` once back, else `overdue` from the day after its due day
 * in its branch's time zone, else `open`. `now` moves the clock (tests).
 */

export type LoanStatus = 'open' | 'overdue' | 'returned'

export interface LoanRow {
  id: string
  client_id: string
  client_first: string | null
  client_last: string | null
  product_id: string
  product_name: string
  product_kind: string
  sku: string
  store_id: string
  store_name: string
  branch_id: string
  branch_name: string
  group_id: string | null
  group_name: string | null
  quantity: number
  due_on: string
  issued_at: Date | string
  issued_by_name: string | null
  returned_at: Date | string | null
  returned_by_name: string | null
  condition: string | null
  return_note: string | null
  issue_document_id: string | null
  return_document_id: string | null
  status: LoanStatus
}

const statusSql = (now: Date) =>
  sql`case when l.returned_at is not null then 'returned'
           when l.due_on < (${now.toISOString()}::timestamptz at time zone b.timezone)::date then 'overdue'
           else 'open' end`

const selectLoans = (now: Date, where: SQL, tail: SQL = sql``) =>
  sql`select l.id, l.client_id, c.first_name as client_first, c.last_name as client_last,
        l.product_id, p.name as product_name, p.kind as product_kind, p.sku,
        l.store_id, s.name as store_name, l.branch_id, b.name as branch_name,
        l.group_id, g.name as group_name, l.quantity, to_char(l.due_on, 'YYYY-MM-DD') as due_on,
        l.issued_at, ui.name as issued_by_name, l.returned_at, ur.name as returned_by_name,
        l.condition, l.return_note, l.issue_document_id, l.return_document_id, ${statusSql(now)} as status
      from loans l
      join clients c on c.id = l.client_id
      join products p on p.id = l.product_id
      join stores s on s.id = l.store_id
      join branches b on b.id = l.branch_id
      left join groups g on g.id = l.group_id
      left join users ui on ui.id = l.issued_by
      left join users ur on ur.id = l.returned_by
      where ${where} ${tail}`

export async function findLoan(db: Queryable, id: string, now = new Date()): Promise<LoanRow | null> {
  const [row] = await queryRows<LoanRow>(db, selectLoans(now, sql`l.id = ${id}::uuid`))
  return row ?? null
}

export interface LoansFilter {
  /** The branches the reader works in (null: every branch). */
  branchIds: string[] | null
  branchId?: string
  clientId?: string
  productId?: string
  status?: LoanStatus
  limit: number
  /** Keyset: the last loan of the previous page. */
  after?: string
}

/** Loans, newest first, of the reader's branches (the open and overdue ones first when no status is asked). */
export async function listLoans(db: Queryable, f: LoansFilter, now = new Date()): Promise<LoanRow[]> {
  const where: SQL[] = [sql`true`]
  if (f.branchIds)
    where.push(
      sql`l.branch_id in (${sql.join(
        f.branchIds.map((b) => sql`${b}::uuid`),
        sql`, `,
      )})`,
    )
  if (f.branchId) where.push(sql`l.branch_id = ${f.branchId}::uuid`)
  if (f.clientId) where.push(sql`l.client_id = ${f.clientId}::uuid`)
  if (f.productId) where.push(sql`l.product_id = ${f.productId}::uuid`)
  if (f.status) where.push(sql`${statusSql(now)} = ${f.status}`)
  if (f.after) where.push(sql`(l.issued_at, l.id) < (select a.issued_at, a.id from loans a where a.id = ${f.after}::uuid)`)
  return queryRows<LoanRow>(
    db,
    selectLoans(now, sql.join(where, sql` and `), sql`order by l.issued_at desc, l.id desc limit ${f.limit}`),
  )
}

/** A store with its branch (null when unknown or archived). */
export async function storeOf(db: Queryable, id: string): Promise<{ id: string; branch_id: string; timezone: string } | null> {
  const [row] = await queryRows<{ id: string; branch_id: string; timezone: string }>(
    db,
    sql`select s.id, s.branch_id, b.timezone from stores s join branches b on b.id = s.branch_id
         where s.id = ${id}::uuid and s.archived_at is null`,
  )
  return row ?? null
}

export async function clientExists(db: Queryable, id: string): Promise<boolean> {
  const rows = await queryRows(db, sql`select 1 from clients where id = ${id}::uuid`)
  return rows.length > 0
}

/** A group's branch (null when unknown or deleted). */
export async function groupBranch(db: Queryable, id: string): Promise<string | null> {
  const [row] = await queryRows<{ branch_id: string }>(
    db,
    sql`select branch_id from groups where id = ${id}::uuid and deleted_at is null`,
  )
  return row?.branch_id ?? null
}

export interface LendChoices {
  stores: Array<{ id: string; name: string }>
  items: Array<{ productId: string; name: string; kind: string; sku: string; storeId: string; onHand: number }>
  groups: Array<{ id: string; name: string; members: Array<{ clientId: string; name: string }> }>
}

/**
 * What the lend form offers in a branch: its stores, the textbooks and kits on hand in them, and its
 * groups (courses) with their current members (who one lends to), by name.
 */
export async function lendChoices(db: Queryable, branchId: string): Promise<LendChoices> {
  const stores = await queryRows<{ id: string; name: string }>(
    db,
    sql`select id, name from stores where branch_id = ${branchId}::uuid and archived_at is null order by name`,
  )
  const items = await queryRows<{
    product_id: string
    name: string
    kind: string
    sku: string
    store_id: string
    on_hand: number
  }>(
    db,
    sql`select sb.product_id, p.name, p.kind, p.sku, sb.store_id, sb.on_hand
          from stock_balances sb join products p on p.id = sb.product_id join stores s on s.id = sb.store_id
         where s.branch_id = ${branchId}::uuid and s.archived_at is null and p.archived_at is null
           and p.kind in ('textbook', 'kit') and sb.on_hand > 0
         order by p.name, p.sku`,
  )
  const members = await queryRows<{
    group_id: string
    group_name: string
    client_id: string | null
    first: string | null
    last: string | null
  }>(
    db,
    sql`select g.id as group_id, g.name as group_name, c.id as client_id, c.first_name as first, c.last_name as last
          from groups g
          left join group_members gm on gm.group_id = g.id and gm.left_at is null
          left join clients c on c.id = gm.client_id
         where g.branch_id = ${branchId}::uuid and g.deleted_at is null
         order by g.name, c.first_name, c.last_name`,
  )
  const groups = new Map<string, LendChoices['groups'][number]>()
  for (const m of members) {
    const g = groups.get(m.group_id) ?? { id: m.group_id, name: m.group_name, members: [] }
    if (m.client_id) g.members.push({ clientId: m.client_id, name: `${m.first ?? ''} ${m.last ?? ''}`.trim() })
    groups.set(m.group_id, g)
  }
  return {
    stores,
    items: items.map((i) => ({
      productId: i.product_id,
      name: i.name,
      kind: i.kind,
      sku: i.sku,
      storeId: i.store_id,
      onHand: i.on_hand,
    })),
    groups: [...groups.values()],
  }
}
