import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { and, desc, eq } from 'drizzle-orm'
import { createTestDatabase, type TestDatabase } from '../../support/db'
import { createTestApp } from '../../support/app'
import { buildBranch, buildStaff, buildUser } from '../../support/factories'
import { auditLog, users } from '../../../db/schema/index'
import { removesLastOwner } from '../../../server/modules/users/index'

/** Issue #11 point 1: nobody escalates, nobody touches an account at or above their own rank. */
let database: TestDatabase
let t: ReturnType<typeof createTestApp>
let staff: Awaited<ReturnType<typeof buildStaff>>
let branchId: string
const cookies: Record<string, string> = {}

beforeAll(async () => {
  database = await createTestDatabase()
  staff = await buildStaff(database.db)
  branchId = (await buildBranch(database.db, 'Central')).id
  t = createTestApp(database)
  for (const l of ['owner', 'manager', 'reception']) cookies[l] = await t.login(l)
})
afterAll(async () => database?.destroy())

async function user(id: string) {
  const [row] = await database.db.select().from(users).where(eq(users.id, id))
  return row
}

/** The newest `denied` audit row by this actor. */
async function lastDenied(actorId: string) {
  const [row] = await database.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.action, 'denied'), eq(auditLog.actorId, actorId)))
    .orderBy(desc(auditLog.id))
    .limit(1)
  return row
}

function expectRefused(res: { status: number; data: any }, reason: RegExp) {
  expect(res.status).toBe(403)
  expect(res.data.error.code).toBe('forbidden')
  expect(res.data.error.message).toMatch(reason)
}

describe('a manager cannot escalate', () => {
  it('cannot create an owner account (403, nothing created, a denied audit row)', async () => {
    const res = await t.call('POST', '/api/users', {
      cookie: cookies.manager,
      json: { login: 'sneaky-owner', name: 'Sneaky', password: 'long-password', roles: ['owner'] },
    })
    expectRefused(res, /owner/i)
    expect(await database.db.select().from(users).where(eq(users.login, 'sneaky-owner'))).toHaveLength(0)
    const row = await lastDenied(staff.manager.id)
    expect(row).toMatchObject({ action: 'denied', entity: 'user' })
    expect(row.after).toMatchObject({ attempted: 'users.create', input: { login: 'sneaky-owner', roles: ['owner'] } })
    expect(JSON.stringify(row.after)).not.toContain('long-password')
  })

  it('cannot create another manager (a role not below their own)', async () => {
    const res = await t.call('POST', '/api/users', {
      cookie: cookies.manager,
      json: { login: 'second-manager', name: 'Second', password: 'long-password', roles: ['manager'] },
    })
    expectRefused(res, /below your own/)
    expect((await lastDenied(staff.manager.id)).after).toMatchObject({ attempted: 'users.create' })
  })

  it('cannot give themself the owner role', async () => {
    const res = await t.call('PATCH', `/api/users/${staff.manager.id}`, {
      cookie: cookies.manager,
      json: { roles: ['manager', 'owner'] },
    })
    expectRefused(res, /own roles|owner/)
    expect((await user(staff.manager.id)).roles).toEqual(['manager'])
    const row = await lastDenied(staff.manager.id)
    expect(row).toMatchObject({ entity: 'user', entityId: staff.manager.id })
    expect(row.after).toMatchObject({ attempted: 'users.update', input: { roles: ['manager', 'owner'] } })
  })

  it("cannot reset the owner's password or deactivate the owner", async () => {
    const before = await user(staff.owner.id)
    const reset = await t.call('PATCH', `/api/users/${staff.owner.id}`, {
      cookie: cookies.manager,
      json: { password: 'taken-over-now' },
    })
    expectRefused(reset, /owner account/)
    const deny1 = await lastDenied(staff.manager.id)
    expect(deny1).toMatchObject({ entityId: staff.owner.id })
    expect(deny1.after).toMatchObject({ attempted: 'users.update', input: { passwordReset: true } })
    expect(JSON.stringify(deny1.after)).not.toContain('taken-over-now')

    const off = await t.call('PATCH', `/api/users/${staff.owner.id}`, { cookie: cookies.manager, json: { active: false } })
    expectRefused(off, /owner account/)
    expect((await lastDenied(staff.manager.id)).after).toMatchObject({ input: { active: false } })
    const after = await user(staff.owner.id)
    expect(after.active).toBe(true)
    expect(after.passwordHash).toBe(before.passwordHash)
    // the owner still signs in with the old password
    expect((await t.call('POST', '/api/auth/login', { json: { login: 'owner', password: 'clubroom' } })).status).toBe(200)
  })

  it('cannot touch another account at their rank, nor grant a manager role to a teacher', async () => {
    const peer = await buildUser(database.db, { roles: ['manager'], login: 'peer-manager' })
    expectRefused(
      await t.call('PATCH', `/api/users/${peer.id}`, { cookie: cookies.manager, json: { name: 'Renamed' } }),
      /below your own/,
    )
    expectRefused(
      await t.call('PATCH', `/api/users/${staff.teacher.id}`, {
        cookie: cookies.manager,
        json: { roles: ['teacher', 'manager'] },
      }),
      /below your own/,
    )
    expect((await user(peer.id)).name).not.toBe('Renamed')
  })

  it('a receptionist (no user rights) is refused and logged too', async () => {
    const res = await t.call('PATCH', `/api/users/${staff.teacher2.id}`, { cookie: cookies.reception, json: { active: false } })
    expect(res.status).toBe(403)
    expect((await lastDenied(staff.reception.id)).after).toMatchObject({ attempted: 'users.update' })
  })
})

describe('what a manager may do', () => {
  it('manages a receptionist: create with a branch, edit, reset the password, deactivate, reactivate', async () => {
    const created = await t.call('POST', '/api/users', {
      cookie: cookies.manager,
      json: { login: 'desk3', name: 'Desk Three', password: 'long-password', roles: ['receptionist'], branchIds: [branchId] },
    })
    expect(created.status).toBe(201)
    expect(created.data.user.branchIds).toEqual([branchId])
    const id = created.data.user.id
    for (const patch of [
      { name: 'Desk 3' },
      { password: 'another-long-one' },
      { active: false },
      { active: true },
      { roles: ['receptionist', 'teacher'] },
    ]) {
      const res = await t.call('PATCH', `/api/users/${id}`, { cookie: cookies.manager, json: patch })
      expect(res.status, JSON.stringify(patch)).toBe(200)
    }
    expect(await user(id)).toMatchObject({ name: 'Desk 3', active: true, roles: ['receptionist', 'teacher'] })
  })

  it('edits their own name (not roles, branches, active flag or password)', async () => {
    expect(
      (await t.call('PATCH', `/api/users/${staff.manager.id}`, { cookie: cookies.manager, json: { name: 'Mark D.' } })).status,
    ).toBe(200)
    // their own values sent back unchanged are no change
    expect(
      (
        await t.call('PATCH', `/api/users/${staff.manager.id}`, {
          cookie: cookies.manager,
          json: { name: 'Mark D.', roles: ['manager'] },
        })
      ).status,
    ).toBe(200)
    expectRefused(
      await t.call('PATCH', `/api/users/${staff.manager.id}`, { cookie: cookies.manager, json: { branchIds: [branchId] } }),
      /own branches/,
    )
    expectRefused(
      await t.call('PATCH', `/api/users/${staff.manager.id}`, { cookie: cookies.manager, json: { active: false } }),
      /own account/,
    )
    expectRefused(
      await t.call('PATCH', `/api/users/${staff.manager.id}`, { cookie: cookies.manager, json: { password: 'self-reset-pass' } }),
      /current password/,
    )
  })
})

describe('owners', () => {
  it('may grant owner and manage a second owner, but not change themselves', async () => {
    const second = await t.call('POST', '/api/users', {
      cookie: cookies.owner,
      json: { login: 'owner2', name: 'Second Owner', password: 'long-password', roles: ['owner'] },
    })
    expect(second.status).toBe(201)
    expect(
      (await t.call('PATCH', `/api/users/${second.data.user.id}`, { cookie: cookies.owner, json: { name: 'Co-owner' } })).status,
    ).toBe(200)
    expectRefused(
      await t.call('PATCH', `/api/users/${staff.owner.id}`, { cookie: cookies.owner, json: { roles: ['manager'] } }),
      /own roles/,
    )
    expectRefused(
      await t.call('PATCH', `/api/users/${staff.owner.id}`, { cookie: cookies.owner, json: { active: false } }),
      /own account/,
    )
    expect(await user(staff.owner.id)).toMatchObject({ active: true, roles: ['owner'] })
  })

  it('the last active owner cannot be deactivated or lose the owner role', async () => {
    const [o2] = await database.db.select().from(users).where(eq(users.login, 'owner2'))
    const cookie2 = await t.login('owner2', 'long-password')
    // with two active owners, one may deactivate the other, and reactivate them
    expect((await t.call('PATCH', `/api/users/${staff.owner.id}`, { cookie: cookie2, json: { active: false } })).status).toBe(200)
    expect((await t.call('PATCH', `/api/users/${staff.owner.id}`, { cookie: cookie2, json: { active: true } })).status).toBe(200)
    // the rule itself: an inactive owner does not count
    const target = { id: o2.id, roles: ['owner'] as const, active: true }
    expect(removesLastOwner({ kind: 'update', target, active: false }, [o2.id])).toBe(true)
    expect(removesLastOwner({ kind: 'update', target, roles: ['manager'] }, [o2.id])).toBe(true)
    expect(removesLastOwner({ kind: 'update', target, active: false }, [o2.id, staff.owner.id])).toBe(false)
    // two owners deactivating each other at once: one wins, the other is refused (409, or 401 once its
    // own session has ended), and the center keeps exactly one active owner
    cookies.owner = await t.login('owner')
    const [a, b] = await Promise.all([
      t.call('PATCH', `/api/users/${o2.id}`, { cookie: cookies.owner, json: { active: false } }),
      t.call('PATCH', `/api/users/${staff.owner.id}`, { cookie: cookie2, json: { active: false } }),
    ])
    const statuses = [a.status, b.status].sort()
    expect(statuses[0]).toBe(200)
    expect([401, 409]).toContain(statuses[1])
    const owners = (await database.db.select().from(users).where(eq(users.active, true))).filter((u) => u.roles.includes('owner'))
    expect(owners).toHaveLength(1)
    const last = owners[0]
    // and nobody can now take owner away from the last one: themself refused (403), the rule says 409
    const lastCookie = last.id === o2.id ? cookie2 : cookies.owner
    expect((await t.call('PATCH', `/api/users/${last.id}`, { cookie: lastCookie, json: { active: false } })).status).toBe(403)
    expect((await user(last.id)).active).toBe(true)
  })
})

describe('branches of an account', () => {
  it('a manager of one branch manages only that branch’s accounts and gives only that branch', async () => {
    const other = await buildBranch(database.db, 'Riverside')
    await buildUser(database.db, { roles: ['manager'], login: 'branch-manager', branchIds: [branchId] })
    const cookie = await t.login('branch-manager')
    const ok = await t.call('POST', '/api/users', {
      cookie,
      json: {
        login: 'desk-central',
        name: 'Desk Central',
        password: 'long-password',
        roles: ['receptionist'],
        branchIds: [branchId],
      },
    })
    expect(ok.status).toBe(201)
    expectRefused(
      await t.call('POST', '/api/users', {
        cookie,
        json: {
          login: 'desk-river',
          name: 'Desk River',
          password: 'long-password',
          roles: ['receptionist'],
          branchIds: [other.id],
        },
      }),
      /branches you work in/,
    )
    // an account of every branch (an auditor) is not theirs to create either
    expectRefused(
      await t.call('POST', '/api/users', {
        cookie,
        json: { login: 'auditor-x', name: 'Auditor X', password: 'long-password', roles: ['auditor'] },
      }),
      /branches you work in/,
    )
    const river = await buildUser(database.db, { roles: ['receptionist'], login: 'river-desk', branchIds: [other.id] })
    expectRefused(await t.call('PATCH', `/api/users/${river.id}`, { cookie, json: { name: 'Renamed' } }), /branches you work in/)
    expectRefused(
      await t.call('PATCH', `/api/users/${ok.data.user.id}`, { cookie, json: { branchIds: [branchId, other.id] } }),
      /branches you work in/,
    )
  })

  it('a receptionist, teacher, storekeeper or accountant needs at least one branch (400 branchIds)', async () => {
    for (const role of ['receptionist', 'teacher', 'storekeeper', 'accountant'] as const) {
      const res = await t.call('POST', '/api/users', {
        cookie: cookies.manager,
        json: { login: `nobranch-${role}`, name: 'No Branch', password: 'long-password', roles: [role] },
      })
      expect(res.status, role).toBe(400)
      expect(res.data.error.fields.branchIds, role).toBeTruthy()
    }
    const auditor = await t.call('POST', '/api/users', {
      cookie: cookies.manager,
      json: { login: 'auditor-all', name: 'All Branches', password: 'long-password', roles: ['auditor'] },
    })
    expect(auditor.status).toBe(201)
    expect(auditor.data.user.branchIds).toEqual([])
    const unknown = await t.call('POST', '/api/users', {
      cookie: cookies.manager,
      json: {
        login: 'ghost-branch',
        name: 'Ghost',
        password: 'long-password',
        roles: ['teacher'],
        branchIds: ['00000000-0000-4000-8000-000000000000'],
      },
    })
    expect(unknown.status).toBe(400)
    expect(unknown.data.error.fields.branchIds).toBeTruthy()
  })
})
