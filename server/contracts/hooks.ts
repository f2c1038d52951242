import type { Tx } from '../../db/client'
import type { Audit, CommandOutcome } from '../http/command'

/**
 * Hooks: steps one area runs inside another area's command, in its transaction (marking a lesson
 * done writes a session off each attending member's pass). The area that runs the command declares
 * the hook's payload here; areas that take part declare a handler in their manifest (`hooks`).
 * Events after commit (`server/events/bus.ts`) are for everything that can happen later.
 */
export interface HookMap {
  /** A lesson was marked done: write a session off each attending member's pass. */
  'lesson.done': LessonDoneInput
  /** A lesson's "done" was undone: give those sessions back. */
  'lesson.undone': Omit<LessonDoneInput, 'attended' | 'absentUnexcused'>
  /** A client was erased: take them out of everything that happens from now on (groups, waiting lists). */
  'client.erased': ClientErasedInput
  /** A client's status changed (lead → trial → active → paused → left, or back): what hangs on it follows. */
  'client.statusChanged': ClientStatusChangedInput
}
export type HookName = keyof HookMap
export type HookHandler<H extends HookName> = (input: HookMap[H]) => Promise<void>

export interface LessonDoneInput {
  tx: Tx
  lessonId: string
  activityId: string | null
  completionId: number
  /** Members who attended (present, late, walk-in). */
  attended: string[]
  /** Unexcused absentees (whether an absence costs a session is the passes area's to decide). */
  absentUnexcused: string[]
  by: string
  /** Writes an audit row in the command's transaction (a step's own change: the consumables written off). */
  audit?: Audit
  /** Where a step puts the events to publish once the command has committed (a pass written off, an alert raised). */
  events?: CommandEvent[]
}

/** An event a hook's step publishes once the command has committed. */
export type CommandEvent = NonNullable<CommandOutcome<unknown>['events']>[number]

export interface ClientErasedInput {
  tx: Tx
  clientId: string
  by: string
  /**
   * What named the person unmistakably, read before the erasure anonymised them: full name, phone,
   * email, and their guardians' names, phones and emails (for a step that redacts free text).
   */
  mentions: string[]
  /** Writes an audit row in the erasure's transaction (each change the step makes, as its own command would). */
  audit: Audit
  /** Where the step puts the events to publish after commit (a group changed, a freed place offered). */
  events: CommandEvent[]
}

/** Runs every handler of a hook, in the order the modules are listed. */
export interface Hooks {
  run<H extends HookName>(name: H, input: HookMap[H]): Promise<void>
}

export interface ClientStatusChangedInput {
  tx: Tx
  clientId: string
  from: string
  to: string
  by: string
  /** Where the step puts the events to publish after commit (an alert cleared or raised). */
  events: CommandEvent[]
}
