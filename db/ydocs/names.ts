/**
 * Document names: `type:key`, e.g. `workspace:<userId>`, `timetable:<branchId>:2026-W48`.
 * Shared by client and server (imports nothing), so both agree on what a name means.
 */

/** Longest document name accepted anywhere (URL path, Redis channel, database key). */
export const DOC_NAME_MAX = 200

const NAME = /^([a-z][a-z0-9-]{0,39}):([A-Za-z0-9:._-]+)$/

/**
 * Splits `type:key`; null when the name is not of that form.
 * @example splitDocName('workspace:6f1c…') // { type: 'workspace', key: '6f1c…' }
 */
export function splitDocName(name: string): { type: string; key: string } | null {
  if (typeof name !== 'string' || name.length === 0 || name.length > DOC_NAME_MAX) return null
  const m = NAME.exec(name)
  return m ? { type: m[1], key: m[2] } : null
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/

/** Lower-case canonical uuid check used by name codecs. */
export function isUuid(value: string): boolean {
  return UUID.test(value)
}
