import { TIMETABLE_DOC_TYPE, initTimetableWeek, parseTimetableKey } from '../../../domain/docs/timetable-week'
import { docType } from '../../realtime/collab/doc-registry'
import { branchExists } from '../branches/index'
import { describeTransaction } from '../../realtime/collab/describe'
import { allowed } from '../../policies/policy'
import { timetablePolicies } from './policies'
import { projectWeek, showStoredStatuses } from './projection'

/**
 * `timetable:<branchId>:<YYYY-Www>`: one week of one branch. Receptionists, managers and owners
 * of that branch edit it; its teachers and auditors read it; staff of other branches do not open it.
 */
export const timetableWeekDoc = docType<{ branchId: string; week: string }>({
  type: TIMETABLE_DOC_TYPE,
  parseKey: parseTimetableKey,
  init: initTimetableWeek,
  can: (user, access, key) => allowed(user, access === 'read' ? timetablePolicies.read : timetablePolicies.edit, key),
  missing: async ({ db, key }) => ((await branchExists(db, key.branchId)) ? null : 'timetable.doc.noSuchBranch'),
  describe: (txn) => describeTransaction(txn),
  async project({ db, doc, key, changedKeys, actorId, events, rewrite, markProjected }) {
    const { alertEvents, entityEvents, statusShownWrong } = await projectWeek(db, {
      ...key,
      doc,
      changedKeys,
      actorId,
      markProjected,
    })
    for (const e of alertEvents) events.emit(e.name, e.payload)
    await showStoredStatuses(db, statusShownWrong, rewrite)
    return entityEvents
  },
})
