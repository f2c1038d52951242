import type { alertPanel as source } from '../en/alert-panel'

export const alertPanel: Record<keyof typeof source, string> = {
  'alertPanel.button':
    '{count, plural, =0 {Ահազանգեր, չկարդացված չկա} one {Ահազանգեր, # չկարդացված} other {Ահազանգեր, # չկարդացված}}',
  'alertPanel.badgeMore': '{count, number}+',
  'alertPanel.title': 'Ահազանգեր',
  'alertPanel.summary': '{total, plural, other {Բաց՝ #}} · {unread, plural, =0 {բոլորն ընդունված են} other {չկարդացված՝ #}}',
  'alertPanel.loading': 'Ահազանգերը բեռնվում են…',
  'alertPanel.loadFailed': 'Չհաջողվեց բեռնել ահազանգերը։',
  'alertPanel.retry': 'Կրկին փորձել',
  'alertPanel.empty': 'Բաց ահազանգեր չկան։ Երբ ինչ-որ բան ուշադրություն պահանջի, այն կհայտնվի այստեղ։',
  'alertPanel.truncated': 'Ցուցադրված են վերջին {count, number}-ը։',
  'alertPanel.severity.critical': 'Շտապ',
  'alertPanel.severity.warning': 'Զգուշացում',
  'alertPanel.severity.info': 'Ի գիտություն',
  'alertPanel.acknowledge': 'Ընդունել',
  'alertPanel.acknowledged': '{hasName, select, yes {Ընդունել է՝ {name}, {when}} other {Ընդունված է {when}}}',
  'alertPanel.open.client': 'Բացել հաճախորդի քարտը',
  'alertPanel.open.timetable': 'Ցույց տալ դասացուցակում',
  'alertPanel.open.backups': 'Բացել պահուստային պատճենները',
}
