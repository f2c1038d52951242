import { createRoute, z } from '@hono/zod-openapi'
import { stream } from 'hono/streaming'
import { IsoTime } from '../../http/values'
import { ConflictError } from '../../errors'
import { createRouter, ErrorSchema, jsonBody, responses, security } from '../../http/openapi'
import { INSTANCE, nextDue, startRun, type JobContext } from '../../jobs/index'
import { authorize } from '../../policies/policy'
import type { AppDeps } from '../../http/context'
import { configureBackups } from './commands/configure'
import { downloadBackup } from './commands/download'
import { backupFolder } from './files'
import { backupJob, scheduleOf } from './job'
import { backupsPolicies, wholeCenter } from './policies'
import { BackupSettingsSchema, BackupsSchema, presentBackup, presentSettings } from './presenters'
import { centerTimeZone } from '../center/index'
import { listBackups, loadBackupSettings, type BackupRow } from './queries'

function validTimeZone(tz: string) {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz })
    return true
  } catch {
    return false
  }
}

const keep = (max: number) => z.number().int().min(0).max(max).optional()

export const BackupSettingsInput = z
  .object({
    enabled: z.boolean().optional(),
    time: IsoTime.optional(),
    /** null: the center's time zone. */
    timeZone: z.string().trim().min(1).max(64).refine(validTimeZone, 'errors.field.timezone').nullable().optional(),
    keepDaily: keep(366),
    keepWeekly: keep(260),
    keepMonthly: keep(120),
  })
  .strict()
  .openapi('BackupSettingsInput')

const BackupIdParam = z.object({
  id: z.coerce
    .number({ error: 'errors.field.invalidId' })
    .int('errors.field.invalidId')
    .positive('errors.field.invalidId')
    .max(Number.MAX_SAFE_INTEGER, 'errors.field.invalidId')
    .openapi({ param: { name: 'id', in: 'path' }, type: 'integer' }),
})

/** The job context of a request (the server's services and the real clock). */
const jobContext = (deps: AppDeps): JobContext => ({
  database: deps.database,
  config: deps.config,
  logger: deps.logger,
  events: deps.events,
  instance: INSTANCE,
  now: () => new Date(),
})

const err = (description: string) => ({ description, content: { 'application/json': { schema: ErrorSchema } } })

export const backupRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/backups',
      tags: ['backups'],
      summary: 'The backups (newest first), the schedule and retention, and where the files are (owners)',
      security,
      responses: responses(200, BackupsSchema),
    }),
    async (c) => {
      authorize(c.var.actor, backupsPolicies.read, wholeCenter())
      const { db } = c.var.deps.database
      const folder = backupFolder(c.var.deps.config)
      const [rows, settings, centerZone] = await Promise.all([listBackups(db), loadBackupSettings(db), centerTimeZone(db)])
      const schedule = folder ? scheduleOf(settings) : null
      return c.json(
        {
          backups: rows.map((r) => presentBackup(r, folder)),
          settings: presentSettings(settings, centerZone),
          timeZone: settings.effectiveTimeZone,
          nextAt: schedule ? (nextDue(schedule, new Date())?.toISOString() ?? null) : null,
          running: rows.some((r) => r.status === 'running'),
          folder,
          encryption: Boolean(c.var.deps.config.BACKUP_KEY),
        },
        200,
      )
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/backups',
      tags: ['backups'],
      summary: 'Back up now (owners): starts a backup and answers once it is under way',
      security,
      responses: {
        202: {
          description: 'Started',
          content: { 'application/json': { schema: z.object({ id: z.number().int(), status: z.literal('running') }) } },
        },
        401: err('Not signed in'),
        403: err('Not allowed'),
        409: err('A backup is running already'),
      },
    }),
    async (c) => {
      const actor = authorize(c.var.actor, backupsPolicies.run, wholeCenter())
      const started = await startRun(jobContext(c.var.deps), backupJob, {
        trigger: 'demand',
        actor,
        requestId: c.var.requestId,
        command: c.var.ctx,
      }).then((s) => {
        if (s) void s.done.catch(() => {})
        return s
      })
      if (!started) throw ConflictError('errors.backups.running')
      return c.json({ id: (started.started as BackupRow).id, status: 'running' as const }, 202)
    },
  )
  .openapi(
    createRoute({
      method: 'patch',
      path: '/backups/settings',
      tags: ['backups'],
      summary: 'Change the backup schedule and retention (owners)',
      security,
      request: jsonBody(BackupSettingsInput),
      responses: responses(200, z.object({ settings: BackupSettingsSchema })),
    }),
    async (c) => {
      const input = c.req.valid('json')
      const actor = authorize(c.var.actor, backupsPolicies.configure, wholeCenter())
      const settings = await configureBackups(c.var.ctx, actor, input)
      return c.json({ settings: presentSettings(settings, await centerTimeZone(c.var.deps.database.db)) }, 200)
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/backups/{id}/file',
      tags: ['backups'],
      summary: 'Download a backup file (owners; the download is recorded in the audit trail)',
      security,
      request: { params: BackupIdParam },
      responses: {
        200: { description: 'The backup file' },
        401: err('Not signed in'),
        403: err('Not allowed'),
        404: err('Gone'),
      },
    }),
    async (c) => {
      const actor = authorize(c.var.actor, backupsPolicies.download, wholeCenter())
      const { id } = c.req.valid('param')
      const file = await downloadBackup(c.var.ctx, actor, c.var.deps.config, id)
      c.header('content-type', 'application/octet-stream')
      c.header('content-length', String(file.size))
      c.header('content-disposition', `attachment; filename="${file.name}"`)
      c.header('x-content-type-options', 'nosniff')
      if (file.sha256) c.header('x-content-sha256', file.sha256)
      return stream(c, async (s) => {
        for await (const chunk of file.stream) await s.write(chunk as Uint8Array)
      })
    },
  )
