import { sql } from 'drizzle-orm'
import { owingRules } from '../../server/boot/registry'
import type { HookHandler } from '../../server/contracts/hooks'
import type { OwingCheck, OwingCheckDef, OwingSql } from '../../server/contracts/owing'
import { MODULES } from '../../server/modules/index'
import { defineModule } from '../../server/modules/module'

/**
 * A module standing in for areas that do not exist yet (passes, loans): the test decides its owing
 * checks and its "lesson done" step. Run a server with `TEST_MODULES` to have it.
 */
const checks: OwingCheckDef[] = []
const writeOff: { done: HookHandler<'lesson.done'>; undone: HookHandler<'lesson.undone'> } = {
  done: async () => {},
  undone: async () => {},
}

/**
 * The registry reads each manifest once, at boot: the test area declares one owing check that asks
 * whichever checks the test has registered now. It has an SQL form while every registered check has one.
 */
const registeredChecks: OwingCheckDef = {
  name: 'test-area',
  check: (clientIds, ctx) => owingRules(() => checks).reasons(clientIds, ctx),
  get sql(): OwingSql | undefined {
    if (!checks.every((c) => c.sql)) return undefined
    return (clientId, ctx) => owingRules(() => checks).sql(clientId, ctx) ?? sql`false`
  },
}

export const testArea = defineModule({
  name: 'test-area',
  owingChecks: [registeredChecks],
  hooks: {
    'lesson.done': (input) => writeOff.done(input),
    'lesson.undone': (input) => writeOff.undone(input),
  },
})

/** Every module, and the test area last. */
export const TEST_MODULES = [...MODULES, testArea]

/** Adds an owing check to the test area; returns its removal. */
export function registerOwingCheck(name: string, check: OwingCheck, opts: { sql?: OwingSql } = {}): () => void {
  const entry: OwingCheckDef = { name, check, sql: opts.sql }
  checks.push(entry)
  return () => {
    const i = checks.indexOf(entry)
    if (i >= 0) checks.splice(i, 1)
  }
}

/** Sets the test area's "lesson done" and "undone" steps (the passes area's write-off, later). */
export function setPassWriteOff(next: { writeOff: HookHandler<'lesson.done'>; restore: HookHandler<'lesson.undone'> }) {
  writeOff.done = next.writeOff
  writeOff.undone = next.restore
}
