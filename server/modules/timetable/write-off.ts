import type { Tx } from '../../../db/client'

/**
 * The pass write-off step of "lesson done". Passes arrive with a later area, which replaces
 * these two functions' bodies through `setPassWriteOff`; until then no pass exists and nothing is
 * written off, but "mark done" and "undo" already call them at the right moment, in the same transaction.
 */
export interface WriteOffInput {
  tx: Tx
  lessonId: string
  activityId: string | null
  completionId: number
  /** Members who attended (present, late, walk-in) and unexcused absentees whose pass plan charges absences are decided by the passes area. */
  attended: string[]
  absentUnexcused: string[]
  by: string
}

export interface PassWriteOff {
  writeOff(input: WriteOffInput): Promise<void>
  restore(input: Omit<WriteOffInput, 'attended' | 'absentUnexcused'>): Promise<void>
}

let impl: PassWriteOff = {
  async writeOff() {},
  async restore() {},
}

export function setPassWriteOff(next: PassWriteOff): PassWriteOff {
  const prev = impl
  impl = next
  return prev
}

/** Writes one session off each attending member's pass (the passes area fills this in). */
export const writeOffPassSessions = (input: WriteOffInput) => impl.writeOff(input)
/** Gives those sessions back on undo. */
export const restorePassSessions = (input: Omit<WriteOffInput, 'attended' | 'absentUnexcused'>) => impl.restore(input)
