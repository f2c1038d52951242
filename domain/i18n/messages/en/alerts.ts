/**
 * Alerts as they are stored: a kind (message id) with its parameters, rendered for each reader.
 * `{when}` is a lesson's time in its branch's time zone, `{lessons}`, `{names}` and `{problems}`
 * are lists joined by the reader's language's rules.
 */
export const alerts = {
  'alerts.legacy': '{text}',
  'alerts.erasedClient': 'Erased client',
  'alerts.concernsErasedClient': 'Concerns an erased client',
  'alerts.aLesson': 'a lesson',
  'alerts.theTeacher': 'The teacher',
  'alerts.clientFileIncomplete': '{client}: the client file is incomplete ({problems})',
  'alerts.roomClash': '{room} is double-booked {when}: {lessons}',
  'alerts.teacherClash': '{teacher} has two lessons at once {when}: {lessons}',
  'alerts.overCapacity':
    '{group} {when}: {members, plural, one {# member} other {# members}}, the room or the norm allows {capacity}',
  'alerts.waitingListOffer': 'A place is free in {group}: offer it to {client} (first on the waiting list)',
  'alerts.lessonCancelled':
    'Lesson {when} cancelled{hasReason, select, yes { ({reason})} other {}}: {members, plural, =0 {nobody to notify} other {notify {names}}}{makeUp, select, yes {; a make-up lesson is offered} other {}}',
} as const
