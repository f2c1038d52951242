import { hostname } from 'node:os'
import type { Database } from '../../db/client'
import type { Actor } from '../../domain/roles'
import type { CommandContext } from '../http/command'
import type { Config } from '../env'
import type { EventBus } from '../events/bus'
import type { Logger } from '../logger'

/** What a job runs with: the server's services, and the clock (tests inject one). */
export interface JobContext {
  database: Database
  config: Config
  logger: Logger
  events: EventBus
  /** Who runs it (host and process): stored with the claim, so a run is traceable to its machine. */
  instance: string
  now: () => Date
}

/** When a job runs: a cron pattern read in a time zone (`0 3 * * *` in Asia/Yerevan: 03:00 there, every day). */
export interface JobSchedule {
  cron: string
  timeZone: string
}

/** One run of a job: the scheduled time it stands for, or none when someone asked for it. */
export interface JobRun {
  /** The scheduled time claimed (null: on demand). */
  slot: Date | null
  trigger: 'schedule' | 'demand' | 'cli'
  /** Who asked for it (on demand; its audit rows name them). */
  actor?: Actor | null
  /** The request that asked for it (its audit rows carry it). */
  requestId?: string
  /** The asking request's command context: what `start` writes is that request's audited work. */
  command?: CommandContext
}

/**
 * Work that comes from the clock (a nightly backup, later expiry flags and month close): declared
 * by an area in its manifest's `jobs`, run by the scheduler (server/jobs/scheduler.ts) once per
 * scheduled time across all instances.
 */
export interface JobDef {
  /** Unique across modules (`backups.nightly`). */
  name: string
  /** When it is due, read at every tick (an owner may change it meanwhile); null: only on demand. */
  schedule(ctx: JobContext): Promise<JobSchedule | null>
  /**
   * The first step, awaited by whoever started the run (a request gets its answer once it is done:
   * a backup's row and audit row); its result is handed to `run`. Throwing ends the run there.
   */
  start?(ctx: JobContext, run: JobRun): Promise<unknown>
  /** The work. Throwing marks the run failed (counted in `jobStats`, kept as `last_error`). */
  run(ctx: JobContext, run: JobRun, started?: unknown): Promise<void>
  /** A claim older than this is taken for a crashed run and may be taken over (default six hours). */
  staleAfterMs?: number
}

/** Declares a job (a typed identity: nothing is registered). */
export const defineJob = (job: JobDef): JobDef => job

/** This process, as claims name it. */
export const INSTANCE = `${hostname()}:${process.pid}`

export const DEFAULT_STALE_MS = 6 * 60 * 60 * 1000
