import { formatTime } from '../../../../domain/i18n/format'
import type { MakeUpCredit } from '../../data/passes'
import { currentLocale, t } from '../../i18n/locale'
import { dayText } from '../clients/labels'

/**
 * A make-up credit as one line: its activity and the cancelled lesson it came from (group, day
 * and time in that lesson's branch's time zone), in the reader's language.
 */
export function makeUpCreditText(c: MakeUpCredit, activityName?: string): string {
  const l = c.fromLesson
  const activity = c.activity ?? activityName ?? ''
  const time = l?.startsAt && l.timezone ? formatTime(new Date(l.startsAt), currentLocale(), l.timezone) : (l?.time ?? '')
  const date = dayText(l?.on ?? null)
  return l?.group
    ? t('passes.screens.makeUp.fromGroup', { activity, group: l.group, date, time })
    : t('passes.screens.makeUp.from', { activity, date, time })
}
