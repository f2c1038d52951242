import { describe, expect, it } from 'vitest'
import { NAV, navFor, nextPath, resolveRoute } from './nav'

const paths = (roles: string[]) => navFor(roles).map((e) => e.path)

describe('navigation by role', () => {
  it('gives each role the areas of the permission map', () => {
    expect(paths(['receptionist'])).toEqual(['/workspace', '/dashboard', '/timetable', '/clients', '/passes'])
    expect(paths(['teacher'])).toEqual(['/workspace', '/timetable', '/clients'])
    expect(paths(['storekeeper'])).toEqual(['/workspace', '/stock'])
    expect(paths(['accountant'])).toEqual(['/workspace', '/passes', '/staff', '/reports'])
    expect(paths(['auditor'])).toEqual(['/workspace', '/timetable', '/clients', '/reports', '/audit'])
    // the system and its backups are the owner's
    expect(paths(['manager'])).toEqual(NAV.map((e) => e.path).filter((p) => !['/audit', '/system', '/backups'].includes(p)))
    expect(paths(['owner'])).toEqual(NAV.map((e) => e.path))
  })

  it('unions the areas of several roles', () => {
    expect(paths(['teacher', 'storekeeper'])).toEqual(['/workspace', '/timetable', '/clients', '/stock'])
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
