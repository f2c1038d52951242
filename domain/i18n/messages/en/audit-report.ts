/** The audit's exports: the changes as CSV and the audit report as PDF (English: the source). */
export const auditReport = {}
