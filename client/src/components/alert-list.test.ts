import { afterEach, describe, expect, it } from 'vitest'
import type { OpenAlert } from '../data/alerts'
import { setLocale } from '../i18n/locale'
import {
  acknowledgedText,
  alertLink,
  alertText,
  badgeText,
  canAcknowledge,
  lessonDay,
  raisedText,
  severityOf,
} from './alert-list'

const clash: OpenAlert = {
  id: '12',
  kind: 'room_clash',
  severity: 'critical',
  subject: 'lesson:l-7',
  message: 'Studio is double-booked (as the server rendered it for the request)',
  messageId: 'alerts.roomClash',
  params: {
    room: 'Studio',
    // 22:30 UTC is already the next day in Yerevan
    when: { span: ['2026-12-03T22:30:00.000Z', '2026-12-03T23:30:00.000Z'], timeZone: 'Asia/Yerevan' },
    lessons: { list: ['Painting', 'Chess'] },
  },
  branchId: 'b-central',
  raisedAt: '2026-12-03T10:05:00.000Z',
  acknowledgedAt: null,
  acknowledgedBy: null,
  acknowledgedByName: null,
  timeZone: 'Asia/Yerevan',
}

describe('the Alerts panel’s words', () => {
  afterEach(() => setLocale('en'))

  it('renders an alert from its kind and parameters in the language shown, again after a switch', () => {
    setLocale('en')
    expect(alertText(clash)).toMatch(/^Studio is double-booked .*02:30–03:30: Painting and Chess$/)
    setLocale('ru')
    expect(alertText(clash)).toMatch(/^Studio: двойное бронирование, .*02:30–03:30: Painting и Chess$/)
    setLocale('hy')
    expect(alertText(clash)).toMatch(/^Studio\. կրկնակի ամրագրում, .*02:30–03:30\. Painting և Chess$/)
    // an alert without a message id (an older server): its text as sent
    expect(alertText({ message: 'As sent', messageId: undefined, params: undefined })).toBe('As sent')
  })

  it('gives times in the alert’s time zone: the time today, the date and time on other days', () => {
    setLocale('en')
    const sameDay = new Date('2026-12-03T15:00:00.000Z')
    expect(raisedText(clash, sameDay)).toBe('14:05')
    expect(raisedText({ ...clash, timeZone: 'America/New_York' }, sameDay)).toBe('05:05')
    expect(raisedText(clash, new Date('2026-12-05T12:00:00.000Z'))).toBe('3 Dec 2026, 14:05')
  })

  it('says who acknowledged it and when, in the language shown', () => {
    const now = new Date('2026-12-03T15:00:00.000Z')
    expect(acknowledgedText(clash, now)).toBeNull()
    const acked = { ...clash, acknowledgedAt: '2026-12-03T10:10:00.000Z', acknowledgedByName: 'Анна Петрова' }
    setLocale('ru')
    expect(acknowledgedText(acked, now)).toBe('Принято: Анна Петрова, 14:10')
    setLocale('hy')
    expect(acknowledgedText(acked, now)).toBe('Ընդունել է՝ Анна Петрова, 14:10')
    setLocale('en')
    expect(acknowledgedText({ ...acked, acknowledgedByName: null }, now)).toBe('Acknowledged 14:10')
  })

  it('names the severity for screen readers (an unknown one as a warning) and caps the badge at 99+', () => {
    setLocale('ru')
    expect(severityOf(clash)).toEqual({ level: 'critical', label: 'Срочно' })
    expect(severityOf({ severity: 'odd' }).level).toBe('warning')
    setLocale('en')
    expect(badgeText(0)).toBe('')
    expect(badgeText(7)).toBe('7')
    expect(badgeText(120)).toBe('99+')
  })

  it('lets everyone acknowledge but the read-only auditor', () => {
    expect(canAcknowledge(['receptionist'])).toBe(true)
    expect(canAcknowledge(['teacher'])).toBe(true)
    expect(canAcknowledge(['auditor'])).toBe(false)
    expect(canAcknowledge(['auditor', 'accountant'])).toBe(true)
  })
})

describe('where an alert’s subject opens', () => {
  it('a client → the client file', () => {
    expect(alertLink({ subject: 'client:6f1c-aa', branchId: 'b', params: {} }, ['receptionist'])).toEqual({
      href: '/clients/6f1c-aa',
      label: 'alertPanel.open.client',
    })
  })

  it('a lesson → the timetable of its branch on the lesson’s day in its branch’s zone', () => {
    expect(lessonDay(clash.params)).toBe('2026-12-04')
    expect(alertLink(clash, ['receptionist'])).toEqual({
      href: '/timetable?branch=b-central&date=2026-12-04',
      label: 'alertPanel.open.timetable',
    })
    // a lesson alert without its time (a clash of a lesson not yet timed), a room: the branch's timetable
    expect(alertLink({ ...clash, params: { when: '' } }, ['teacher'])?.href).toBe('/timetable?branch=b-central')
    expect(alertLink({ subject: 'room:r1', branchId: null, params: null }, ['manager'])?.href).toBe('/timetable')
  })

  it('the backups → the Backups screen, for those whose roles open it; other subjects have no screen', () => {
    expect(alertLink({ subject: 'backups', branchId: null, params: {} }, ['owner'])?.href).toBe('/backups')
    expect(alertLink({ subject: 'backups', branchId: null, params: {} }, ['manager'])).toBeNull()
    // the storekeeper has no client list
    expect(alertLink({ subject: 'client:x', branchId: null, params: {} }, ['storekeeper'])).toBeNull()
    expect(alertLink({ subject: 'waiting:3', branchId: 'b', params: {} }, ['owner'])).toBeNull()
  })
})
