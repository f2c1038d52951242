/**
 * The client list's query: its filters and sort orders, as the list page sends them
 * (client/src/data/clients.ts) and the server reads them (server/modules/clients/queries.ts).
 * Plain types only: the client bundle imports this file.
 */

/** By name (last name, first name) or newest first. */
export type ClientListSort = 'name' | 'newest'

/** The client list's filters (GET /api/clients and /api/clients/export.csv take them as query parameters). */
export interface ClientListFilter {
  q?: string
  status?: string
  /** Age category key or label. */
  ageCategory?: string
  flagged?: boolean
  birthdayThisMonth?: boolean
  /** Current member of a group of this activity. */
  activityId?: string
  /** Current member of this group. */
  groupId?: string
  /** Current member of a group this teacher teaches (or assists). */
  teacherId?: string
  /** Owes, by the one owing rule (server/contracts/owing.ts); for the activity when one is filtered. */
  owing?: boolean
  /** Default: by name. */
  sort?: ClientListSort
}
