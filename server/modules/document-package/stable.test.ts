import { unzipSync } from 'fflate'
import { afterEach, expect, it, vi } from 'vitest'
import { renderPdf } from '../../pdf/document'
import { renderTablePdf } from '../../pdf/table'
import { stablePdf, stableZip } from './stable'

afterEach(() => {
  vi.useRealTimers()
})

const draw = () =>
  renderPdf('hy', 'Հաշիվ ԿԵՆ-2026-000017', ({ write, row }) => {
    write('Կենտրոն · Central')
    row('Ընդամենը', '15 000 ֏', true)
  })

it('makes a PDF drawn at two moments the same bytes, stamped with the time given', async () => {
  vi.useFakeTimers({ toFake: ['Date'] })
  vi.setSystemTime(new Date('2026-12-01T02:00:00Z'))
  const a = await draw()
  vi.setSystemTime(new Date('2026-12-05T13:45:17Z'))
  const b = await draw()
  expect(a.equals(b)).toBe(false)
  const at = new Date('2026-11-30T19:59:59Z')
  const sa = stablePdf(a, at)
  const sb = stablePdf(b, at)
  expect(sa.equals(sb)).toBe(true)
  expect(sa.length).toBe(a.length)
  expect(sa.toString('latin1')).toContain('(D:20261130195959Z)')
  // another stamp, or other content, another file ID
  expect(stablePdf(a, new Date('2026-10-31T19:59:59Z')).equals(sa)).toBe(false)
})

it('does the same for a table document', async () => {
  const table = () =>
    renderTablePdf('ru', {
      title: 'Касса, 3 нояб. 2026 г.',
      columns: [{ label: 'Кассир' }, { label: 'Сумма', align: 'right' }],
      rows: [['Анна', '1 000 ₽']],
      totals: ['Итого', '1 000 ₽'],
    })
  vi.useFakeTimers({ toFake: ['Date'] })
  vi.setSystemTime(new Date('2026-12-01T02:00:00Z'))
  const a = await table()
  vi.setSystemTime(new Date('2026-12-01T02:00:03Z'))
  const b = await table()
  const at = new Date('2026-11-30T20:59:59Z')
  expect(stablePdf(a, at).equals(stablePdf(b, at))).toBe(true)
})

it('zips the entries in the order given, stamped with the wall-clock time given, the same bytes every time', () => {
  const entries = [
    { name: 'index.csv', data: new TextEncoder().encode('a,b\n') },
    { name: 'invoices/2026-000001.pdf', data: new Uint8Array([1, 2, 3]) },
  ]
  const a = stableZip(entries, { date: '2026-11-30', time: '23:59' })
  const b = stableZip(entries, { date: '2026-11-30', time: '23:59' })
  expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true)
  const files = unzipSync(a)
  expect(Object.keys(files)).toEqual(['index.csv', 'invoices/2026-000001.pdf'])
  // the DOS time in the first local header: 2026-11-30 23:59:58 at the most
  const view = new DataView(a.buffer, a.byteOffset)
  const time = view.getUint16(10, true)
  const date = view.getUint16(12, true)
  expect([(date >> 9) + 1980, (date >> 5) & 15, date & 31, time >> 11, (time >> 5) & 63]).toEqual([2026, 11, 30, 23, 59])
})
