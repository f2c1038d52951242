import { and, desc, eq, gte, inArray, lte, sql } from 'drizzle-orm'
import type { Queryable } from '../../../db/client'
import { branches, documentPackages, users } from '../../../db/schema/index'

/** A package as listed: everything but its bytes, with its branch's and author's names. */
export interface PackageRow {
  id: number
  branchId: string
  branchName: string
  periodFrom: string
  periodTo: string
  status: 'running' | 'ok' | 'failed'
  trigger: 'schedule' | 'demand'
  locale: string
  createdAt: Date
  createdBy: string | null
  createdByName: string | null
  finishedAt: Date | null
  fileName: string | null
  sizeBytes: number | null
  sha256: string | null
  documents: number | null
  error: string | null
}

const columns = {
  id: documentPackages.id,
  branchId: documentPackages.branchId,
  branchName: branches.name,
  periodFrom: documentPackages.periodFrom,
  periodTo: documentPackages.periodTo,
  status: documentPackages.status,
  trigger: documentPackages.trigger,
  locale: documentPackages.locale,
  createdAt: documentPackages.createdAt,
  createdBy: documentPackages.createdBy,
  createdByName: users.name,
  finishedAt: documentPackages.finishedAt,
  fileName: documentPackages.fileName,
  sizeBytes: documentPackages.sizeBytes,
  sha256: documentPackages.sha256,
  documents: documentPackages.documents,
  error: documentPackages.error,
}

/** The packages of some branches (null: every branch), newest first, optionally of periods starting within [from, to]. */
export async function listPackages(
  db: Queryable,
  opts: { branchIds: readonly string[] | null; from?: string; to?: string; limit?: number },
): Promise<PackageRow[]> {
  const rows = await db
    .select(columns)
    .from(documentPackages)
    .innerJoin(branches, eq(branches.id, documentPackages.branchId))
    .leftJoin(users, eq(users.id, documentPackages.createdBy))
    .where(
      and(
        opts.branchIds ? inArray(documentPackages.branchId, [...opts.branchIds]) : undefined,
        opts.from ? gte(documentPackages.periodFrom, opts.from) : undefined,
        opts.to ? lte(documentPackages.periodFrom, opts.to) : undefined,
      ),
    )
    .orderBy(desc(documentPackages.periodFrom), desc(documentPackages.createdAt), desc(documentPackages.id))
    .limit(opts.limit ?? 200)
  return rows as PackageRow[]
}

/** One package as listed, or null. */
export async function findPackage(db: Queryable, id: number): Promise<PackageRow | null> {
  const [row] = await db
    .select(columns)
    .from(documentPackages)
    .innerJoin(branches, eq(branches.id, documentPackages.branchId))
    .leftJoin(users, eq(users.id, documentPackages.createdBy))
    .where(eq(documentPackages.id, id))
    .limit(1)
  return (row as PackageRow | undefined) ?? null
}

/** A package's ZIP bytes (null: none, not made yet or failed). */
export async function packageBytes(db: Queryable, id: number): Promise<Uint8Array | null> {
  const [row] = await db
    .select({ data: documentPackages.data })
    .from(documentPackages)
    .where(and(eq(documentPackages.id, id), eq(documentPackages.status, 'ok'), sql`${documentPackages.data} is not null`))
    .limit(1)
  return row?.data ?? null
}

/** Every branch (the month-close run makes a package for each). */
export async function allBranches(db: Queryable): Promise<Array<{ id: string; name: string; timezone: string }>> {
  return db
    .select({ id: branches.id, name: branches.name, timezone: branches.timezone })
    .from(branches)
    .orderBy(branches.createdAt, branches.id)
}
