/**
 * Two instances starting at once against one fresh PostgreSQL database: the migrations run under
 * a database lock, so they are applied once, the owner is created once, and both instances come up.
 */
import { randomBytes } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import postgres from 'postgres'
import { afterAll, describe, expect, it } from 'vitest'
import { MIGRATIONS_FOLDER } from '../../../db/client'
import { startServer, type RunningServer } from '../../../server/server'
import { testConfig } from '../../support/app'
import { admin, urlFor } from '../../support/pg'

const journal = JSON.parse(readFileSync(join(MIGRATIONS_FOLDER, 'meta', '_journal.json'), 'utf8')) as {
  entries: Array<{ when: number }>
}

describe('starting two instances at once on a fresh database', () => {
  const name = `clubroom_t_${Date.now().toString(36)}_lock_${randomBytes(3).toString('hex')}`
  const url = urlFor(name)
  const servers: RunningServer[] = []

  afterAll(async () => {
    for (const s of servers) await s.close()
    const sql = admin()
    try {
      await sql.unsafe(`drop database if exists "${name}" with (force)`)
    } finally {
      await sql.end()
    }
  })

  it('migrates once, creates the owner once, and both instances answer', async () => {
    const sql = admin()
    try {
      await sql.unsafe(`create database "${name}"`)
    } finally {
      await sql.end()
    }
    const config = testConfig({ DATABASE_URL: url, OWNER_LOGIN: 'first-owner', OWNER_PASSWORD: 'a long owner password' })
    const started = await Promise.allSettled([startServer({ config }), startServer({ config })])
    for (const s of started) if (s.status === 'fulfilled') servers.push(s.value)
    expect(started.map((s) => (s.status === 'rejected' ? String(s.reason) : 'up'))).toEqual(['up', 'up'])

    for (const s of servers) {
      const res = await fetch(`${s.url}/readyz`)
      expect(res.status).toBe(200)
    }
    const owner = postgres(url, { max: 1, onnotice: () => {} })
    try {
      const applied = await owner`select created_at from drizzle.__drizzle_migrations order by id`
      expect(applied.map((r) => Number(r.created_at))).toEqual(journal.entries.map((e) => e.when))
      const owners = await owner`select count(*)::int as n from users where login = 'first-owner'`
      expect(owners[0].n).toBe(1)
      const created = await owner`select count(*)::int as n from audit_log where action = 'system.create_owner'`
      expect(created[0].n).toBe(1)
    } finally {
      await owner.end()
    }
  })
})
