import { alertKind } from '../../contracts/alerts'

/** The alerts the timetable's rules raise. */
export const timetableAlerts = {
  room_clash: alertKind({ kind: 'room_clash', severity: 'critical', roles: ['owner', 'manager', 'receptionist'] }),
  teacher_clash: alertKind({
    kind: 'teacher_clash',
    severity: 'critical',
    roles: ['owner', 'manager', 'receptionist', 'teacher'],
  }),
  over_capacity: alertKind({ kind: 'over_capacity', severity: 'warning', roles: ['owner', 'manager', 'receptionist'] }),
  waiting_list_offer: alertKind({ kind: 'waiting_list_offer', severity: 'info', roles: ['owner', 'manager', 'receptionist'] }),
  lesson_cancelled: alertKind({
    kind: 'lesson_cancelled',
    severity: 'info',
    roles: ['owner', 'manager', 'receptionist', 'teacher'],
  }),
}
