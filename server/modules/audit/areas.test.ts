import { describe, expect, it } from 'vitest'
import type { Actor, Role } from '../../../domain/roles'
import { MODULES } from '../index'
import { AuditAreas, OTHER_AREA } from './areas'
import { diffValues } from './feed'

const actor = (role: Role): Actor => ({ id: `${role}-id`, login: role, name: role, roles: [role], branchIds: [] })

describe('audit areas, from the modules’ manifests', () => {
  const areas = new AuditAreas(MODULES.flatMap((m) => m.audit ?? []))

  it('puts each command and document in the area its module declares', () => {
    expect(areas.commandArea('clients.create')).toBe('clients')
    expect(areas.commandArea('lessons.cancel')).toBe('timetable')
    expect(areas.commandArea('payments.take')).toBe('money')
    expect(areas.commandArea('auth.login')).toBe('access')
    expect(areas.commandArea('users.update')).toBe('access')
    expect(areas.commandArea('rooms.create')).toBe('settings')
    expect(areas.commandArea('audit.checkpoint')).toBe('audit')
    expect(areas.commandArea('docs.fold_name')).toBe(OTHER_AREA)
    expect(areas.docArea('client')).toBe('clients')
    expect(areas.docArea('client-medical')).toBe('medical')
    expect(areas.docArea('timetable')).toBe('timetable')
    expect(areas.docArea('workspace')).toBe('workspace')
    expect(areas.viewArea()).toBe('medical')
    expect(areas.names()).toContain(OTHER_AREA)
  })

  it('knows which commands change money', () => {
    expect(['passes.sell', 'payments.take', 'payments.refund', 'invoices.cancel'].every((a) => areas.isMoney(a))).toBe(true)
    expect(['passes.freeze', 'clients.create', 'lessons.done'].some((a) => areas.isMoney(a))).toBe(false)
  })

  it('shows medical content only to readers with medical access', () => {
    expect(areas.contentVisible('medical', actor('owner'))).toBe(true)
    expect(areas.contentVisible('medical', actor('auditor'))).toBe(false)
    expect(areas.contentVisible('clients', actor('auditor'))).toBe(true)
  })

  it('prefers an exact action, then the longest prefix', () => {
    const a = new AuditAreas([
      { area: 'a', commands: ['x.'] },
      { area: 'b', commands: ['x.y.'] },
      { area: 'c', commands: ['x.y.z'] },
    ])
    expect([a.commandArea('x.q'), a.commandArea('x.y.q'), a.commandArea('x.y.z'), a.commandArea('w')]).toEqual([
      'a',
      'b',
      'c',
      OTHER_AREA,
    ])
  })
})

describe('a command’s before → after', () => {
  it('is field by field, added, changed and removed', () => {
    expect(diffValues({ a: 1, b: 2, c: { d: 1 } }, { a: 1, b: 3, c: { d: 2 }, e: 'x' })).toEqual([
      { path: 'b', before: 2, after: 3, kind: 'changed' },
      { path: 'c', before: { d: 1 }, after: { d: 2 }, kind: 'changed' },
      { path: 'e', before: null, after: 'x', kind: 'added' },
    ])
    expect(diffValues({ a: 1 }, null)).toEqual([{ path: 'a', before: 1, after: null, kind: 'removed' }])
    expect(diffValues(null, null)).toEqual([])
    expect(diffValues(null, 5)).toEqual([{ path: '', before: null, after: 5, kind: 'added' }])
  })
})
