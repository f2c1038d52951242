import type { alerts as source } from '../en/alerts'

export const alerts: Record<keyof typeof source, string> = {
  'alerts.legacy': '{text}',
  'alerts.erasedClient': 'Удалённый клиент',
  'alerts.concernsErasedClient': 'Касается удалённого клиента',
  'alerts.aLesson': 'занятие',
  'alerts.theTeacher': 'Преподаватель',
  'alerts.clientFileIncomplete': '{client}: карточка клиента не заполнена ({problems})',
  'alerts.roomClash': '{room}: двойное бронирование, {when}: {lessons}',
  'alerts.teacherClash': '{teacher}: два занятия одновременно, {when}: {lessons}',
  'alerts.overCapacity':
    '{group}, {when}: {members, plural, one {# участник} few {# участника} many {# участников} other {# участника}}, а кабинет или норма допускает {capacity}',
  'alerts.waitingListOffer': 'В группе {group} освободилось место: предложите его клиенту {client} (первый в листе ожидания)',
  'alerts.lessonCancelled':
    'Занятие {when} отменено{hasReason, select, yes { ({reason})} other {}}: {members, plural, =0 {уведомлять некого} other {уведомите: {names}}}{makeUp, select, yes {; предложено занятие взамен пропущенного} other {}}',
}
