/**
 * The backup format: ONE portable logical format that both engines write and read, so that a
 * backup of the embedded database restores into PostgreSQL (and back), whatever the versions of
 * the two PostgreSQL builds. A backup file is a gzip'ed tar (optionally encrypted as a whole,
 * ./crypto.ts) holding:
 *
 * - `manifest.json` (first): the format's version, when and from what it was made, the schema
 *   version (the migrations applied, by tag), and per table its columns, rows, bytes and SHA-256;
 *   the sequences' values;
 * - `data/<table>.jsonl`: the table's rows, one JSON object per line as PostgreSQL's `row_to_json`
 *   writes them (timestamps in ISO 8601 with their offset, bytea as `\x…` hex, numerics exact,
 *   arrays and jsonb as JSON). They are read back with `json_populate_recordset`, which turns
 *   each value into its column's type through the type's own input function: exact both ways.
 *
 * Uploaded files (client documents) are rows of `attachments` (bytea), so they are in the data;
 * the documents' update logs and snapshots are the `doc_updates` and `doc_snapshots` tables.
 * Restoring makes the schema from the migrations (up to the backup's), loads the data, sets the
 * sequences, and runs the newer migrations.
 */
export const FORMAT = 'clubroom-backup'
export const FORMAT_VERSION = 1

/**
 * Tables that are never in a backup: this machine's backup machinery, not the center; and the lesson
 * cost's kept figures (migration 0032), derived from the center's rows and tied to this database's
 * transaction ids, which a restored database starts empty and computes again.
 */
export const NOT_BACKED_UP = [
  'backups',
  'scheduled_jobs',
  'lesson_cost_months',
  'lesson_cost_rows',
  'lesson_cost_changes',
] as const

export interface TableEntry {
  name: string
  /** Path inside the archive (`data/<name>.jsonl`). */
  file: string
  /** The columns written, in order. */
  columns: string[]
  rows: number
  bytes: number
  /** SHA-256 (hex) of the file's bytes. */
  sha256: string
}

export interface SequenceEntry {
  name: string
  table: string
  column: string
  /** `last_value` and `is_called`, as `setval` takes them back. */
  value: number
  called: boolean
}

export interface BackupManifest {
  format: typeof FORMAT
  version: typeof FORMAT_VERSION
  /** ISO 8601 (UTC). */
  createdAt: string
  source: {
    driver: 'postgres' | 'pglite'
    /** Clubroom's version (package.json). */
    app: string
    /** PostgreSQL's `server_version`. */
    postgres: string
  }
  /** The migrations the database had, by tag, in order (db/migrations/meta/_journal.json). */
  migrations: string[]
  tables: TableEntry[]
  sequences: SequenceEntry[]
  /** Uploaded client documents inside `attachments`: how many and their bytes (checked after a restore). */
  attachments: { count: number; bytes: number }
  /** Tables deliberately left out (NOT_BACKED_UP). */
  excluded: string[]
}

export const MANIFEST_FILE = 'manifest.json'
export const dataFile = (table: string) => `data/${table}.jsonl`

/** Is this a manifest of a format we read? */
export function isManifest(v: unknown): v is BackupManifest {
  const m = v as Partial<BackupManifest> | null
  return (
    typeof m === 'object' &&
    m !== null &&
    m.format === FORMAT &&
    m.version === FORMAT_VERSION &&
    Array.isArray(m.tables) &&
    Array.isArray(m.migrations) &&
    Array.isArray(m.sequences)
  )
}
