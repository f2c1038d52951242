import { describe, expect, it } from 'vitest'
import { filterFromSearch, groupKnown, isMinor, searchFromFilter } from './logic'

describe('the list filter in the URL', () => {
  it('round-trips every filter and leaves defaults out', () => {
    const f = { q: 'ortiz', status: 'active', ageCategory: 'junior', flagged: true, birthdayThisMonth: true, sort: 'newest' as const }
    expect(searchFromFilter(f)).toBe('?q=ortiz&status=active&age=junior&flagged=1&birthday=1&sort=newest')
    expect(filterFromSearch(searchFromFilter(f))).toEqual(f)
    expect(searchFromFilter({ q: '  ', sort: 'name' })).toBe('')
    expect(filterFromSearch('')).toEqual({ q: '', status: '', ageCategory: '', flagged: false, birthdayThisMonth: false, sort: 'name' })
  })

  it('ignores unknown sort values', () => {
    expect(filterFromSearch('?sort=drop table').sort).toBe('name')
  })
})

describe('groupKnown', () => {
  it('shows one guardian of several children once, with all the children', () => {
    const rosa = (id: string, name: string, phone = '+34 600 111 222') => ({ name: 'Rosa Ortiz', relation: 'mother', phone, email: null, child: { id, name } })
    const grouped = groupKnown([rosa('1', 'Ben Ortiz'), rosa('2', 'Lea Ortiz', '+34600111222'), { ...rosa('3', 'Tim Diaz'), name: 'Juan Diaz', relation: 'father' }])
    expect(grouped).toHaveLength(2)
    expect(grouped[0]).toMatchObject({ name: 'Rosa Ortiz', children: [{ id: '1', name: 'Ben Ortiz' }, { id: '2', name: 'Lea Ortiz' }] })
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
