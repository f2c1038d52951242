import type { Queryable } from '../../../db/client'
import { WALL_PARTS, type WallPart, type WallParts, type WallSnapshot, type WallUpdate } from '../../../domain/wall'
import { centerSettingsOf } from '../center/index'
import { wallBranch, wallFlags, wallRooms, wallRunningOut, wallToday, type WallBranch } from './queries'

export { WALL_PARTS, type WallPart, type WallParts, type WallSnapshot, type WallUpdate } from '../../../domain/wall'

const compute: { [P in WallPart]: (db: Queryable, b: WallBranch) => Promise<WallParts[P]> } = {
  rooms: wallRooms,
  totals: wallToday,
  flags: (db, b) => wallFlags(db, b),
  runningOut: (db, b) => wallRunningOut(db, b),
}

/** These parts of a branch's wall, as they are now; null when the branch is gone. */
export async function wallParts(db: Queryable, branchId: string, parts: Iterable<WallPart>): Promise<WallUpdate | null> {
  const generatedAt = new Date().toISOString()
  const branch = await wallBranch(db, branchId)
  if (!branch) return null
  const out: Partial<WallParts> = {}
  // side by side (a handful of short reads on the pool), once for every wall of the branch
  const list = [...new Set(parts)]
  const values = await Promise.all(list.map((p) => compute[p](db, branch)))
  list.forEach((p, i) => ((out as Record<WallPart, unknown>)[p] = values[i]))
  return { branchId, today: branch.today, generatedAt, parts: out }
}

/** The whole wall of a branch (without `branches`: what the viewer may switch to is theirs); null when the branch is gone. */
export async function wallSnapshot(db: Queryable, branchId: string): Promise<Omit<WallSnapshot, 'branches'> | null> {
  const update = await wallParts(db, branchId, WALL_PARTS)
  if (!update) return null
  const branch = await wallBranch(db, branchId)
  if (!branch) return null
  const { currency } = await centerSettingsOf(db)
  return {
    branch: { id: branch.id, name: branch.name, timeZone: branch.timeZone },
    currency,
    today: update.today,
    generatedAt: update.generatedAt,
    ...(update.parts as WallParts),
  }
}

/**
 * Which parts a committed change touches: a visit moves the rooms' attendance, the day's figures
 * and the passes; a payment the takings; an alert the flags (and the passes' colour).
 */
export function partsOfChange(type: string): readonly WallPart[] {
  switch (type) {
    case 'visit':
      return ['rooms', 'totals', 'runningOut']
    case 'pass':
      return ['totals', 'runningOut']
    case 'payment':
      return ['totals']
    case 'invoice':
      return ['totals', 'runningOut']
    case 'refund':
      return ['totals', 'runningOut']
    case 'lesson':
      return ['rooms', 'totals', 'runningOut']
    case 'timetable':
    case 'group':
    case 'room':
      return ['rooms']
    default:
      return []
  }
}

/** The alert kinds the wall shows touch the flags and the passes' colour. */
export const PARTS_OF_ALERT: readonly WallPart[] = ['flags', 'runningOut']
