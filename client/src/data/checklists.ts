import {
  encodeChecklistDocName,
  readChecklistValues,
  setChecklistNote,
  setChecklistValue,
  submittedMeta,
  type ChecklistItem,
  type FilledItem,
  type ItemKind,
  type Schedule,
} from '../../../domain/checklists/checklist'
import { api, withQuery } from './api'

/**
 * Production control checklists (server/modules/checklists): templates, the checklists due, their
 * live document `checklist:<id>` (domain/checklists/checklist.ts edits it), submitting, photos
 * and the month's report.
 */
export { encodeChecklistDocName, readChecklistValues, setChecklistNote, setChecklistValue, submittedMeta }
export type { ChecklistItem, FilledItem, ItemKind, Schedule }

export interface ChecklistTemplate {
  id: string
  branchId: string
  roomId: string | null
  name: string
  items: ChecklistItem[]
  schedule: Schedule
  weekday: number | null
  monthDay: number | null
  dueTime: string
  responsibleRole: string
  active: boolean
}

export interface TemplateInput {
  branchId: string
  roomId?: string | null
  name: string
  items: Array<{ key?: string; text: string; kind: ItemKind; min?: number | null; max?: number | null; unit?: string | null }>
  schedule: Schedule
  weekday?: number | null
  monthDay?: number | null
  dueTime: string
  responsibleRole: string
  active?: boolean
}

export interface Checklist {
  id: string
  name: string
  templateId: string
  branchId: string
  roomId: string | null
  title: string
  items: ChecklistItem[]
  responsibleRole: string
  dueOn: string
  dueAt: string
  /** Its branch's time zone (its times are shown there). */
  timeZone: string
  status: 'open' | 'submitted'
  timeliness: 'open' | 'overdue' | 'onTime' | 'late'
  result: 'ok' | 'failed' | null
  submittedAt: string | null
  submittedBy: string | null
  values: Record<string, FilledItem> | null
  /** The safety and hygiene norms of the activities held where it is checked. */
  norms?: Array<{ activity: string; safetyNotes: string }>
  photos?: Array<{ id: string; itemKey: string | null; fileName: string; mime: string; size: number }>
}

const id = (v: string) => encodeURIComponent(v)

export const fetchTemplates = (branchId: string) =>
  api<{ items: ChecklistTemplate[] }>('GET', withQuery('/api/checklist-templates', { branchId })).then((r) => r.items)
export const createTemplate = (input: TemplateInput) =>
  api<{ template: ChecklistTemplate }>('POST', '/api/checklist-templates', input).then((r) => r.template)
export const updateTemplate = (templateId: string, patch: Partial<TemplateInput>) =>
  api<{ template: ChecklistTemplate }>('PATCH', `/api/checklist-templates/${id(templateId)}`, patch).then((r) => r.template)
export const fetchChecklists = (q: { branchId: string; from?: string; to?: string }) =>
  api<{ items: Checklist[] }>('GET', withQuery('/api/checklists', q)).then((r) => r.items)
export const fetchChecklist = (checklistId: string) =>
  api<{ checklist: Checklist }>('GET', `/api/checklists/${id(checklistId)}`).then((r) => r.checklist)
export const submitChecklist = (checklistId: string) =>
  api<{ checklist: Checklist }>('POST', `/api/checklists/${id(checklistId)}/submit`).then((r) => r.checklist)
export const generateChecklists = (branchId: string) => api<{ made: number }>('POST', '/api/checklists/generate', { branchId })
export const reportUrl = (branchId: string, month: string) => withQuery('/api/checklists/report.pdf', { branchId, month })
export const photoUrl = (checklistId: string, photoId: string) => `/api/checklists/${id(checklistId)}/photos/${id(photoId)}`

/** Uploads a photo to a checklist being filled (of an item, or of the whole). */
export async function uploadPhoto(checklistId: string, file: File, itemKey?: string): Promise<void> {
  const form = new FormData()
  form.append('file', file)
  if (itemKey) form.append('itemKey', itemKey)
  const res = await fetch(`/api/checklists/${id(checklistId)}/photos`, { method: 'POST', body: form, credentials: 'same-origin' })
  if (!res.ok) {
    const { toApiError } = await import('./api')
    throw await toApiError(res)
  }
}
