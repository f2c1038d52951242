import { describe, expect, it } from 'vitest'
import { alertLink } from '../../components/alert-list'
import type { CatalogueActivity } from '../../data/catalogue'
import type { GroupListItem } from '../../data/groups'
import { shownActivities } from '../catalogue/crm-catalogue-page'
import { parseConsumables } from '../catalogue/dialog-activity'
import { shownGroups } from './crm-groups-page'

const activity = (name: string, over: Partial<CatalogueActivity> = {}): CatalogueActivity => ({
  id: name,
  name,
  category: 'art',
  activityType: 'course',
  description: '',
  color: '#000000',
  durationMinutes: 60,
  minGroupSize: 1,
  maxGroupSize: 10,
  ageMin: null,
  ageMax: null,
  staffRatio: 8,
  pricePerSession: '10.00',
  consumables: [],
  roomRequirements: '',
  safetyNotes: '',
  normsFrom: null,
  kind: 'group',
  active: true,
  ...over,
})

describe('the catalogue list', () => {
  const items = [
    activity('Pottery', { activityType: 'club', pricePerSession: '18.50' }),
    activity('Chess', { pricePerSession: '5.00' }),
    activity('Birthday', { activityType: 'party', active: false }),
  ]
  it('hides archived activities unless asked, filters by type and search, sorts', () => {
    const o = { query: '', type: '' as const, archived: false, sort: 'name' as const }
    expect(shownActivities(items, o, 'en').map((a) => a.name)).toEqual(['Chess', 'Pottery'])
    expect(shownActivities(items, { ...o, archived: true }, 'en').map((a) => a.name)).toEqual(['Birthday', 'Chess', 'Pottery'])
    expect(shownActivities(items, { ...o, type: 'club' }, 'en').map((a) => a.name)).toEqual(['Pottery'])
    expect(shownActivities(items, { ...o, query: 'CHE' }, 'en').map((a) => a.name)).toEqual(['Chess'])
    expect(shownActivities(items, { ...o, sort: 'price' }, 'en').map((a) => a.name)).toEqual(['Chess', 'Pottery'])
  })
  it('reads consumables one per line, and refuses a line it cannot read', () => {
    expect(parseConsumables('Clay; 0,5; kg\n\nGlaze, 50, ml')).toEqual([
      { item: 'Clay', quantity: 0.5, unit: 'kg' },
      { item: 'Glaze', quantity: 50, unit: 'ml' },
    ])
    expect(parseConsumables('Clay; lots; kg')).toBeNull()
    expect(parseConsumables('')).toEqual([])
  })
})

describe('the group list', () => {
  const g = (name: string, over: Partial<GroupListItem> = {}): GroupListItem => ({
    id: name,
    branchId: 'b',
    activityId: 'a1',
    name,
    teacherId: 't1',
    assistantId: null,
    roomId: 'r1',
    pattern: [],
    termStart: '2026-09-01',
    termEnd: '2027-05-31',
    capacity: 10,
    ageMin: null,
    ageMax: null,
    memberCount: 0,
    waitingCount: 0,
    red: false,
    owing: [],
    ...over,
  })
  const refs = {
    activities: new Map([['a2', activity('Swimming')]]),
    teachers: new Map([['t1', { id: 't1', name: 'Karen Miller' }]]),
    rooms: new Map(),
  }
  it('finds groups by their activity and teacher, and sorts by waiting list', () => {
    const items = [g('B', { activityId: 'a2', waitingCount: 1 }), g('A', { waitingCount: 4 })]
    expect(shownGroups(items, refs, 'swim', 'name', 'en').map((x) => x.name)).toEqual(['B'])
    expect(shownGroups(items, refs, 'karen', 'name', 'en').map((x) => x.name)).toEqual(['A', 'B'])
    expect(shownGroups(items, refs, '', 'waiting', 'en').map((x) => x.name)).toEqual(['A', 'B'])
  })
})

describe('the freed place alert', () => {
  it('opens the group’s waiting list with the entry marked, for the front desk', () => {
    const a = { subject: 'waiting:42', branchId: 'b', params: { group: 'Robots', client: 'Ann', groupId: 'g-1' } }
    expect(alertLink(a, ['receptionist'])).toEqual({ href: '/groups/g-1?waiting=42', label: 'setup.alert.openWaitingList' })
    // an alert raised before it named its group has no link; a teacher does not open the groups screen
    expect(alertLink({ ...a, params: { group: 'Robots' } }, ['receptionist'])).toBeNull()
    expect(alertLink(a, ['teacher'])).toBeNull()
  })
})
