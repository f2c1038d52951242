import { api, withQuery } from './api'

/** Holidays and closures, and the lessons a closure cancels (server/modules/timetable/routes/catalogue.ts). */

export interface Closure {
  id: string
  /** null: the whole center. */
  branchId: string | null
  fromDate: string
  toDate: string
  name: string
}

export interface ClosureLesson {
  id: string
  branchId: string
  start: string | null
  end: string | null
  activityId: string | null
  groupId: string | null
  roomId: string | null
  teacherId: string | null
  memberCount: number
}

export interface ClosureInput {
  branchId: string | null
  fromDate: string
  toDate: string
  name: string
}

export const fetchClosures = () => api<{ items: Closure[] }>('GET', '/api/closures').then((r) => r.items)
export const previewClosure = (q: ClosureInput) =>
  api<{ items: ClosureLesson[]; makeUpCredits: number }>('GET', withQuery('/api/closures/preview', { branchId: q.branchId ?? undefined, fromDate: q.fromDate, toDate: q.toDate }))
export const createClosure = (input: ClosureInput & { cancelLessons: boolean; offerMakeUp: boolean }) =>
  api<{ closure: Closure; cancelled: ClosureLesson[]; makeUpCredits: number }>('POST', '/api/closures', input)
export const deleteClosure = (id: string) => api<null>('DELETE', `/api/closures/${encodeURIComponent(id)}`)
