import { api } from './api'

/** One running server instance (GET /api/system). */
export interface SystemInstance {
  id: string
  host: string
  pid: number
  version: string
  startedAt: string
  seenAt: string
  draining: boolean
  docs: number
  connections: number
  /** The instance that answered. */
  self: boolean
}

/** One error entry of an instance's log (worded as the log writes it). */
export interface SystemError {
  at: string
  level: 'error' | 'fatal'
  message: string
  error?: string
  instance: string
}

/** The last backup (`at` null: none yet). `error` is a catalogue id. */
export interface SystemBackup {
  at: string | null
  ok: boolean | null
  file: string | null
  sizeBytes: number | null
  error: string | null
  /** A backup is being made now. */
  running: boolean
  /** When the last successful one ended. */
  lastOkAt: string | null
}

/** How Clubroom is running (owner only). */
export interface SystemStatus {
  version: string
  instanceId: string
  /** The center's time zone: the screen's times are read in it. */
  timeZone: string
  database: { kind: 'postgres' | 'pglite'; sizeBytes: number }
  backup: SystemBackup
  instances: SystemInstance[]
  errors: SystemError[]
}

/** The system status, as the instance that answers sees it. */
export const fetchSystemStatus = () => api<SystemStatus>('GET', '/api/system')
