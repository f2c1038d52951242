/**
 * A cancelled lesson in its week document: its `status` is 'cancelled' (the kind) and its
 * `cancelReason` the reason the user typed, as typed (free text, never translated), beside its
 * note; the projection keeps it in `lessons.cancel_reason`. Screens and the calendar feed say
 * "Cancelled: <reason>" through the catalogue (`timetable.cancelled.reason`), in the reader's
 * language.
 *
 * Before the reason had a field of its own, the cancel command wrote the English
 * "Cancelled: <reason>" over the lesson's note: `cancellationOf` reads that form too (in old week
 * documents; migration 0015 converted the rows).
 */
export const CANCEL_REASON_FIELD = 'cancelReason'

/** The note the cancel command used to write (`Cancelled: ${reason}`). */
const LEGACY_NOTE = /^Cancelled: ([\s\S]+)$/

export interface Cancellation {
  /** Why it was cancelled, as typed; null when it is not cancelled or no reason was given. */
  reason: string | null
  /** The lesson's own note (an old document's "Cancelled: …" note is its reason, not a note). */
  note: string
}

/**
 * A lesson's cancellation reason and note, from its fields in the week document (or its row).
 * @example cancellationOf({ status: 'cancelled', note: 'Cancelled: Teacher ill' }) // { reason: 'Teacher ill', note: '' }
 */
export function cancellationOf(lesson: { status: string; note: string; cancelReason?: unknown }): Cancellation {
  if (lesson.status !== 'cancelled') return { reason: null, note: lesson.note }
  if (typeof lesson.cancelReason === 'string') return { reason: lesson.cancelReason.trim() || null, note: lesson.note }
  const legacy = LEGACY_NOTE.exec(lesson.note)
  if (legacy) return { reason: legacy[1].trim() || null, note: '' }
  return { reason: null, note: lesson.note }
}
