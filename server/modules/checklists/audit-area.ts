import { inArray } from 'drizzle-orm'
import { checklists, checklistTemplates } from '../../../db/schema/index'
import { isId } from '../audit/index'
import type { AuditArea, AuditLabeler } from '../module'

/** A checklist or a template as people say it: its name (a checklist with its day). */
const labels: AuditLabeler = async (db, ids) => {
  const wanted = [...new Set(ids.filter(isId))]
  if (!wanted.length) return new Map()
  const [lists, templates] = await Promise.all([
    db
      .select({ id: checklists.id, name: checklists.name, dueOn: checklists.dueOn })
      .from(checklists)
      .where(inArray(checklists.id, wanted)),
    db
      .select({ id: checklistTemplates.id, name: checklistTemplates.name })
      .from(checklistTemplates)
      .where(inArray(checklistTemplates.id, wanted)),
  ])
  return new Map([
    ...lists.map((r) => [r.id, `${r.name} · ${r.dueOn}`] as const),
    ...templates.map((r) => [r.id, r.name] as const),
  ])
}

/** Checklists in the audit: template changes, submissions and photos; the live filling as documents. */
export const checklistsAudit: AuditArea = {
  area: 'checklists',
  commands: ['checklists.'],
  docTypes: ['checklist'],
  labels: { checklist: labels, checklist_template: labels },
  names: labels,
}
