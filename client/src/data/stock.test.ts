import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { addOrBump, newLineKey, postedMeta, readStockLines, removeLine, setLineField, stockMetaOf } from './stock'

/** The stock document editor's edits (client/src/pages/stock/crm-stock-doc.ts) on a `stock-doc:<id>` Y.Doc. */
describe('stock document lines', () => {
  it('a scanned product gets a line of one, then one more on each scan; another product a new line, after it', () => {
    const doc = new Y.Doc()
    const first = addOrBump(doc, 'kit')
    expect(addOrBump(doc, 'kit')).toBe(first)
    addOrBump(doc, 'kit')
    const second = addOrBump(doc, 'glue', { unitCost: 120 })
    expect(second).not.toBe(first)
    expect(readStockLines(doc).map((l) => [l.productId, l.quantity, l.unitCost])).toEqual([
      ['kit', 3, undefined],
      ['glue', 1, 120],
    ])
  })

  it('a scan after a quantity was cleared starts from zero', () => {
    const doc = new Y.Doc()
    const key = addOrBump(doc, 'kit')
    setLineField(doc, key, 'quantity', '')
    expect(readStockLines(doc)[0].quantity).toBeUndefined()
    addOrBump(doc, 'kit')
    expect(readStockLines(doc)[0].quantity).toBe(1)
  })

  it('two editors scanning at once both count, merged', () => {
    const a = new Y.Doc()
    const b = new Y.Doc()
    addOrBump(a, 'kit')
    addOrBump(b, 'glue')
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b))
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a))
    expect(readStockLines(a).map((l) => l.productId).sort()).toEqual(['glue', 'kit'])
    expect(readStockLines(b)).toEqual(readStockLines(a))
  })

  it('changes and removes a line', () => {
    const doc = new Y.Doc()
    const key = addOrBump(doc, 'kit')
    setLineField(doc, key, 'quantity', 7)
    setLineField(doc, key, 'unitCost', 300)
    expect(readStockLines(doc)[0]).toMatchObject({ quantity: 7, unitCost: 300 })
    removeLine(doc, key)
    expect(readStockLines(doc)).toEqual([])
  })

  it('line keys sort in the order they were made', () => {
    expect(newLineKey(1000) < newLineKey(2000)).toBe(true)
    expect(newLineKey(5) < newLineKey(1_700_000_000_000)).toBe(true)
  })

  it('says who posted the document and when once the server wrote it', () => {
    const doc = new Y.Doc()
    expect(postedMeta(doc)).toBeNull()
    const meta = stockMetaOf(doc)
    meta.set('status', 'posted')
    meta.set('postedByName', 'Lev Shelves')
    meta.set('postedAt', '2026-12-04T10:00:00.000Z')
    expect(postedMeta(doc)).toEqual({ by: 'Lev Shelves', at: '2026-12-04T10:00:00.000Z' })
  })
})
