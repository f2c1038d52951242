import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { parseDocName } from './doc-names'
import { encodeStockDocName, initStockDoc, parseStockDocKey, readStockLines, setStockLine } from './stock-doc'

const ID = '6f1c2d3e-4a5b-4c6d-8e7f-0123456789ab'

describe('stock-doc:<id>', () => {
  it('has one spelling: a lower-case id', () => {
    expect(encodeStockDocName(ID)).toBe(`stock-doc:${ID}`)
    expect(parseDocName(`stock-doc:${ID}`)).toEqual({ type: 'stock-doc', docId: ID })
    expect(parseDocName(`stock-doc:${ID.toUpperCase()}`)).toBeNull()
    expect(parseStockDocKey(`${ID}:x`)).toBeNull()
    expect(parseStockDocKey('nope')).toBeNull()
  })

  it('holds lines by key; what was typed is read as it is (posting validates it)', () => {
    const doc = new Y.Doc()
    initStockDoc(doc)
    setStockLine(doc, 'b', { productId: 'p2', quantity: '3' })
    setStockLine(doc, 'a', { productId: 'p1', quantity: 2, unitCost: 150, note: 'shelf 1' })
    expect(readStockLines(doc)).toEqual([
      { key: 'a', productId: 'p1', quantity: 2, unitCost: 150, note: 'shelf 1' },
      { key: 'b', productId: 'p2', quantity: '3', unitCost: undefined, note: undefined },
    ])
  })
})
