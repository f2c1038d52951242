import { readFileSync } from 'node:fs'
import { create, type Font } from 'fontkit'
import { describe, expect, it } from 'vitest'
import { pdfText, squash } from '../../test/support/pdf-text'
import { renderPdf } from './document'
import { PDF_FACES } from './faces'

/**
 * The faces are parsed once per process and shared by every document: each document still copies
 * out as the text it shows, whatever was drawn before it (fontkit keeps the glyphs it has met with
 * the characters it first met them for; a subset meets a composite glyph's parts with none).
 */
describe('the shared faces', () => {
  const draw = (lines: string[]) => renderPdf('hy', 'x', (pen) => lines.forEach((l, i) => pen.write(l, i === 0)))
  const texts = [
    ['Receipt for invoice ԿԵՆ-2026-000001', 'Payment method: card', 'Ընդամենը 24 000 ֏'],
    ['Квитанция по счёту ԿԵՆ-2026-000002', 'Способ оплаты: карта', 'ներառյալ ԱԱՀ 20% 4 000 ֏'],
    ['Receipt for invoice ԿԵՆ-2026-000003', 'Refund -1 000 ֏', 'Äpfel, fiancée, œuvre'],
  ]

  it('let each of several documents in a row copy out its own text', async () => {
    for (let round = 0; round < 2; round++)
      for (const lines of texts) {
        const { text } = pdfText(await draw(lines))
        for (const l of lines) expect(squash(text)).toContain(squash(l))
      }
  })
})

/** The faces carry no TrueType hinting (server/assets/fonts/README.md): each PDF's subset would re-encode it. */
describe('the embedded faces', () => {
  it.each(Object.entries(PDF_FACES))('%s has no hinting tables', (_name, file) => {
    const font = create(readFileSync(file)) as Font
    const tables = Object.keys((font as unknown as { directory: { tables: object } }).directory.tables)
    expect(tables).toEqual(expect.arrayContaining(['glyf', 'cmap', 'GSUB']))
    for (const hinting of ['fpgm', 'prep', 'cvt ']) expect(tables).not.toContain(hinting)
  })
})
