import { describe, expect, it, vi } from 'vitest'
import * as Y from 'yjs'
import { readStockLines, setStockLine, stockMetaOf } from '../../../domain/docs/stock-doc'
import type { Actor } from '../../../domain/roles'
import { createLogger } from '../../logger'
import { showPosted } from './commands/documents'
import { stockDocFacts } from './doc-facts'
import type { StockDocRow } from './queries'

const D1 = '6f1c2d3e-4a5b-4c6d-8e7f-0123456789a1'
const D2 = '6f1c2d3e-4a5b-4c6d-8e7f-0123456789a2'
const actor = { id: 'u1', login: 'storekeeper', name: 'Store Keeper', roles: ['storekeeper'], branchIds: ['b1'] } as Actor

describe('showPosted', () => {
  it('leaves the live document exactly as posted, says who posted it, and sends its editors back', async () => {
    const doc = new Y.Doc()
    setStockLine(doc, 'a', { productId: 'p1', quantity: 2 })
    setStockLine(doc, 'b', { productId: 'p2', quantity: 5 })
    // typed while the posting ran: not posted, so taken back out / put back
    setStockLine(doc, 'late', { productId: 'p3', quantity: 1 })
    const evict = vi.fn(async () => {})
    const docs = { applyAsUser: vi.fn(async (_name: string, _actor: Actor, fn: (d: Y.Doc) => void) => fn(doc)), evict }
    const postedAt = new Date('2026-12-04T10:00:00Z')
    const row = { id: D1, postedAt, branchId: 'b1' } as StockDocRow & { branchId: string }
    await showPosted({ docs, logger: createLogger('silent') }, row, actor, [
      { key: 'a', productId: 'p1', quantity: 2 },
      { key: 'b', productId: 'p2', quantity: 4 },
    ])
    expect(readStockLines(doc).map((l) => [l.key, l.quantity])).toEqual([
      ['a', 2],
      ['b', 4],
    ])
    expect(stockMetaOf(doc).toJSON()).toEqual({
      status: 'posted',
      postedBy: 'u1',
      postedByName: 'Store Keeper',
      postedAt: '2026-12-04T10:00:00.000Z',
    })
    expect(evict).toHaveBeenCalledWith(`stock-doc:${D1}`, 'stock.doc.posted')
    expect(stockDocFacts(D1)).toEqual({ branchId: 'b1', posted: true })
  })

  it('never fails a posting that stands when the document cannot be written', async () => {
    const docs = { applyAsUser: vi.fn(async () => Promise.reject(new Error('down'))) }
    const row = { id: D2, postedAt: new Date(), branchId: 'b1' } as StockDocRow & { branchId: string }
    await expect(showPosted({ docs, logger: createLogger('silent') }, row, actor, [])).resolves.toBeUndefined()
    expect(stockDocFacts(D2)?.posted).toBe(true)
  })
})
