import type { auditReport as en } from '../en/audit-report'

/** The audit's exports: the changes as CSV and the audit report as PDF. */
export const auditReport: Record<keyof typeof en, string> = {}
