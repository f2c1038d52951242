import { describe, expect, it } from 'vitest'
import { contentDisposition } from './disposition'

describe('content-disposition for names in any script', () => {
  it('gives the UTF-8 name and an ASCII fallback', () => {
    const h = contentDisposition('ԿԵՆ-2026-000017.pdf', 'inline')
    expect(h).toBe(`inline; filename="2026-000017.pdf"; filename*=UTF-8''${encodeURIComponent('ԿԵՆ-2026-000017.pdf')}`)
    expect(/^[\x20-\x7e]*$/.test(h)).toBe(true)
  })
  it('falls back to "document" when nothing ASCII is left, keeping the extension', () => {
    const h = contentDisposition('Բժշկական տեղեկանք.pdf', 'attachment')
    expect(h.startsWith('attachment; filename="document.pdf"; filename*=UTF-8\'\'')).toBe(true)
    expect(decodeURIComponent(h.split("UTF-8''")[1])).toBe('Բժշկական տեղեկանք.pdf')
  })
  it('escapes what would end the header value or the quoted fallback', () => {
    const h = contentDisposition(`a"b;c\\d'(x).csv`, 'attachment')
    expect(h).toBe(`attachment; filename="abcd'(x).csv"; filename*=UTF-8''a%22b%3Bc%5Cd%27%28x%29.csv`)
  })
})
