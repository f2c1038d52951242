import { unzipSync } from 'fflate'
import { stableZip } from './stable'

/** Where a package keeps the reports of the audits closed in its period (`audits/audit-0001.pdf`). */
export const AUDIT_FOLDER = 'audits/'

const pad = (n: number) => String(n).padStart(2, '0')

/** The records of a CSV text (fields quoted with `"` may hold line breaks), each with its line break. */
function csvRecords(text: string): string[] {
  const out: string[] = []
  let start = 0
  let quoted = false
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]
    if (ch === '"') quoted = !quoted
    else if (ch === '\n' && !quoted) {
      out.push(text.slice(start, i + 1))
      start = i + 1
    }
  }
  if (start < text.length) out.push(text.slice(start))
  return out
}

/** The index without the lines of the files dropped (a line's first field is its file). */
function indexWithout(index: Uint8Array, dropped: ReadonlySet<string>): Uint8Array {
  const text = Buffer.from(index).toString('utf8')
  const kept = csvRecords(text).filter((record) => {
    const first = record
      .replace(/^\uFEFF/, '')
      .split(',')[0]
      .replace(/^"|"$/g, '')
    return !dropped.has(first)
  })
  return Buffer.from(kept.join(''), 'utf8')
}

/**
 * A package as one reader may have it: without the reports of the audits closed in its period when
 * they may not read the audit trail (`audit.read`: the owner and auditors; a manager or accountant
 * downloads the money, payroll, stock and production-control documents only), and its index
 * without their lines. The entries keep their order and their time (read from the ZIP), so the
 * same package gives the same bytes to every such reader. A package without audit reports is
 * returned as it is.
 */
export function packageWithoutAudits(zip: Uint8Array): Uint8Array {
  const files = unzipSync(zip)
  const dropped = new Set(Object.keys(files).filter((name) => name.startsWith(AUDIT_FOLDER)))
  if (!dropped.size) return zip
  // the entries' time: the first local header's DOS time (offset 10) and date (offset 12)
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength)
  const time = view.getUint16(10, true)
  const date = view.getUint16(12, true)
  const at = {
    date: `${1980 + (date >> 9)}-${pad((date >> 5) & 15)}-${pad(date & 31)}`,
    time: `${pad(time >> 11)}:${pad((time >> 5) & 63)}`,
  }
  const entries = Object.entries(files)
    .filter(([name]) => !dropped.has(name))
    .map(([name, data]) => ({ name, data: name === 'index.csv' ? indexWithout(data, dropped) : data }))
  return stableZip(entries, at)
}
