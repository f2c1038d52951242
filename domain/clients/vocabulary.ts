/** The words of a client's file that the database, the server and the client all use. */

export const CLIENT_STATUSES = ['lead', 'trial', 'active', 'paused', 'left'] as const
/**
 * Why a client leaves the center or a group (one list for both: the client's status "left" and the
 * groups screen's "take out"); `teacher_conflict` is kept for the reasons recorded before
 * `unhappy` (unhappy with the lessons) and `health` were added.
 */
export const LEAVE_REASONS = [
  'moved',
  'schedule',
  'price',
  'lost_interest',
  'health',
  'unhappy',
  'teacher_conflict',
  'other',
] as const
/**
 * How a client heard of the center, asked at registration: a recommendation (`referral`), social
 * media, an internet search, a website, passing by or a sign (`walk_in`), a school or
 * kindergarten, an event, a returning client, or something else (with a note).
 */
export const LEAD_SOURCES = [
  'referral',
  'social',
  'search',
  'website',
  'walk_in',
  'school',
  'event',
  'returning',
  'other',
] as const
export const RECORD_KINDS = ['achievement', 'award', 'penalty', 'certificate', 'diploma'] as const
