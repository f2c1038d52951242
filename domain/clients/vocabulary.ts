/** The words of a client's file that the database, the server and the client all use. */

export const CLIENT_STATUSES = ['lead', 'trial', 'active', 'paused', 'left'] as const
export const LEAVE_REASONS = ['moved', 'price', 'schedule', 'lost_interest', 'teacher_conflict', 'other'] as const
export const LEAD_SOURCES = ['referral', 'walk_in', 'website', 'social', 'other'] as const
export const RECORD_KINDS = ['achievement', 'award', 'penalty', 'certificate', 'diploma'] as const
