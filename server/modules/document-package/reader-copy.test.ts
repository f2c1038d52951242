import { unzipSync } from 'fflate'
import { describe, expect, it } from 'vitest'
import { packageWithoutAudits } from './reader-copy'
import { stableZip } from './stable'

const text = (s: string) => Buffer.from(s, 'utf8')
const index = [
  '\uFEFFFile,Document,Number,Date,Client or employee,Amount (minor units),Amount,SHA-256',
  'invoices/2026-000017.pdf,Invoice,2026-000017,2026-11-03,"Petrosyan, Anna",120000,"AMD 1,200.00",aa',
  'audits/audit-0003.pdf,Audit report,3,2026-11-30,auditor,,,bb',
  'payroll/2026-11/payslip-001.pdf,Payslip,1,2026-11-30,"Line one\nline two",5000,AMD 50.00,cc',
  '',
].join('\n')
const at = { date: '2026-11-30', time: '23:59' }

function pack(withAudit: boolean) {
  return stableZip(
    [
      { name: 'index.csv', data: text(withAudit ? index : index.replace(/audits\/[^\n]*\n/, '')) },
      { name: 'invoices/2026-000017.pdf', data: text('%PDF-invoice') },
      ...(withAudit ? [{ name: 'audits/audit-0003.pdf', data: text('%PDF-audit') }] : []),
      { name: 'payroll/2026-11/payslip-001.pdf', data: text('%PDF-payslip') },
    ],
    at,
  )
}

describe('a package for a reader who may not read the audit trail', () => {
  it('leaves out the audit reports and their index lines, keeping the order, the other lines and the time', () => {
    const copy = packageWithoutAudits(pack(true))
    const files = unzipSync(copy)
    expect(Object.keys(files)).toEqual(['index.csv', 'invoices/2026-000017.pdf', 'payroll/2026-11/payslip-001.pdf'])
    const csv = Buffer.from(files['index.csv']).toString('utf8')
    expect(csv).not.toContain('audits/')
    expect(csv).toContain('"Petrosyan, Anna"')
    expect(csv).toContain('"Line one\nline two"')
    // exactly the package that never had them: same entries, same stamps
    expect(Buffer.from(copy).equals(Buffer.from(pack(false)))).toBe(true)
  })

  it('is the same bytes each time, and a package without audit reports is given as it is', () => {
    const full = pack(true)
    expect(Buffer.from(packageWithoutAudits(full)).equals(Buffer.from(packageWithoutAudits(full)))).toBe(true)
    const none = pack(false)
    expect(packageWithoutAudits(none)).toBe(none)
  })
})
