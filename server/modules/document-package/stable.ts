import { createHash } from 'node:crypto'
import { zipSync, type Zippable } from 'fflate'

/**
 * What makes a package the same bytes from the same records (issue #20: "regenerating a period
 * produces the same files"): PDFKit stamps each PDF with the time it was drawn (its CreationDate,
 * and the file ID it hashes from it), and a ZIP entry carries a modification time. Both are set
 * here to the period's end, so only the records decide the bytes.
 */

/** PDFKit's date string: `D:YYYYMMDDHHmmSSZ` (UTC). */
const pdfDate = (at: Date) => `D:${at.toISOString().replace(/[-:T]/g, '').slice(0, 14)}Z`

/**
 * A PDF made by PDFKit with its creation date set to `at` and its file ID derived from its content
 * (both written in place, at the same length, so the cross-reference offsets stay right). A PDF
 * without them is returned as it is.
 */
export function stablePdf(pdf: Uint8Array, at: Date): Buffer {
  const out = Buffer.from(pdf)
  const text = out.toString('latin1')
  const ref = /\/CreationDate (\d+) 0 R/.exec(text)
  if (ref) {
    const head = `\n${ref[1]} 0 obj\n(`
    const start = text.indexOf(head)
    if (start >= 0) {
      const from = start + head.length
      const end = text.indexOf(')', from)
      const date = pdfDate(at)
      if (end - from === date.length) out.write(date, from, 'latin1')
    }
  }
  const id = /\/ID \[<([0-9a-f]{32})> <([0-9a-f]{32})>\]/.exec(text)
  if (id) {
    const at1 = id.index + '/ID [<'.length
    const at2 = at1 + 32 + '> <'.length
    out.write('0'.repeat(32), at1, 'latin1')
    out.write('0'.repeat(32), at2, 'latin1')
    const digest = createHash('md5').update(out).digest('hex')
    out.write(digest, at1, 'latin1')
    out.write(digest, at2, 'latin1')
  }
  return out
}

export interface ZipEntry {
  /** Its path in the ZIP (`invoices/2026-000017.pdf`). */
  name: string
  data: Uint8Array
}

/**
 * A ZIP of the entries in the order given, each stamped `at` (as the wall-clock time it names, in
 * any server time zone: a ZIP keeps local times without a zone), deflated. The same entries give
 * the same bytes.
 */
export function stableZip(entries: readonly ZipEntry[], at: { date: string; time: string }): Uint8Array {
  const [y, m, d] = at.date.split('-').map(Number)
  const [h, mi] = at.time.split(':').map(Number)
  // read back with the local getters: the same numbers wherever the server runs
  const mtime = new Date(y, m - 1, d, h, mi, 0)
  const files: Zippable = {}
  for (const e of entries) files[e.name] = [e.data, { mtime, level: 6, os: 3, attrs: 0o644 << 16 }]
  return zipSync(files)
}

export const sha256 = (data: Uint8Array): string => createHash('sha256').update(data).digest('hex')
