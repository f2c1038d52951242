import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { eq } from 'drizzle-orm'
import { createTestDatabase, type TestDatabase } from '../../support/db'
import { createTestApp } from '../../support/app'
import { buildBranch, buildStaff, buildUser } from '../../support/factories'
import { users } from '../../../db/schema/index'

/**
 * The Users page offers only what the viewer may do: each account in GET /api/users carries the
 * actions its viewer may take (asked of the same users.edit policy the commands ask), the list the
 * roles they may grant. The server still refuses what is not offered.
 */
let database: TestDatabase
let t: ReturnType<typeof createTestApp>
let staff: Awaited<ReturnType<typeof buildStaff>>
const cookies: Record<string, string> = {}

interface Actions {
  edit: boolean
  changeAccess: boolean
  resetPassword: boolean
  deactivate: boolean
  reactivate: boolean
}
interface Listed {
  id: string
  login: string
  active: boolean
  actions: Actions
}
const NONE: Actions = { edit: false, changeAccess: false, resetPassword: false, deactivate: false, reactivate: false }
const ALL_ON_ACTIVE: Actions = { edit: true, changeAccess: true, resetPassword: true, deactivate: true, reactivate: false }

beforeAll(async () => {
  database = await createTestDatabase()
  staff = await buildStaff(database.db)
  const central = await buildBranch(database.db, 'Central')
  await buildUser(database.db, { roles: ['teacher'], login: 'gone-teacher', active: false, branchIds: [central.id] })
  await buildUser(database.db, { roles: ['manager'], login: 'branch-manager', branchIds: [central.id] })
  await buildUser(database.db, {
    roles: ['teacher'],
    login: 'other-branch-teacher',
    branchIds: [(await buildBranch(database.db)).id],
  })
  t = createTestApp(database)
  for (const l of ['owner', 'manager', 'branch-manager']) cookies[l] = await t.login(l)
})
afterAll(async () => database?.destroy())

async function list(login: string) {
  const res = await t.call('GET', '/api/users', { cookie: cookies[login] })
  expect(res.status).toBe(200)
  const data = res.data as { items: Listed[]; grantable: string[]; givableBranchIds: string[] | null }
  const byLogin = (l: string) => {
    const row = data.items.find((u) => u.login === l)
    if (!row) throw new Error(`no ${l} in the list`)
    return row.actions
  }
  return { ...data, byLogin }
}

describe("a manager's list", () => {
  it('offers nothing on the owner and on another manager, everything on a receptionist and a teacher', async () => {
    const { byLogin, grantable, givableBranchIds } = await list('manager')
    expect(byLogin('owner')).toEqual(NONE)
    expect(byLogin('branch-manager')).toEqual(NONE)
    expect(byLogin('reception')).toEqual(ALL_ON_ACTIVE)
    expect(byLogin('teacher')).toEqual(ALL_ON_ACTIVE)
    expect(byLogin('gone-teacher')).toEqual({ ...ALL_ON_ACTIVE, deactivate: false, reactivate: true })
    // on themselves: the name and email only
    expect(byLogin('manager')).toEqual({ ...NONE, edit: true })
    expect(grantable).toEqual(['receptionist', 'teacher', 'storekeeper', 'accountant', 'auditor'])
    expect(givableBranchIds).toBeNull()
  })

  it('and what is not offered is still refused by the server (403, the owner unchanged)', async () => {
    const off = await t.call('PATCH', `/api/users/${staff.owner.id}`, { cookie: cookies.manager, json: { active: false } })
    expect(off.status).toBe(403)
    expect(off.data.error.message).toBe('Only an owner may change an owner account')
    const rename = await t.call('PATCH', `/api/users/${staff.owner.id}`, { cookie: cookies.manager, json: { name: 'Renamed' } })
    expect(rename.status).toBe(403)
    const [owner] = await database.db.select().from(users).where(eq(users.id, staff.owner.id))
    expect(owner).toMatchObject({ active: true, name: staff.owner.name })
  })

  it('a manager of one branch is offered only the accounts of that branch', async () => {
    const { byLogin, givableBranchIds } = await list('branch-manager')
    expect(byLogin('gone-teacher')).toMatchObject({ edit: true, reactivate: true })
    expect(byLogin('other-branch-teacher')).toEqual(NONE)
    expect(byLogin('teacher')).toEqual(NONE) // every branch: not only theirs
    expect(givableBranchIds).toHaveLength(1)
  })
})

describe("an owner's list", () => {
  it('offers everything on every account but their own, where only the name and email are theirs to change', async () => {
    const { items, byLogin, grantable } = await list('owner')
    for (const u of items.filter((u) => u.login !== 'owner')) {
      expect(u.actions, u.login).toEqual({ ...ALL_ON_ACTIVE, deactivate: u.active, reactivate: !u.active })
    }
    expect(byLogin('owner')).toEqual({ ...NONE, edit: true })
    expect(byLogin('owner').deactivate).toBe(false)
    expect(grantable).toEqual(['owner', 'manager', 'receptionist', 'teacher', 'storekeeper', 'accountant', 'auditor'])
  })

  it('a changed account comes back with what the viewer may now do with it', async () => {
    const res = await t.call('PATCH', `/api/users/${staff.teacher2.id}`, { cookie: cookies.owner, json: { active: false } })
    expect(res.status).toBe(200)
    expect(res.data.user.actions).toEqual({ ...ALL_ON_ACTIVE, deactivate: false, reactivate: true })
    const back = await t.call('PATCH', `/api/users/${staff.teacher2.id}`, { cookie: cookies.owner, json: { active: true } })
    expect(back.data.user.actions).toEqual(ALL_ON_ACTIVE)
  })

  it('the OpenAPI document describes the actions and the grantable roles', async () => {
    const doc = (await t.call('GET', '/api/openapi.json')).data
    expect(Object.keys(doc.components.schemas.AccountActions.properties)).toEqual([
      'edit',
      'changeAccess',
      'resetPassword',
      'deactivate',
      'reactivate',
    ])
    expect(doc.components.schemas.StaffList.properties).toHaveProperty('grantable')
  })
})
