import { api } from './api'

/** One backup as the server lists it (GET /api/backups). */
export interface Backup {
  id: number
  startedAt: string
  finishedAt: string | null
  status: 'running' | 'ok' | 'failed'
  trigger: 'schedule' | 'demand' | 'cli'
  file: string | null
  sizeBytes: number | null
  sha256: string | null
  encrypted: boolean
  /** Why it failed: a catalogue message id. */
  errorId: string | null
  removed: boolean
  downloadable: boolean
}

export interface BackupSettings {
  enabled: boolean
  time: string
  timeZone: string | null
  centerTimeZone: string
  retention: { daily: number; weekly: number; monthly: number }
}

export interface BackupsView {
  backups: Backup[]
  settings: BackupSettings
  /** The zone the schedule and the dates are read in. */
  timeZone: string
  nextAt: string | null
  running: boolean
  folder: string | null
  encryption: boolean
}

export interface BackupSettingsInput {
  enabled?: boolean
  time?: string
  timeZone?: string | null
  keepDaily?: number
  keepWeekly?: number
  keepMonthly?: number
}

export const fetchBackups = () => api<BackupsView>('GET', '/api/backups')
export const startBackup = () => api<{ id: number; status: 'running' }>('POST', '/api/backups')
export const saveBackupSettings = (input: BackupSettingsInput) =>
  api<{ settings: BackupSettings }>('PATCH', '/api/backups/settings', input).then((r) => r.settings)
/** Where the browser downloads a backup file (a plain link: the session cookie goes with it). */
export const backupFileUrl = (id: number) => `/api/backups/${encodeURIComponent(String(id))}/file`
