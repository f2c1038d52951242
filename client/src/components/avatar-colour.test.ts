import { describe, expect, it } from 'vitest'
import { userColour } from '../../../domain/docs/presence'
import { avatarBackground, contrastWithWhite } from './avatar-colour'

describe('presence avatars', () => {
  it('keep white initials readable (4.5:1) whatever colour the user id hashes to', () => {
    expect(contrastWithWhite('#29ae59')).toBeLessThan(4.5)
    for (let i = 0; i < 500; i++) expect(contrastWithWhite(avatarBackground(userColour(`user-${i}`)))).toBeGreaterThanOrEqual(4.5)
  })
  it('leave a dark colour as it is', () => {
    expect(avatarBackground('#1f2a28')).toBe('#1f2a28')
  })
})
