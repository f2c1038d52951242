import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { and, eq, isNull } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { alerts, auditLog } from '../../../db/schema/index'
import { backupStatus } from '../../../server/modules/backups/index'
import type { RunningServer } from '../../../server/server'
import { startTestServer } from '../../support/app'
import { createTestDatabase, type TestDatabase } from '../../support/db'
import { buildStaff } from '../../support/factories'
import { apiCaller } from '../../support/http'
import { login } from '../collab/helpers'

/**
 * The Backups screen's API: owners only (role and whole center), bad settings are a 400 naming the
 * field, a failed backup alerts the owners and the next good one clears it, a download is the file
 * as it was made and is recorded in the audit trail.
 */
let database: TestDatabase
let server: RunningServer
let dir: string
const cookies: Record<string, string> = {}
let call: ReturnType<typeof apiCaller>

async function until(done: () => Promise<boolean>) {
  for (let i = 0; i < 300; i++) {
    if (await done()) return
    await new Promise((r) => setTimeout(r, 100))
  }
  throw new Error('timed out')
}

beforeAll(async () => {
  database = await createTestDatabase()
  await buildStaff(database.db)
  dir = mkdtempSync(join(tmpdir(), 'clubroom-backups-api-'))
  // BACKUP_DIR is a file at first: backups fail until it is a folder
  writeFileSync(join(dir, 'not-a-folder'), 'x')
  server = await startTestServer(database, { BACKUP_DIR: join(dir, 'not-a-folder', 'backups') })
  call = apiCaller(server)
  for (const l of ['owner', 'manager', 'auditor', 'reception']) cookies[l] = await login(server, l)
})
afterAll(async () => {
  await server?.close()
  await database?.destroy()
  rmSync(dir, { recursive: true, force: true })
})

describe('the backups API', () => {
  it('answers owners only', async () => {
    expect((await call('GET', '/api/backups', cookies.owner)).status).toBe(200)
    for (const who of ['manager', 'auditor', 'reception']) {
      const r = await call('GET', '/api/backups', cookies[who])
      expect(r.status, who).toBe(403)
      expect(r.data.error.messageId).toBe('errors.backups.ownerOnly')
      expect((await call('POST', '/api/backups', cookies[who])).status, who).toBe(403)
      expect((await call('PATCH', '/api/backups/settings', cookies[who], { time: '02:00' })).status, who).toBe(403)
      expect((await call('GET', '/api/backups/1/file', cookies[who])).status, who).toBe(403)
    }
    expect((await call('GET', '/api/backups', null)).status).toBe(401)
  })

  it('refuses bad settings with a 400 naming the field, and keeps good ones with an audit row', async () => {
    const bad = [
      [{ time: '25:00' }, 'time'],
      [{ time: '3:00' }, 'time'],
      [{ keepDaily: -1 }, 'keepDaily'],
      [{ keepMonthly: 1.5 }, 'keepMonthly'],
      [{ timeZone: 'Mars/Olympus' }, 'timeZone'],
      [{ enabled: 'yes' }, 'enabled'],
    ] as const
    for (const [input, field] of bad) {
      const r = await call('PATCH', '/api/backups/settings', cookies.owner, input)
      expect(r.status, JSON.stringify(input)).toBe(400)
      expect(Object.keys(r.data.error.fields), JSON.stringify(input)).toContain(field)
    }
    const ok = await call('PATCH', '/api/backups/settings', cookies.owner, {
      time: '02:30',
      timeZone: 'Asia/Yerevan',
      keepDaily: 3,
    })
    expect(ok.status).toBe(200)
    expect(ok.data.settings).toMatchObject({
      time: '02:30',
      timeZone: 'Asia/Yerevan',
      retention: { daily: 3, weekly: 4, monthly: 12 },
    })
    const list = await call('GET', '/api/backups', cookies.owner)
    expect(list.data.timeZone).toBe('Asia/Yerevan')
    expect(new Date(list.data.nextAt).toISOString().slice(11, 16)).toBe('22:30') // 02:30 in Yerevan
    const audit = await database.db.select().from(auditLog).where(eq(auditLog.action, 'backups.configure'))
    expect(audit.length).toBe(1)
  })

  it('alerts the owners when a backup fails, and clears the alert when the next one succeeds', async () => {
    const started = await call('POST', '/api/backups', cookies.owner)
    expect(started.status).toBe(202)
    await until(async () => !(await backupStatus(database.db)).running)
    const failed = await backupStatus(database.db)
    expect(failed).toMatchObject({ ok: false, error: expect.stringMatching(/^backups\.error\./), file: null })
    const [alert] = await database.db
      .select()
      .from(alerts)
      .where(and(eq(alerts.kind, 'backup_failed'), isNull(alerts.clearedAt)))
    expect(alert).toMatchObject({ messageId: 'backups.alert.failed', roles: ['owner'], severity: 'critical' })
    const shown = await call('GET', '/api/backups', cookies.owner)
    expect(shown.data.backups[0]).toMatchObject({ status: 'failed', downloadable: false })

    // the folder is fixed: the next backup works and clears the alert
    await server.close()
    server = await startTestServer(database, { BACKUP_DIR: join(dir, 'backups') })
    call = apiCaller(server)
    cookies.owner = await login(server, 'owner')
    expect((await call('POST', '/api/backups', cookies.owner)).status).toBe(202)
    await until(async () => !(await backupStatus(database.db)).running)
    const status = await backupStatus(database.db)
    expect(status).toMatchObject({ ok: true, error: null, running: false })
    expect(status.sizeBytes).toBeGreaterThan(0)
    const open = await database.db
      .select()
      .from(alerts)
      .where(and(eq(alerts.kind, 'backup_failed'), isNull(alerts.clearedAt)))
    expect(open).toEqual([])
  })

  it('hands an owner the file as it was made, and records the download', async () => {
    const list = await call('GET', '/api/backups', cookies.owner)
    const b = list.data.backups.find((x: { status: string }) => x.status === 'ok')
    const res = await fetch(`${server.url}/api/backups/${b.id}/file`, { headers: { cookie: cookies.owner } })
    expect(res.status).toBe(200)
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="${b.file}"`)
    const bytes = Buffer.from(await res.arrayBuffer())
    expect(bytes.equals(readFileSync(join(dir, 'backups', b.file)))).toBe(true)
    expect(res.headers.get('x-content-sha256')).toBe(b.sha256)
    const audit = await database.db.select().from(auditLog).where(eq(auditLog.action, 'backups.download'))
    expect(audit.map((a) => a.entityId)).toEqual([String(b.id)])
    expect((await call('GET', '/api/backups/999999/file', cookies.owner)).status).toBe(404)
    expect((await call('GET', '/api/backups/abc/file', cookies.owner)).status).toBe(400)
    // a second backup while one runs is refused
    const first = await call('POST', '/api/backups', cookies.owner)
    const second = await call('POST', '/api/backups', cookies.owner)
    expect(first.status).toBe(202)
    expect(second.status).toBe(409)
    expect(second.data.error.messageId).toBe('errors.backups.running')
    await until(async () => !(await backupStatus(database.db)).running)
  })
})
