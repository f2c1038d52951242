import { describe, expect, it } from 'vitest'
import { filterFromSearch, groupKnown, isFiltered, isMinor, searchFromFilter } from './logic'

describe('the list filter in the URL', () => {
  it('round-trips every filter and leaves defaults out', () => {
    const a = '0b5c6a34-2f0e-4c1d-9a55-0f6f0e4f3a11'
    const g = '1d2e3f40-5a6b-4c7d-8e9f-a0b1c2d3e4f5'
    const t = '2a3b4c5d-6e7f-4081-92a3-b4c5d6e7f809'
    const f = {
      q: 'ortiz',
      status: 'active',
      ageCategory: 'junior',
      flagged: true,
      birthdayThisMonth: true,
      activityId: a,
      groupId: g,
      teacherId: t,
      owing: true,
      sort: 'newest' as const,
    }
    expect(searchFromFilter(f)).toBe(
      `?q=ortiz&status=active&age=junior&flagged=1&birthday=1&activity=${a}&group=${g}&teacher=${t}&owing=1&sort=newest`,
    )
    expect(filterFromSearch(searchFromFilter(f))).toEqual(f)
    expect(searchFromFilter({ q: '  ', sort: 'name' })).toBe('')
    expect(filterFromSearch('')).toEqual({
      q: '',
      status: '',
      ageCategory: '',
      flagged: false,
      birthdayThisMonth: false,
      activityId: '',
      groupId: '',
      teacherId: '',
      owing: false,
      sort: 'name',
    })
    expect(isFiltered(filterFromSearch('?sort=newest'))).toBe(false)
    expect(isFiltered(filterFromSearch('?owing=1'))).toBe(true)
  })

  it('ignores unknown sort values and ids that are not ids', () => {
    expect(filterFromSearch('?sort=drop table').sort).toBe('name')
    expect(filterFromSearch('?activity=robotics&group=1%20or%201').activityId).toBe('')
    expect(filterFromSearch('?activity=robotics&group=1%20or%201').groupId).toBe('')
  })
})

describe('groupKnown', () => {
  it('shows one guardian of several children once, with all the children', () => {
    const rosa = (id: string, name: string, phone = '+34 600 111 222') => ({
      name: 'Rosa Ortiz',
      relation: 'mother',
      phone,
      email: null,
      child: { id, name },
    })
    const grouped = groupKnown([
      rosa('1', 'Ben Ortiz'),
      rosa('2', 'Lea Ortiz', '+34600111222'),
      { ...rosa('3', 'Tim Diaz'), name: 'Juan Diaz', relation: 'father' },
    ])
    expect(grouped).toHaveLength(2)
    expect(grouped[0]).toMatchObject({
      name: 'Rosa Ortiz',
      children: [
        { id: '1', name: 'Ben Ortiz' },
        { id: '2', name: 'Lea Ortiz' },
      ],
    })
    expect(grouped[1].children).toEqual([{ id: '3', name: 'Tim Diaz' }])
  })
})

describe('isMinor', () => {
  it('is true under 18, false from the 18th birthday, null for unusable dates', () => {
    expect(isMinor('2010-03-04', '2028-03-03')).toBe(true)
    expect(isMinor('2010-03-04', '2028-03-04')).toBe(false)
    expect(isMinor('2030-01-01', '2028-03-04')).toBeNull()
    expect(isMinor('', '2028-03-04')).toBeNull()
    expect(isMinor('04/03/2010', '2028-03-04')).toBeNull()
  })
})
