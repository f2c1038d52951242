/**
 * The header's Alerts button and its panel: the open alerts the reader sees, newest first, each
 * to acknowledge and to open (English: the source). The alerts' own texts are in alerts.ts.
 */
export const alertPanel = {
  'alertPanel.button': '{count, plural, =0 {Alerts, none unread} one {Alerts, # unread} other {Alerts, # unread}}',
  'alertPanel.badgeMore': '{count, number}+',
  'alertPanel.title': 'Alerts',
  'alertPanel.summary': '{total, plural, other {# open}} · {unread, plural, =0 {all acknowledged} other {# unread}}',
  'alertPanel.loading': 'Loading alerts…',
  'alertPanel.loadFailed': 'The alerts could not be loaded.',
  'alertPanel.retry': 'Try again',
  'alertPanel.empty': 'No open alerts. When something needs attention, it shows up here.',
  'alertPanel.truncated': 'Showing the newest {count, number}.',
  'alertPanel.severity.critical': 'Critical',
  'alertPanel.severity.warning': 'Warning',
  'alertPanel.severity.info': 'For information',
  'alertPanel.acknowledge': 'Acknowledge',
  'alertPanel.acknowledged': '{hasName, select, yes {Acknowledged by {name}, {when}} other {Acknowledged {when}}}',
  'alertPanel.open.client': 'Open the client file',
  'alertPanel.open.timetable': 'Show in the timetable',
  'alertPanel.open.backups': 'Open backups',
} as const
