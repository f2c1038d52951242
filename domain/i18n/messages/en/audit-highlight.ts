/** "Highlight since audit" in the timetable and client file, and the queried changes in the workspace (English: the source). */
export const auditHighlight = {
  'audit.highlight.error.restricted': 'This document’s changes are not outlined: its content is restricted.',
}
