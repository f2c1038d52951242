import { describe, expect, it } from 'vitest'
import { clientAbilities, clientsCsvUrl, documentProblem, filterQuery } from './clients'

describe('client list queries', () => {
  it('sends only the filters that are set, as the API names them', () => {
    expect(filterQuery({ q: ' rosa ', status: '', flagged: true, birthdayThisMonth: false, sort: 'name' })).toEqual({
      q: 'rosa',
      status: undefined,
      ageCategory: undefined,
      flagged: 'true',
      birthdayThisMonth: undefined,
      sort: undefined,
    })
    expect(clientsCsvUrl({ ageCategory: 'teen', sort: 'newest', birthdayThisMonth: true })).toBe('/api/clients/export.csv?ageCategory=teen&birthdayThisMonth=true&sort=newest')
  })
})

describe('documentProblem', () => {
  it('accepts PDF, JPEG and PNG up to 10 MB and names the problem otherwise', () => {
    expect(documentProblem({ size: 1000, type: 'application/pdf' })).toBeNull()
    expect(documentProblem({ size: 10 * 1024 * 1024, type: 'image/png' })).toBeNull()
    expect(documentProblem({ size: 10 * 1024 * 1024 + 1, type: 'image/png' })).toBe('The file is larger than 10 MB')
    expect(documentProblem({ size: 10, type: 'application/msword' })).toBe('Only PDF, JPEG and PNG files are accepted')
    expect(documentProblem({ size: 0, type: 'image/jpeg' })).toBe('The file is empty')
    // an unknown browser type is left to the server, which checks the content
    expect(documentProblem({ size: 10, type: '' })).toBeNull()
  })
})

describe('clientAbilities', () => {
  it('mirrors the permission matrix', () => {
    expect(clientAbilities(['receptionist'])).toEqual({ edit: true, create: true, observe: true, medical: false, export: true, bulkExport: false, erase: false })
    expect(clientAbilities(['teacher'])).toMatchObject({ edit: false, observe: true, medical: false })
    expect(clientAbilities(['auditor'])).toMatchObject({ edit: false, observe: false, export: false })
    expect(clientAbilities(['manager'])).toMatchObject({ medical: true, erase: false, bulkExport: true })
    expect(clientAbilities(['owner'])).toMatchObject({ medical: true, erase: true })
  })
})
