import { TIMETABLE_DOC_TYPE, initTimetableWeek, parseTimetableKey } from '../../../db/ydocs/timetable-week'
import { registerDocType } from '../../realtime/collab/doc-registry'
import { describeTransaction } from '../../realtime/collab/describe'
import { can } from '../../policies/permissions'
import { projectWeek, showStoredStatuses } from './projection'

/**
 * `timetable:<branchId>:<YYYY-Www>`: one week of one branch. Receptionists, managers and owners
 * edit it; teachers and auditors read it.
 */
registerDocType<{ branchId: string; week: string }>({
  type: TIMETABLE_DOC_TYPE,
  parseKey: parseTimetableKey,
  init: initTimetableWeek,
  can: (user, access) => can(user, access === 'read' ? 'read' : 'create', 'timetable'),
  describe: (txn) => describeTransaction(txn),
  async project({ db, doc, key, changedKeys, actorId, events, rewrite }) {
    const { alertEvents, entityEvents, statusShownWrong } = await projectWeek(db, { ...key, doc, changedKeys, actorId })
    for (const e of alertEvents) events.emit(e.name, e.payload as never)
    await showStoredStatuses(db, statusShownWrong, rewrite)
    return entityEvents
  },
})
