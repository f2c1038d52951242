import { describe, expect, it } from 'vitest'
import { NAV, navFor, nextPath, resolveRoute } from './nav'

const paths = (roles: string[]) => navFor(roles).map((e) => e.path)
/** The areas of the permission map that work today (an entry flagged `ready: false` is shown to nobody). */
const ready = (list: string[]) => list.filter((p) => NAV.find((e) => e.path === p)?.ready !== false)

describe('navigation by role', () => {
  it('gives each role the areas of the permission map', () => {
    expect(paths(['receptionist'])).toEqual(
      ready(['/workspace', '/dashboard', '/timetable', '/groups', '/clients', '/passes', '/sales', '/loans', '/checklists']),
    )
    expect(paths(['teacher'])).toEqual(['/workspace', '/timetable', '/clients', '/checklists', '/calendar-feeds'])
    expect(paths(['storekeeper'])).toEqual(ready(['/workspace', '/stock', '/outbox', '/sales', '/loans', '/checklists']))
    expect(paths(['accountant'])).toEqual(
      ready(['/workspace', '/passes', '/stock', '/sales', '/loans', '/staff', '/checklists', '/reports', '/document-packages']),
    )
    expect(paths(['auditor'])).toEqual(
      ready([
        '/workspace',
        '/timetable',
        '/clients',
        '/stock',
        '/sales',
        '/loans',
        '/staff',
        '/checklists',
        '/reports',
        '/document-packages',
        '/audit',
      ]),
    )
    // the system and its backups are the owner's
    expect(paths(['manager'])).toEqual(
      ready(NAV.map((e) => e.path)).filter((p) => !['/audit', '/system', '/backups'].includes(p)),
    )
    expect(paths(['owner'])).toEqual(ready(NAV.map((e) => e.path)))
  })

  it('unions the areas of several roles', () => {
    expect(paths(['teacher', 'storekeeper'])).toEqual(
      ready(['/workspace', '/timetable', '/clients', '/stock', '/outbox', '/sales', '/loans', '/checklists', '/calendar-feeds']),
    )
  })

  it('shows nobody an area still to come, and opens none by its address', () => {
    const soon = NAV.filter((e) => e.ready === false)
    // today none (the reports were the last, until their page landed)
    expect(soon.map((e) => e.path)).toEqual([])
    for (const roles of [['owner'], ['manager'], ['receptionist'], ['accountant'], ['storekeeper'], ['auditor']]) {
      expect(navFor(roles).filter((e) => e.ready === false)).toEqual([])
      expect(navFor(roles).filter((e) => e.tag === 'crm-coming-soon-page')).toEqual([])
      for (const e of soon) expect(resolveRoute(e.path, roles)).toBeNull()
    }
    expect(paths(['storekeeper'])).toEqual(['/workspace', '/stock', '/outbox', '/sales', '/loans', '/checklists'])
  })

  it('opens the reports for those who read them, and for nobody else', () => {
    for (const role of ['owner', 'manager', 'accountant', 'auditor'])
      expect(resolveRoute('/reports', [role])?.tag, role).toBe('crm-reports-page')
    for (const role of ['receptionist', 'teacher', 'storekeeper']) expect(resolveRoute('/reports', [role]), role).toBeNull()
  })

  it('opens the document packages for those who read the books, and for nobody else', () => {
    for (const role of ['owner', 'manager', 'accountant', 'auditor'])
      expect(resolveRoute('/document-packages', [role])?.tag, role).toBe('crm-document-package-page')
    for (const role of ['receptionist', 'teacher', 'storekeeper'])
      expect(resolveRoute('/document-packages', [role]), role).toBeNull()
  })

  it('resolves sub-paths to their area and refuses unknown or forbidden ones', () => {
    expect(resolveRoute('/users/123', ['manager'])?.path).toBe('/users')
    expect(resolveRoute('/users/', ['owner'])?.path).toBe('/users')
    expect(resolveRoute('/usersx', ['owner'])).toBeNull()
    expect(resolveRoute('/users', ['receptionist'])).toBeNull()
    expect(resolveRoute('/nope', ['owner'])).toBeNull()
  })

  it('only follows ?next= to paths inside the app', () => {
    expect(nextPath('?next=%2Fusers')).toBe('/users')
    expect(nextPath('?next=%2F%2Fevil.example')).toBe('/workspace')
    expect(nextPath('?next=https%3A%2F%2Fevil.example')).toBe('/workspace')
    expect(nextPath('?next=%2Flogin')).toBe('/workspace')
    expect(nextPath('')).toBe('/workspace')
  })
})
