import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestDatabase, type TestDatabase } from '../../support/db'
import { startTestServer } from '../../support/app'
import { buildStaff } from '../../support/factories'
import { apiCaller } from '../../support/http'
import type { RunningServer } from '../../../server/server'
import { login } from '../collab/helpers'

/** Point 6 of the trust work: a strict Content-Security-Policy and CSV exports a spreadsheet cannot run. */
let database: TestDatabase
let server: RunningServer
let manager: string
const get = (path: string, cookie?: string) => fetch(server.url + path, { headers: cookie ? { cookie } : {} })

beforeAll(async () => {
  database = await createTestDatabase()
  await buildStaff(database.db)
  server = await startTestServer(database)
  manager = await login(server, 'manager')
})
afterAll(async () => {
  await server?.close()
  await database?.destroy()
})

/** The CSP as a map of directive → sources. */
function policyOf(header: string | null): Map<string, string[]> {
  expect(header, 'Content-Security-Policy header').toBeTruthy()
  return new Map(
    header!
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((d) => d[0])
      .map(([name, ...sources]) => [name, sources]),
  )
}

describe('browser-side defences', () => {
  it('every response carries a CSP without inline or eval’d scripts, never framed, with nosniff and a referrer policy', async () => {
    for (const path of ['/', '/api/docs', '/api/openapi.json', '/healthz', '/api/clients']) {
      const res = await get(path, path === '/api/clients' ? manager : undefined)
      const csp = policyOf(res.headers.get('content-security-policy'))
      const scripts = csp.get('script-src') ?? csp.get('default-src')!
      expect(scripts, path).toEqual(["'self'"])
      expect(csp.get('default-src'), path).toEqual(["'self'"])
      expect(csp.get('frame-ancestors'), path).toEqual(["'none'"])
      expect(csp.get('object-src'), path).toEqual(["'none'"])
      expect(res.headers.get('content-security-policy'), path).not.toMatch(/unsafe-eval/)
      expect(res.headers.get('x-content-type-options'), path).toBe('nosniff')
      expect(res.headers.get('referrer-policy'), path).toBe('no-referrer')
      expect(res.headers.get('x-frame-options'), path).toBe('DENY')
    }
  })

  it('the API reference page has no inline script (its start-up script is a file)', async () => {
    const page = await (await get('/api/docs')).text()
    const inline = [...page.matchAll(/<script(?![^>]*\bsrc=)[^>]*>/g)]
    expect(inline).toEqual([])
    const init = await get('/api/docs/assets/clubroom-init.js')
    expect(init.status).toBe(200)
    expect(init.headers.get('content-type')).toMatch(/javascript/)
    expect(await init.text()).toContain('SwaggerUIBundle')
  })

  it('the client list CSV neutralises cells a spreadsheet would run as formulas', async () => {
    const reg = await apiCaller(server)('POST', '/api/clients', manager, {
      firstName: '=HYPERLINK("http://evil.example","x")',
      lastName: '@SUM(A1)',
      birthDate: '1990-01-01',
      phone: '+374 10 555 321',
      email: 'x@example.com',
      consent: true,
      confirmNotDuplicate: true,
    })
    expect(reg.status, JSON.stringify(reg.data)).toBe(201)
    const res = await get('/api/clients/export.csv', manager)
    expect(res.status).toBe(200)
    const csv = await res.text()
    const line = csv.split('\n').find((l) => l.includes('HYPERLINK'))!
    expect(line.startsWith(`'@SUM(A1),"'=HYPERLINK(`)).toBe(true)
    expect(line).toContain(`'+374 10 555 321`)
    // nothing in the file starts a cell with a formula character
    for (const l of csv.split('\n')) for (const cell of l.split(',')) expect(cell.replace(/^"/, '')).not.toMatch(/^[=+\-@\t\r]/)
  })
})
