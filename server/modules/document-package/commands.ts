import { eq } from 'drizzle-orm'
import { documentPackages } from '../../../db/schema/index'
import type { Actor } from '../../../domain/roles'
import { NotFoundError } from '../../errors'
import { runCommand, type CommandContext } from '../../http/command'
import type { JobContext, JobRun } from '../../jobs/index'
import { allowed, authorize } from '../../policies/policy'
import { auditPolicies } from '../audit/index'
import { centerSettingsOf } from '../center/index'
import type { AuditArea } from '../module'
import { makePackage } from './generate'
import { documentPackagePolicies } from './policies'
import { findPackage, packageBytes, type PackageRow } from './queries'
import { packageWithoutAudits } from './reader-copy'
import { sha256 } from './stable'

/** A package asked for: a branch and the first and last day of its period. */
export interface Wanted {
  branch: { id: string; name: string; timezone: string }
  from: string
  to: string
}

/** What a run makes: the rows it opened, with the branch each is of. */
export type Opened = Array<{ id: number; wanted: Wanted }>

const commandContext = (ctx: JobContext, run: JobRun): CommandContext => ({
  db: ctx.database.db,
  events: ctx.events,
  actor: run.actor ?? null,
  requestId: run.requestId ?? `job:document-package:${ctx.now().toISOString()}`,
  audited: false,
})

/**
 * A run's first step: a row per package asked for, "running", with its audit row
 * (`documentPackages.start`, in the asking request's command when a request asked). The caller holds
 * the job's claim: no other package is being made anywhere, so a row still "running" is one whose
 * server stopped, and is closed as failed.
 */
export async function openPackages(ctx: JobContext, run: JobRun, wanted: readonly Wanted[]): Promise<Opened> {
  const { defaultLocale } = await centerSettingsOf(ctx.database.db)
  return runCommand(run.command ?? commandContext(ctx, run), 'documentPackages.start', async (tx, audit) => {
    await tx
      .update(documentPackages)
      .set({ status: 'failed', finishedAt: ctx.now(), error: 'the server stopped while it was being made' })
      .where(eq(documentPackages.status, 'running'))
    const opened: Opened = []
    for (const w of wanted) {
      const [row] = await tx
        .insert(documentPackages)
        .values({
          branchId: w.branch.id,
          periodFrom: w.from,
          periodTo: w.to,
          trigger: run.trigger === 'schedule' ? 'schedule' : 'demand',
          locale: defaultLocale,
          createdAt: ctx.now(),
          createdBy: run.actor?.id ?? null,
        })
        .returning({ id: documentPackages.id })
      opened.push({ id: row.id, wanted: w })
    }
    // one audit row per package beyond the first (the command's own row names the first)
    for (const o of opened.slice(1))
      await audit({
        action: 'documentPackages.start',
        entity: 'document_package',
        entityId: String(o.id),
        after: { branchId: o.wanted.branch.id, from: o.wanted.from, to: o.wanted.to, trigger: run.trigger },
      })
    const first = opened[0]
    return {
      result: opened,
      entity: 'document_package',
      entityId: first ? String(first.id) : null,
      after: first
        ? { branchId: first.wanted.branch.id, from: first.wanted.from, to: first.wanted.to, trigger: run.trigger }
        : null,
    }
  })
}

/**
 * Makes each opened package (./generate.ts) and keeps its ZIP in its row with its audit row
 * (`documentPackages.finish`: file, size, checksum, documents). A package that fails is closed as
 * failed (its reason kept) and the others are still made; the first failure is thrown on at the
 * end (the job counts it).
 */
export async function completePackages(
  ctx: JobContext,
  run: JobRun,
  opened: Opened,
  auditAreas: readonly AuditArea[],
): Promise<void> {
  const command = commandContext(ctx, run)
  const db = ctx.database.db
  const { defaultLocale, currency } = await centerSettingsOf(db)
  let failure: unknown = null
  for (const o of opened) {
    const started = Date.now()
    try {
      const made = await makePackage(db, {
        branch: o.wanted.branch,
        from: o.wanted.from,
        to: o.wanted.to,
        locale: defaultLocale,
        currency,
        auditAreas,
        now: ctx.now(),
      })
      const digest = sha256(made.zip)
      await runCommand(command, 'documentPackages.finish', async (tx) => {
        await tx
          .update(documentPackages)
          .set({
            status: 'ok',
            finishedAt: ctx.now(),
            fileName: made.fileName,
            sizeBytes: made.zip.byteLength,
            sha256: digest,
            documents: made.index.length,
            data: made.zip,
          })
          .where(eq(documentPackages.id, o.id))
        return {
          result: null,
          entity: 'document_package',
          entityId: String(o.id),
          after: {
            status: 'ok',
            file: made.fileName,
            sizeBytes: made.zip.byteLength,
            sha256: digest,
            documents: made.index.length,
            from: o.wanted.from,
            to: o.wanted.to,
          },
        }
      })
      ctx.logger.info(
        {
          package: o.id,
          branch: o.wanted.branch.id,
          documents: made.index.length,
          bytes: made.zip.byteLength,
          ms: Date.now() - started,
        },
        'document package made',
      )
    } catch (err) {
      failure ??= err
      const detail = (err instanceof Error ? err.message : String(err)).slice(0, 2000)
      ctx.logger.error({ err, package: o.id }, 'document package failed')
      await runCommand(command, 'documentPackages.finish', async (tx) => {
        await tx
          .update(documentPackages)
          .set({ status: 'failed', finishedAt: ctx.now(), error: detail })
          .where(eq(documentPackages.id, o.id))
        return { result: null, entity: 'document_package', entityId: String(o.id), after: { status: 'failed', error: detail } }
      })
    }
  }
  if (failure) throw failure
}

/**
 * Hands a package's ZIP to a reader of its branch (`documentPackages.download`, with its audit
 * row, written before the file is sent: the center's books leaving the building are recorded).
 */
export async function downloadPackage(
  ctx: CommandContext,
  actor: Actor,
  id: number,
): Promise<{ row: PackageRow; data: Uint8Array; sha256: string | null }> {
  const row = await findPackage(ctx.db, id)
  if (!row) throw NotFoundError('docPackage.error.notFound')
  authorize(actor, documentPackagePolicies.download, { branchId: row.branchId })
  const stored = row.status === 'ok' ? await packageBytes(ctx.db, id) : null
  if (!stored) throw NotFoundError('docPackage.error.notReady')
  // the audit reports only to those who may read the audit trail
  const mayReadAudit = allowed(actor, auditPolicies.read)
  const data = mayReadAudit ? stored : packageWithoutAudits(stored)
  const served = data === stored ? row.sha256 : sha256(data)
  await runCommand(ctx, 'documentPackages.download', async () => ({
    result: null,
    entity: 'document_package',
    entityId: String(id),
    after: { file: row.fileName, sizeBytes: data.byteLength, sha256: served, withoutAudits: data !== stored },
  }))
  return { row, data, sha256: served }
}
