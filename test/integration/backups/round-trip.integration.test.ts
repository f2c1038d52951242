import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { eq, sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openDatabase, queryRows, type Database } from '../../../db/client'
import { attachments } from '../../../db/schema/index'
import { INSTANCE } from '../../../server/jobs/index'
import { EventBus } from '../../../server/events/bus'
import { createLogger } from '../../../server/logger'
import { runBackup } from '../../../server/modules/backups/commands/run-backup'
import { restoreBackup, RestoreRefused } from '../../../server/modules/backups/restore'
import { DecryptionError } from '../../../server/modules/backups/archive/crypto'
import type { RunningServer } from '../../../server/server'
import { startTestServer, testConfig } from '../../support/app'
import { createTestDatabase, type TestDatabase } from '../../support/db'
import { apiCaller } from '../../support/http'
import { login } from '../collab/helpers'
import { documentStates, emptyPostgresDatabase, fingerprint, liveAFewMinutes, seedCenter } from './center'

/**
 * Back up, wipe, restore: every table's rows (count and content) and every document's state (the
 * encoded Y.Doc as it loads) come back identical; from PostgreSQL to PostgreSQL, and from the
 * embedded database (PGlite) to PostgreSQL and back.
 */
const KEY = 'correct horse battery staple'

/** The sequences behind ids give ids above every restored row's. */
async function sequencesAhead(db: Database['db']): Promise<string[]> {
  const seqs = await queryRows<{ t: string; c: string; s: string }>(
    db,
    sql`select c.relname as t, a.attname as c, pg_get_serial_sequence(format('public.%I', c.relname), a.attname) as s
      from pg_class c join pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
      where c.relnamespace = 'public'::regnamespace and c.relkind = 'r' and pg_get_serial_sequence(format('public.%I', c.relname), a.attname) is not null`,
  )
  const behind: string[] = []
  for (const { t, c, s } of seqs) {
    const [r] = await queryRows<{ ok: boolean }>(
      db,
      sql`select (select last_value from ${sql.raw(s)}) >= coalesce((select max(${sql.identifier(c)}) from ${sql.identifier(t)}), 0) as ok`,
    )
    if (!r.ok) behind.push(`${t}.${c}`)
  }
  return behind
}

describe('PostgreSQL → backup → an empty PostgreSQL', () => {
  let database: TestDatabase
  let server: RunningServer
  let dir: string
  let lived: Awaited<ReturnType<typeof liveAFewMinutes>>
  const targets: Array<() => Promise<void>> = []

  beforeAll(async () => {
    database = await createTestDatabase('postgres')
    await seedCenter(database.db)
    dir = mkdtempSync(join(tmpdir(), 'clubroom-backups-'))
    server = await startTestServer(database, { BACKUP_DIR: dir, BACKUP_KEY: KEY })
    lived = await liveAFewMinutes(server)
  }, 180_000)
  afterAll(async () => {
    await server?.close()
    await database?.destroy()
    for (const drop of targets) await drop()
    rmSync(dir, { recursive: true, force: true })
  })

  it('"Back up now", wipe, restore: every table and every document identical, uploads byte for byte, sequences ahead', async () => {
    const call = apiCaller(server)
    const owner = await login(server, 'owner')
    const before = await fingerprint(database.db)
    const docs = await documentStates(database.db)
    expect(before.doc_updates.rows).toBeGreaterThan(10)
    expect(before.attachments.rows).toBe(1)
    expect(before.erasures.rows).toBe(1)
    expect(Object.keys(docs).length).toBeGreaterThan(3)

    const started = await call('POST', '/api/backups', owner)
    expect(started.status).toBe(202)
    let list = await call('GET', '/api/backups', owner)
    for (let i = 0; i < 300 && list.data.running; i++) {
      await new Promise((r) => setTimeout(r, 200))
      list = await call('GET', '/api/backups', owner)
    }
    const made = list.data.backups[0]
    expect(made).toMatchObject({ id: started.data.id, status: 'ok', trigger: 'demand', encrypted: true, downloadable: true })
    const file = join(dir, made.file)
    expect(readFileSync(`${file}.sha256`, 'utf8')).toBe(`${made.sha256}  ${made.file}\n`)
    // encrypted: nothing of the center is readable in the file
    expect(readFileSync(file).includes(Buffer.from('Backupyan'))).toBe(false)

    // the center is lost: restore into a new, empty database
    const target = await emptyPostgresDatabase()
    targets.push(target.drop)
    const report = await restoreBackup({ file, url: target.url, dataDir: 'unused', key: KEY })
    expect(report.attachments).toBe(1)
    const restored = await openDatabase({ url: target.url, max: 2 })
    try {
      expect(await fingerprint(restored.db)).toEqual(before)
      expect(await documentStates(restored.db)).toEqual(docs)
      const [doc] = await restored.db.select().from(attachments).where(eq(attachments.clientId, lived.clientId))
      expect(Buffer.from(doc.data).equals(lived.pdf)).toBe(true)
      expect(await sequencesAhead(restored.db)).toEqual([])
      // the trail's transaction ids were the old server's: forgotten (committed before any new checkpoint)
      const [xids] = await queryRows<{ n: number }>(
        restored.db,
        sql`select (select count(*) from audit_log where xid is not null) + (select count(*) from doc_updates where xid is not null) as n`,
      )
      expect(Number(xids.n)).toBe(0)
      // the restored trail is append-only again, for the app role and its triggers
      await expect(restored.db.execute(sql`update audit_log set action = 'x'`)).rejects.toThrow()
      await expect(restored.db.execute(sql`delete from doc_updates`)).rejects.toThrow()
      // and the server's writes carry on with new ids
      await restored.db.execute(sql`insert into audit_log (action, entity) values ('test.after_restore', 'test')`)
    } finally {
      await restored.close()
    }
  }, 180_000)

  it('refuses to overwrite a database that holds data (nothing changes); --force replaces it', async () => {
    const [b] = (await apiCaller(server)('GET', '/api/backups', await login(server, 'owner'))).data.backups
    const file = join(dir, b.file)
    const before = await fingerprint(database.db)
    await expect(restoreBackup({ file, url: database.url, dataDir: 'unused', key: KEY })).rejects.toThrow(RestoreRefused)
    expect(await fingerprint(database.db)).toEqual(before)

    const target = await emptyPostgresDatabase()
    targets.push(target.drop)
    await restoreBackup({ file, url: target.url, dataDir: 'unused', key: KEY })
    const restored = await openDatabase({ url: target.url, max: 1 })
    const expected = await fingerprint(restored.db)
    await restored.db.execute(sql`insert into audit_log (action, entity) values ('test.later', 'test')`)
    await restored.close()
    await expect(restoreBackup({ file, url: target.url, dataDir: 'unused', key: KEY })).rejects.toThrow(/holds data/)
    await restoreBackup({ file, url: target.url, dataDir: 'unused', key: KEY, force: true })
    const again = await openDatabase({ url: target.url, max: 1 })
    try {
      expect(await fingerprint(again.db)).toEqual(expected)
    } finally {
      await again.close()
    }
  }, 180_000)

  it('refuses a wrong key, and a file changed after it was made, before touching the database', async () => {
    const [b] = (await apiCaller(server)('GET', '/api/backups', await login(server, 'owner'))).data.backups
    const file = join(dir, b.file)
    const target = await emptyPostgresDatabase()
    targets.push(target.drop)
    await expect(restoreBackup({ file, url: target.url, dataDir: 'unused', key: 'not the right key at all' })).rejects.toThrow(
      DecryptionError,
    )
    await expect(restoreBackup({ file, url: target.url, dataDir: 'unused' })).rejects.toThrow(/encrypted/)
    const copy = join(dir, 'changed.tar.gz.enc')
    const bytes = readFileSync(file)
    bytes[bytes.length - 100] ^= 1
    writeFileSync(copy, bytes)
    await expect(restoreBackup({ file: copy, url: target.url, dataDir: 'unused', key: KEY })).rejects.toThrow(DecryptionError)
    // the .sha256 beside a file is checked first
    writeFileSync(`${copy}.sha256`, `${b.sha256}  changed.tar.gz.enc\n`)
    await expect(restoreBackup({ file: copy, url: target.url, dataDir: 'unused', key: KEY })).rejects.toThrow(/does not match/)
    const probe = await openDatabase({ url: target.url, max: 1, appRole: false })
    try {
      const [{ n }] = await queryRows<{ n: number }>(
        probe.db,
        sql`select count(*)::int as n from pg_class where relnamespace = 'public'::regnamespace`,
      )
      expect(n).toBe(0)
    } finally {
      await probe.close()
    }
  }, 120_000)
})

describe('the embedded database (PGlite) → backup → PostgreSQL, and back to an embedded database', () => {
  let source: TestDatabase
  let server: RunningServer
  let dir: string
  const cleanup: Array<() => Promise<void>> = []

  beforeAll(async () => {
    source = await createTestDatabase('pglite')
    await seedCenter(source.db)
    dir = mkdtempSync(join(tmpdir(), 'clubroom-backups-'))
    server = await startTestServer(source, { BACKUP_DIR: dir })
    await liveAFewMinutes(server)
  }, 240_000)
  afterAll(async () => {
    await server?.close()
    await source?.destroy()
    for (const c of cleanup) await c()
    rmSync(dir, { recursive: true, force: true })
  })

  it('moves up: a backup of the embedded database restores into PostgreSQL identical, and into a new embedded one', async () => {
    const before = await fingerprint(source.db)
    const docs = await documentStates(source.db)
    const config = testConfig({ BACKUP_DIR: dir })
    const row = await runBackup(
      {
        database: source,
        config,
        logger: createLogger('silent'),
        events: new EventBus(),
        instance: INSTANCE,
        now: () => new Date(),
      },
      { slot: null, trigger: 'cli' },
    )
    expect(row).toMatchObject({ status: 'ok', driver: 'pglite', encrypted: false })
    const file = join(dir, row.file as string)

    const target = await emptyPostgresDatabase()
    cleanup.push(target.drop)
    await restoreBackup({ file, url: target.url, dataDir: 'unused' })
    const pg = await openDatabase({ url: target.url, max: 2 })
    try {
      expect(await fingerprint(pg.db)).toEqual(before)
      expect(await documentStates(pg.db)).toEqual(docs)
      expect(await sequencesAhead(pg.db)).toEqual([])
    } finally {
      await pg.close()
    }

    const dataDir = mkdtempSync(join(tmpdir(), 'clubroom-embedded-'))
    cleanup.push(async () => rmSync(dataDir, { recursive: true, force: true }))
    await restoreBackup({ file, dataDir })
    expect(existsSync(join(dataDir, 'pglite', 'PG_VERSION'))).toBe(true)
    const embedded = await openDatabase({ dataDir })
    try {
      expect(await fingerprint(embedded.db)).toEqual(before)
      expect(await documentStates(embedded.db)).toEqual(docs)
    } finally {
      await embedded.close()
    }
  }, 300_000)
})
