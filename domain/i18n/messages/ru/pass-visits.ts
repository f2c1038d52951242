import type { passVisits as source } from '../en/pass-visits'

/** pass-visits: списание посещений с абонементов, отметки на ресепшене, заморозки, отработки и их красные флаги. */
export const passVisits: Record<keyof typeof source, string> = {
  'visits.alert.usedUp': '{client}: абонемент «{plan}» израсходован',
  'visits.alert.expired': '{client}: срок абонемента «{plan}» истёк {until, date, medium}',
  'visits.alert.runningOutSessions':
    '{client}: абонемент «{plan}» заканчивается: {left, plural, one {осталось # занятие} few {осталось # занятия} many {осталось # занятий} other {осталось # занятия}}, действует до {until, date, medium}',
  'visits.alert.runningOutDays': '{client}: абонемент «{plan}» истекает {until, date, medium}',
  'visits.alert.owed':
    '{client}: {count, plural, one {# посещение} few {# посещения} many {# посещений} other {# посещения}} в долг — нет действующего абонемента',
  'visits.owing.owedVisits':
    '{count, plural, one {# посещение в долг} few {# посещения в долг} many {# посещений в долг} other {# посещения в долг}}',
  'visits.status.active': 'Действует',
  'visits.status.running_out': 'Заканчивается',
  'visits.status.used_up': 'Израсходован',
  'visits.status.expired': 'Истёк',
  'visits.status.frozen': 'Заморожен',
  'visits.status.ended': 'Закрыт',
  'errors.visits.passNotUsable': 'Этот абонемент нельзя использовать для этого посещения',
  'errors.visits.passNotFound': 'Абонемент не найден',
  'errors.visits.passOfAnotherClient': 'Это абонемент другого клиента',
  'errors.visits.passEnded': 'Абонемент закрыт (возврат или отмена)',
  'errors.visits.passOtherActivity': 'Абонемент не распространяется на это направление',
  'errors.visits.passNotStarted': 'В этот день абонемент ещё не начал действовать',
  'errors.visits.passExpired': 'В этот день абонемент уже не действует',
  'errors.visits.passFrozen': 'В этот день абонемент заморожен',
  'errors.visits.passUsedUp': 'На абонементе не осталось занятий',
  'errors.visits.alreadyCheckedIn': 'Клиент уже отмечен на этом занятии',
  'errors.visits.lessonOrPass': 'Выберите занятие (или абонемент для посещения без занятия)',
  'errors.visits.lessonCancelled': 'Занятие отменено',
  'errors.visits.lessonNoActivity': 'У занятия нет направления: списывать нечего',
  'errors.visits.otherBranchPass': 'Абонемент другого филиала',
  'errors.visits.creditNotFound': 'У клиента нет такой отработки',
  'errors.visits.creditUsed': 'Отработка уже использована',
  'errors.visits.creditOtherActivity': 'Отработка по другому направлению',
  'errors.visits.creditSameGroup': 'Отработка — это занятие другой группы',
  'errors.visits.creditNeedsLesson': 'Отработка используется на занятии: выберите его',
  'errors.visits.freezeNotAllowed': 'Тариф абонемента не допускает заморозку',
  'errors.visits.freezeTooManyDays':
    'Больше дней заморозки, чем допускает тариф: {left, plural, =0 {не осталось ни одного} one {остался # день} few {осталось # дня} many {осталось # дней} other {осталось # дня}}',
  'errors.visits.freezeTooManyTimes':
    'Тариф допускает {max, plural, one {# заморозку} few {# заморозки} many {# заморозок} other {# заморозки}}',
  'errors.visits.freezeDaysOrTo': 'Укажите число дней или последний день (не то и другое)',
  'errors.visits.freezeToBeforeFrom': 'Последний день раньше первого',
  'errors.visits.freezeOverlaps': 'В эти дни абонемент уже заморожен',
  'errors.visits.freezeAfterEnd': 'Заморозка начинается после последнего дня абонемента',
  'errors.visits.notFrozen': 'В этот день абонемент не заморожен',
  'errors.visits.resumeBeforeFreeze': 'Разморозить можно с первого дня заморозки или позже',
  'errors.visits.groupRequired': 'Выберите группу',
  'errors.visits.groupOtherBranch': 'Группа другого филиала',
  'errors.visits.batchNotFound': 'Массовая заморозка не найдена',
  'errors.visits.batchUndone': 'Эта массовая заморозка уже отменена',
}
