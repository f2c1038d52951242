import { api, withQuery } from './api'
import type { AuditItem, Page } from './types'

export interface AuditFilter {
  actor?: string
  entity?: string
  entityId?: string
  /** ISO date-time with offset */
  since?: string
}

/** One page of the audit log, newest first; pass the previous page's nextCursor for the next one. */
export const fetchAuditLog = (filter: AuditFilter, cursor?: string | null, limit = 50) =>
  api<Page<AuditItem>>('GET', withQuery('/api/audit/log', { ...filter, cursor: cursor ?? undefined, limit }))
