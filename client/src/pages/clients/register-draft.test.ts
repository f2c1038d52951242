import { describe, expect, it } from 'vitest'
import {
  addGuardian,
  draftProblems,
  emptyDraft,
  isFormField,
  patchDraft,
  patchGuardian,
  removeGuardian,
  toCreateInput,
  useKnownGuardian,
} from './register-draft'

const withGuardians = (n: number) => {
  let d = emptyDraft()
  for (let uid = 1; uid <= n; uid++) d = addGuardian(d, {}, uid).draft
  return d
}

describe('the registration draft', () => {
  it('drops the error of a corrected field and says when the duplicate warning no longer fits', () => {
    const r = patchDraft(emptyDraft(), { firstName: 'Enter a first name', consent: 'Consent is required' }, { firstName: 'Mia' })
    expect(r.draft.firstName).toBe('Mia')
    expect(r.errors).toEqual({ consent: 'Consent is required' })
    expect(r.identityChanged).toBe(true)
    expect(patchDraft(emptyDraft(), {}, { email: 'a@b.c' }).identityChanged).toBe(false)
  })

  it("a guardian's new phone clears its error and the client's phone error, and unlinks the family", () => {
    let d = withGuardians(2)
    d = { ...d, guardians: d.guardians.map((g) => (g.uid === 2 ? { ...g, linkedTo: [{ id: 'x', name: 'Ann' }] } : g)) }
    const errors = { phone: 'A phone is required', 'guardians.1.phone': 'Enter a phone', 'guardians.1.name': 'Enter a name' }
    const r = patchGuardian(d, errors, 2, { phone: '+49 170 1234567' })
    expect(r.draft.guardians[1]).toMatchObject({ phone: '+49 170 1234567', linkedTo: null })
    expect(r.errors).toEqual({ 'guardians.1.name': 'Enter a name' })
  })

  it('a known guardian fills the fields and links the family', () => {
    const d = withGuardians(1)
    const k = { name: 'Eva Kern', relation: 'mother', phone: '+49 1', email: null, children: [{ id: 'c1', name: 'Tom' }] }
    const r = useKnownGuardian(d, { 'guardians.0.name': 'x', phone: 'y', firstName: 'z' }, 1, k)
    expect(r.draft.guardians[0]).toMatchObject({ name: 'Eva Kern', email: '', known: [], linkedTo: k.children })
    expect(r.errors).toEqual({ firstName: 'z' })
  })

  it('adding a guardian clears "needs a guardian"; removing one drops the errors of those after it', () => {
    expect(addGuardian(emptyDraft(), { guardians: 'A client under 18 needs at least one guardian' }, 1).errors).toEqual({})
    const d = withGuardians(3)
    const errors = { 'guardians.0.name': 'a', 'guardians.1.name': 'b', 'guardians.2.name': 'c', lastName: 'd' }
    const r = removeGuardian(d, errors, 2)
    expect(r.draft.guardians.map((g) => g.uid)).toEqual([1, 3])
    expect(r.errors).toEqual({ 'guardians.0.name': 'a', lastName: 'd' })
  })

  it('is sent trimmed, empty optional fields as null', () => {
    const d = patchDraft(withGuardians(1), {}, { firstName: ' Mia ', lastName: 'Kern', email: ' ' }).draft
    const input = toCreateInput(patchGuardian(d, {}, 1, { name: ' Eva ', phone: '+49 1' }).draft)
    expect(input).toMatchObject({ firstName: 'Mia', email: null, birthDate: null, source: null, status: 'lead' })
    expect(input.guardians).toEqual([{ name: 'Eva', relation: '', phone: '+49 1', email: null, canPickUp: true }])
  })

  it('shows the errors of its fields beside them, others above the form', () => {
    expect(isFormField('guardians.3.phone')).toBe(true)
    expect(isFormField('guardians')).toBe(true)
    expect(isFormField('guardians.0.canPickUp')).toBe(false)
    expect(isFormField('branchId')).toBe(false)
  })

  it('names what the rules refuse by message id, before anything is sent', () => {
    const required = ['firstName', 'lastName', 'birthDate', 'phoneOrGuardianPhone', 'consent'] as const
    expect(draftProblems(emptyDraft(), required, '2026-11-27')).toEqual({
      firstName: 'errors.clients.firstNameRequired',
      lastName: 'errors.clients.lastNameRequired',
      birthDate: 'errors.clients.birthDateRequired',
      consent: 'errors.clients.consentRequired',
      phone: 'errors.clients.phoneRequired',
    })
    // a minor: the guardian's fields by the guardian's place in the form
    let d = patchDraft(withGuardians(2), {}, { firstName: 'Mia', lastName: 'Kern', birthDate: '2018-03-01', consent: true }).draft
    d = patchGuardian(d, {}, 1, { name: 'Eva Kern', relation: 'mother', phone: '+374 91 123456' }).draft
    expect(draftProblems(d, required, '2026-11-27')).toEqual({
      'guardians.1.name': 'errors.clients.guardianNameRequired',
      'guardians.1.relation': 'errors.clients.relationRequired',
      'guardians.1.phone': 'errors.clients.guardianPhoneRequired',
    })
    d = removeGuardian(d, {}, 2).draft
    expect(draftProblems(d, required, '2026-11-27')).toEqual({})
    expect(draftProblems(patchDraft(d, {}, { birthDate: '2027-01-01' }).draft, required, '2026-11-27')).toEqual({
      birthDate: 'errors.clients.birthDateFuture',
    })
  })
})
