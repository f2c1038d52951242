import type { auditHighlight as en } from '../en/audit-highlight'

/** "Highlight since audit" in the timetable and client file, and the queried changes in the workspace. */
export const auditHighlight: Record<keyof typeof en, string> = {
  'audit.highlight.error.restricted': 'Այս փաստաթղթի փոփոխությունները չեն ընդգծվում․ դրա բովանդակությունը սահմանափակ է։',
}
