import { describe, expect, it } from 'vitest'
import { ApiError } from '../data/api'
import { FormController, formFailure } from './form-controller'

const refused = (fields: Record<string, string>, message = 'Invalid input') =>
  new ApiError(400, 'validation_error', message, fields)

describe('formFailure', () => {
  it('puts the messages of known fields beside them and nothing above the form', () => {
    expect(formFailure(refused({ name: 'Enter a name', 'roles.0': 'Unknown role' }), ['name', 'roles'], 'x')).toEqual({
      fieldErrors: { name: 'Enter a name', roles: 'Unknown role' },
      error: null,
    })
  })

  it('shows messages for other fields above the form', () => {
    expect(formFailure(refused({ name: 'Enter a name', cursor: 'Stale', _: 'Try later' }), ['name'], 'x')).toEqual({
      fieldErrors: { name: 'Enter a name' },
      error: 'cursor: Stale Try later',
    })
  })

  it("shows the server's message when it named no field (a refusal's reason too)", () => {
    expect(formFailure(new ApiError(403, 'forbidden', 'Only an owner may change an owner account'), ['name'], 'x')).toEqual({
      fieldErrors: {},
      error: 'Only an owner may change an owner account',
    })
    expect(formFailure(new ApiError(403, 'forbidden', ''), ['name'], 'x')).toEqual({
      fieldErrors: {},
      error: 'You are not allowed to do this',
    })
  })

  it('falls back when no usable answer came', () => {
    expect(formFailure(new TypeError('Failed to fetch'), ['name'], 'Could not save.')).toEqual({
      fieldErrors: {},
      error: 'Could not save.',
    })
  })
})

describe('FormController', () => {
  const host = () => {
    const h = {
      updates: 0,
      controllers: [] as unknown[],
      renderRoot: null as unknown as ParentNode,
      updateComplete: Promise.resolve(true),
    }
    return Object.assign(h, {
      addController: (c: unknown) => h.controllers.push(c),
      removeController: () => {},
      requestUpdate: () => void h.updates++,
    })
  }

  it('is busy while the request runs, once at a time, and shows its failure', async () => {
    const h = host()
    const form = new FormController(h, { fields: ['name'] })
    expect(h.controllers).toEqual([form])
    form.refuse({ name: 'old' })
    let release!: () => void
    let runs = 0
    const sent = form.send(() => {
      runs++
      return new Promise<void>((_, reject) => (release = () => reject(refused({ name: 'Enter a name' }))))
    })
    expect(form.busy).toBe(true)
    expect(form.fieldErrors).toEqual({})
    await form.send(async () => void runs++) // ignored while busy
    release()
    await sent
    expect(runs).toBe(1)
    expect(form.busy).toBe(false)
    expect(form.fieldErrors).toEqual({ name: 'Enter a name' })
    expect(form.invalid('name')).toBe('true')
    expect(form.invalid('login')).toBe('false')
    expect(form.error).toBeNull()
    expect(h.updates).toBeGreaterThan(0)
  })

  it('falls back to a general message, and clears', async () => {
    const form = new FormController(host(), { fields: [] })
    await form.send(async () => {
      throw new Error('boom')
    })
    expect(form.error).toBe('Something went wrong. Try again.')
    form.clear()
    expect(form.error).toBeNull()
  })
})
