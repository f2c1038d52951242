import { z } from '@hono/zod-openapi'
import type { InstanceInfo } from '../../http/runtime'
import type { BackupStatus } from '../backups/index'

export const SystemInstance = z
  .object({
    id: z.string(),
    host: z.string(),
    pid: z.number(),
    version: z.string(),
    startedAt: z.string(),
    seenAt: z.string(),
    draining: z.boolean(),
    docs: z.number(),
    connections: z.number(),
    /** The instance that answered this request. */
    self: z.boolean(),
  })
  .openapi('SystemInstance')

export const SystemError = z
  .object({
    at: z.string(),
    level: z.enum(['error', 'fatal']),
    message: z.string(),
    error: z.string().optional(),
    instance: z.string(),
  })
  .openapi('SystemError')

export const SystemBackup = z
  .object({
    /** When the last finished backup ended (null: none yet). */
    at: z.string().nullable(),
    ok: z.boolean().nullable(),
    file: z.string().nullable(),
    sizeBytes: z.number().nullable(),
    /** Why it failed: a catalogue id. */
    error: z.string().nullable(),
    running: z.boolean(),
    /** When the last successful one ended. */
    lastOkAt: z.string().nullable(),
  })
  .openapi('SystemBackup')

export const SystemStatus = z
  .object({
    version: z.string(),
    instanceId: z.string(),
    /** The center's time zone: the screen's times are read in it. */
    timeZone: z.string(),
    database: z.object({ kind: z.enum(['postgres', 'pglite']), sizeBytes: z.number() }),
    backup: SystemBackup,
    instances: z.array(SystemInstance),
    /** Every instance's recent error entries, newest first. */
    errors: z.array(SystemError),
  })
  .openapi('SystemStatus')

/** How many error entries the screen lists (all instances together). */
export const ERRORS_SHOWN = 50

/** The instances (this one first) and their errors merged, newest first. */
export function presentInstances(instances: readonly InstanceInfo[], selfId: string) {
  const errors = instances
    .flatMap((i) => i.errors.map((e) => ({ ...e, instance: i.id })))
    .sort((a, b) => b.at.localeCompare(a.at))
    .slice(0, ERRORS_SHOWN)
  return {
    instances: instances.map(({ errors: _errors, ...i }) => ({ ...i, self: i.id === selfId })),
    errors,
  }
}

/** The last backup as the screen reads it (times as ISO strings). */
export const presentBackup = (b: BackupStatus): z.infer<typeof SystemBackup> => ({
  at: b.at?.toISOString() ?? null,
  ok: b.ok,
  file: b.file,
  sizeBytes: b.sizeBytes,
  error: b.error,
  running: b.running,
  lastOkAt: b.lastOkAt?.toISOString() ?? null,
})
