import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { setLocale } from '../i18n/locale'
import { ALERT_TOAST_MS, type AlertSource, showAlertToasts } from './alert-toasts'

type Listener = (payload: never) => void

/** A stand-in for LiveEvents: emit() delivers like the socket does. */
function fakeLive() {
  const listeners = new Map<string, Listener[]>()
  const source = {
    on(event: string, l: Listener) {
      listeners.set(event, [...(listeners.get(event) ?? []), l])
      return () =>
        listeners.set(
          event,
          (listeners.get(event) ?? []).filter((x) => x !== l),
        )
    },
  } as unknown as AlertSource
  const emit = (event: string, payload: unknown) => {
    for (const l of listeners.get(event) ?? []) l(payload as never)
  }
  return { source, emit }
}

/** An alert as the server sends it; a clash names its room or teacher in its parameters (here: the text's first words). */
const raised = (id: string, kind: string, lesson: string, message: string, severity = 'critical') => ({
  eventId: `e${id}`,
  id,
  kind,
  subject: `lesson:${lesson}`,
  severity,
  message,
  params: {
    [kind === 'teacher_clash' ? 'teacher' : kind === 'room_clash' ? 'room' : 'group']: message.split(/ double-booked|:/)[0],
  },
})

describe('showAlertToasts', () => {
  let now = 0
  let target: EventTarget
  let toasts: Array<{ message: string; key?: string; kind?: string }>
  let dismissed: string[]
  beforeEach(() => {
    vi.useFakeTimers()
    now = 1000
    target = new EventTarget()
    toasts = []
    dismissed = []
    target.addEventListener('crm-toast', (e) => {
      const d = (e as CustomEvent).detail
      // the text as the toast would show it now (a function is rendered in the language shown)
      toasts.push({
        ...d,
        get message() {
          return typeof d.message === 'function' ? d.message() : d.message
        },
      })
    })
    target.addEventListener('crm-toast-dismiss', (e) => dismissed.push((e as CustomEvent).detail.key))
  })
  afterEach(() => vi.useRealTimers())

  it('shows one toast for a double booking (two lessons × room and teacher), and takes it away when the clash is resolved', () => {
    const { source, emit } = fakeLive()
    showAlertToasts(source, target, () => now)
    emit('alert.raised', raised('1', 'room_clash', 'A', 'Room Studio double-booked Fri 27 Nov 19:00–20:00: Painting and Chess'))
    now += 5
    emit('alert.raised', raised('2', 'room_clash', 'B', 'Room Studio double-booked Fri 27 Nov 19:30–20:30: Chess and Painting'))
    emit(
      'alert.raised',
      raised('3', 'teacher_clash', 'A', 'Maria Lopez double-booked Fri 27 Nov 19:00–20:00: Painting and Chess'),
    )
    emit(
      'alert.raised',
      raised('4', 'teacher_clash', 'B', 'Maria Lopez double-booked Fri 27 Nov 19:30–20:30: Chess and Painting'),
    )
    // one key, updated in place (the toast component replaces a toast of the same key)
    expect(new Set(toasts.map((t) => t.key)).size).toBe(1)
    expect(toasts.at(-1)).toMatchObject({
      kind: 'error',
      message: 'Room Studio double-booked Fri 27 Nov 19:00–20:00: Painting and Chess (teacher double-booked too)',
    })
    for (const id of ['1', '2', '3']) emit('alert.cleared', { eventId: `c${id}`, id, kind: 'room_clash', subject: '' })
    expect(dismissed).toEqual([])
    emit('alert.cleared', { eventId: 'c4', id: '4', kind: 'teacher_clash', subject: '' })
    expect(dismissed).toEqual([toasts[0].key])
  })

  it('one change with clashes in two rooms: one toast that says there is more', () => {
    const { source, emit } = fakeLive()
    showAlertToasts(source, target, () => now)
    emit('alert.raised', raised('1', 'room_clash', 'A', 'Room Studio double-booked Mon 10:00–11:00: A and B'))
    emit('alert.raised', raised('2', 'room_clash', 'B', 'Room Studio double-booked Mon 10:30–11:30: B and A'))
    emit('alert.raised', raised('3', 'room_clash', 'C', 'Room Hall double-booked Mon 12:00–13:00: C and D'))
    expect(toasts.at(-1)!.message).toBe('Room Studio double-booked Mon 10:00–11:00: A and B (+1 more)')
  })

  it('a lesson already in a toast for one clash, then a new clash of the same change: the new clash is one toast of its own', () => {
    const { source, emit } = fakeLive()
    showAlertToasts(source, target, () => now)
    emit('alert.raised', raised('1', 'teacher_clash', 'A', 'Maria Lopez double-booked Fri 19:00–20:00: Painting and Chess'))
    now += 3_000
    // the next change: B moved onto A; B's alert first, then A's
    emit('alert.raised', raised('2', 'room_clash', 'B', 'Room Hall double-booked Fri 19:00–20:00: Chess and Painting'))
    emit('alert.raised', raised('3', 'room_clash', 'A', 'Room Hall double-booked Fri 19:00–20:00: Painting and Chess'))
    const last = new Map(toasts.map((t) => [t.key, t.message]))
    expect([...last.values()]).toEqual([
      'Maria Lopez double-booked Fri 19:00–20:00: Painting and Chess',
      'Room Hall double-booked Fri 19:00–20:00: Chess and Painting',
    ])
  })

  it('keeps clashes of separate changes apart, and other alerts one toast each', () => {
    const { source, emit } = fakeLive()
    showAlertToasts(source, target, () => now)
    emit('alert.raised', raised('1', 'room_clash', 'A', 'Room Studio double-booked Mon 10:00–11:00: A and B'))
    now += 5_000
    emit('alert.raised', raised('2', 'room_clash', 'C', 'Room Hall double-booked Mon 12:00–13:00: C and D'))
    emit('alert.raised', {
      eventId: 'e3',
      id: '3',
      kind: 'client_file_incomplete',
      subject: 'client:x',
      severity: 'warning',
      message: 'Missing a guardian',
    })
    expect(new Set(toasts.map((t) => t.key)).size).toBe(3)
    expect(toasts.at(-1)).toMatchObject({ kind: 'info', message: 'Missing a guardian' })
    emit('alert.cleared', { eventId: 'c3', id: '3', kind: 'client_file_incomplete', subject: 'client:x' })
    expect(dismissed).toEqual([toasts.at(-1)!.key])
  })

  it('a later alert about a lesson already in a toast joins it; forgotten once the toast is gone', () => {
    const { source, emit } = fakeLive()
    showAlertToasts(source, target, () => now)
    emit('alert.raised', raised('1', 'room_clash', 'A', 'Room Studio double-booked Mon 10:00–11:00: A and B'))
    now += 2_000
    emit('alert.raised', raised('2', 'over_capacity', 'A', 'Juniors: 13 members, room or norm allows 12', 'warning'))
    expect(new Set(toasts.map((t) => t.key)).size).toBe(1)
    expect(toasts.at(-1)!.message).toBe('Room Studio double-booked Mon 10:00–11:00: A and B (over capacity too)')
    vi.advanceTimersByTime(ALERT_TOAST_MS * 2)
    emit('alert.cleared', { eventId: 'c1', id: '1', kind: 'room_clash', subject: '' })
    expect(dismissed).toEqual([])
  })

  describe('in the language shown', () => {
    afterEach(() => setLocale('en'))
    const stored = (id: string, lesson: string, room: string, lessons: [string, string]) => ({
      ...raised(id, 'room_clash', lesson, `${room} is double-booked (as rendered for another reader)`),
      messageId: 'alerts.roomClash',
      params: {
        room,
        when: { span: ['2026-11-27T15:00:00Z', '2026-11-27T16:00:00Z'], timeZone: 'Asia/Yerevan' },
        lessons: { list: lessons },
      },
    })

    it('renders an alert from its kind and parameters, and again when the language changes', () => {
      setLocale('en')
      const { source, emit } = fakeLive()
      showAlertToasts(source, target, () => now)
      emit('alert.raised', stored('1', 'A', 'Studio', ['Painting', 'Chess']))
      expect(toasts.at(-1)!.message).toMatch(/^Studio is double-booked .*19:00–20:00: Painting and Chess$/)
      setLocale('ru')
      expect(toasts.at(-1)!.message).toMatch(/^Studio: двойное бронирование, .*19:00–20:00: Painting и Chess$/)
    })

    it('counts clashes in other rooms by the room, not by parsing an English text', () => {
      setLocale('hy')
      const { source, emit } = fakeLive()
      showAlertToasts(source, target, () => now)
      emit('alert.raised', stored('1', 'A', 'Studio', ['Painting', 'Chess']))
      emit('alert.raised', stored('2', 'B', 'Studio', ['Chess', 'Painting']))
      emit('alert.raised', stored('3', 'C', 'Hall', ['Dance', 'Judo']))
      expect(new Set(toasts.map((t) => t.key)).size).toBe(1)
      expect(toasts.at(-1)!.message).toMatch(/^Studio\. կրկնակի ամրագրում, .*\(ևս 1\)$/)
    })
  })
})
