import { describe, expect, it } from 'vitest'
import { eq } from 'drizzle-orm'
import { clients, docUpdates } from '../../../db/schema/index'
import { profileOf } from '../../../domain/docs/client-file'
import { encodeTimetableDocName } from '../../../domain/docs/timetable-week'
import { buildBranch } from '../../support/factories'
import { apiCaller } from '../../support/http'
import { useDocServer, waitFor } from '../collab/helpers'

/** Issue #11 point 2: a document has one name; every other spelling is refused at connect and 404 on history. */
const ctx = useDocServer({ logins: ['owner', 'reception'] })
const call = (...args: Parameters<ReturnType<typeof apiCaller>>) => apiCaller(ctx.server)(...args)

async function register(first: string, last: string) {
  const res = await call('POST', '/api/clients', ctx.cookies.reception, {
    firstName: first,
    lastName: last,
    birthDate: '1990-05-05',
    phone: '+49 170 5550101',
    consent: true,
    confirmNotDuplicate: true,
  })
  if (res.status !== 201) throw new Error(JSON.stringify(res.data))
  return res.data.id as string
}

describe('one name per document', () => {
  it('refuses client:<UPPER-CASE id> at connect (4400, final) and answers 404 on its history; the real client is untouched', async () => {
    const id = await register('Mila', 'Brandt')
    const upper = `client:${id.toUpperCase()}`
    const c = ctx.open(ctx.server, ctx.cookies.reception, upper)
    // what an attacker would do once connected: overwrite the profile through the projection
    c.doc.transact(() => profileOf(c.doc).set('lastName', 'Overwritten'))
    await waitFor(() => c.closes.length > 0, 5_000, 'refusal')
    expect(c.closes[0].code).toBe(4400)
    expect(c.provider.synced).toBe(false)
    await new Promise((r) => setTimeout(r, 500)) // a projection would have run by now
    const [row] = await ctx.database.db.select({ lastName: clients.lastName }).from(clients).where(eq(clients.id, id))
    expect(row.lastName).toBe('Brandt')
    expect(await ctx.database.db.select().from(docUpdates).where(eq(docUpdates.doc, upper))).toEqual([])
    expect(ctx.server.realtime.collab.isLoaded(upper)).toBe(false)

    expect((await call('GET', `/api/docs/${encodeURIComponent(upper)}/history`, ctx.cookies.owner)).status).toBe(404)
    expect((await call('GET', `/api/docs/${encodeURIComponent(`client:${id}`)}/history`, ctx.cookies.owner)).status).toBe(200)
  })

  it('refuses other spellings of a week and weeks of a branch that does not exist', async () => {
    const branch = await buildBranch(ctx.database.db, 'Names branch')
    const missing = '0b7e9a3c-0000-4000-8000-000000000000'
    for (const name of [
      `timetable:${branch.id}:2026-w10`,
      `timetable:${branch.id}:2027-W53`,
      `timetable:${branch.id.toUpperCase()}:2026-W10`,
      encodeTimetableDocName(missing, '2026-W10'),
    ]) {
      const c = ctx.open(ctx.server, ctx.cookies.reception, name)
      await waitFor(() => c.closes.length > 0, 5_000, `refusal of ${name}`)
      expect(c.closes[0].code, name).toBe(4400)
      expect((await call('GET', `/api/docs/${encodeURIComponent(name)}/history`, ctx.cookies.owner)).status, name).toBe(404)
    }
    const ok = ctx.open(ctx.server, ctx.cookies.reception, encodeTimetableDocName(branch.id, '2026-W10'))
    await ok.synced()
  })
})
