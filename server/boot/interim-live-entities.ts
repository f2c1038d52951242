import { sql } from 'drizzle-orm'
import { queryRows } from '../../db/client'
import { encodeTimetableDocName, parseTimetableKey } from '../../domain/docs/timetable-week'
import type { Role } from '../../domain/roles'
import type { LiveEntity } from '../modules/module'
import { policy } from '../policies/policy'

/**
 * Live-entity parts no module declares yet, kept here so that Socket.IO behaves as it did before the
 * modules declared their own. The registry fills in, for each type, what its module leaves out (a
 * module's own declaration wins). Each entry goes when its area declares it:
 * - `lesson.findDoc`, `timetable.docOf`: the timetable module (the week document a change also reaches);
 * - `pass`, `payment`, `stock-doc`: the passes and payments and the stock areas, when they exist
 *   (who may join their subject rooms today, by role).
 */

/** Who read passes, payments and stock today (their areas are still to come): by role only. */
const comingArea = (verb: string, roles: readonly Role[]) =>
  policy({ verb, description: `${verb} (area to come)`, roles, writes: false })

export const INTERIM_LIVE_ENTITIES: Readonly<Record<string, LiveEntity>> = {
  // a lesson's week: the event names its branch only; the lessons table names its week document
  lesson: {
    findDoc: async (db, id) => {
      const [row] = await queryRows<{ doc: string }>(db, sql`select doc from lessons where id = ${id} limit 1`)
      return row?.doc ?? null
    },
  },
  // a week re-projected: `<branchId>:<YYYY-Www>` names its document (when well formed and of that branch)
  timetable: {
    docOf: (id, branchId) => {
      const key = parseTimetableKey(id)
      return key && key.branchId === branchId ? encodeTimetableDocName(key.branchId, key.week) : null
    },
  },
  pass: { read: comingArea('passes.read', ['owner', 'manager', 'receptionist', 'accountant', 'auditor']) },
  payment: { read: comingArea('payments.read', ['owner', 'manager', 'receptionist', 'accountant', 'auditor']) },
  'stock-doc': { read: comingArea('stock.read', ['owner', 'manager', 'receptionist', 'storekeeper', 'accountant', 'auditor']) },
}
