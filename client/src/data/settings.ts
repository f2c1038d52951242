import { api } from './api'
import type { RegistrationSettings } from './clients'

export { fetchRegistrationSettings } from './clients'

/** Saves the mandatory fields and the age categories (owner, manager); resolves with the settings in force. */
export const saveRegistrationSettings = (input: RegistrationSettings) =>
  api<RegistrationSettings>('PUT', '/api/settings/registration', input)

/** What a calendar feed shows: a teacher's, a room's, a group's or a whole branch's lessons. */
export type FeedKind = 'teacher' | 'room' | 'group' | 'branch'

/** An iCalendar feed as the server lists it (its link is never listed: it is shown once, when made). */
export interface CalendarFeed {
  id: string
  kind: FeedKind
  subjectId: string
  createdAt: string
  revokedAt: string | null
}

/** The center's feeds (owner, manager); a teacher's: the feeds of their own lessons. */
export const fetchCalendarFeeds = () => api<{ items: CalendarFeed[] }>('GET', '/api/calendar-feeds').then((r) => r.items)

/** Makes a feed; resolves with its id and its secret link (shown this once). */
export const createCalendarFeed = (input: { kind: FeedKind; subjectId: string }) =>
  api<{ id: string; url: string }>('POST', '/api/calendar-feeds', input)

/** Revokes a feed (owner; a teacher: a feed of their own lessons): calendars subscribed to it stop receiving lessons. */
export const revokeCalendarFeed = (id: string) => api<unknown>('DELETE', `/api/calendar-feeds/${encodeURIComponent(id)}`)
