import type { ReactiveControllerHost } from 'lit'
import { fireEvent } from '../../common/fire-event'
import type { LiveDoc } from '../../data/live-doc'
import { type DraggingPresence, deleteLesson, writeLesson } from '../../data/timetable'
import { t } from '../../i18n/locale'
import type { GridSpan, RemoteGhost } from './crm-timetable-grid'
import type { LessonDraft } from './crm-lesson-panel'
import type { Column, Filters } from './layout'
import { zoned, zonedIso } from './time'

/** What the side panel shows: a lesson (on one of its tabs), a lesson being planned, or nothing. */
export type Panel = { kind: 'lesson'; id: string; tab: 'details' | 'attendance' } | { kind: 'draft'; draft: LessonDraft } | null

/** What the page shows, asked for at each edit. */
export interface SelectionSource {
  live: LiveDoc | null
  /** May change the week now (an editor, the document writable). */
  canEdit: boolean
  isEditor: boolean
  timeZone: string
  columns: readonly Column[]
  /** A new lesson starts with the activity, teacher and group filtered on. */
  filters: Filters
  /** The day view's day (a lesson saved onto another day is followed there), or '' in the week view. */
  day: string
}

/**
 * The selected lesson and the side panel, and the edits the grid and the panel make: grid events
 * (select, draw a new lesson, move, drag) and panel events (save, delete) become writes to the week
 * document and presence (what we have selected or are dragging, which the others see).
 * The handlers are bound, for use as event listeners. (Not a ReactiveController: it has nothing
 * to do when the host connects or updates; it asks the host to update when what it holds changed.)
 */
export class SelectionController {
  selectedId: string | null = null
  panel: Panel = null

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly source: () => SelectionSource,
    /** A lesson saved onto a day not on screen (day view): show that day. */
    private readonly showDay: (date: string) => void,
  ) {}

  select(id: string | null) {
    this.selectedId = id
    this.host.requestUpdate()
    this.setPresence('selected', id)
  }

  /** Opens a lesson in the panel (selected). */
  open(id: string, tab: 'details' | 'attendance') {
    this.select(id)
    this.show({ kind: 'lesson', id, tab })
  }

  closePanel() {
    const wasDraft = this.panel?.kind === 'draft'
    this.show(null)
    if (wasDraft) this.setPresence('dragging', null)
  }

  /** The lesson being planned in the side panel, drawn where it will go (after the others' ghosts). */
  draftGhost(columns: readonly Column[], remote: RemoteGhost[]): RemoteGhost[] {
    if (this.panel?.kind !== 'draft') return remote
    const d = this.panel.draft
    const col = columns.find((c) => c.date === d.date && c.roomId === d.roomId)
    if (!col) return remote
    return [
      ...remote,
      {
        key: 'draft',
        col: col.index,
        startMin: d.startMin,
        endMin: d.endMin,
        colour: 'var(--crm-primary)',
        name: t('timetable.grid.draft'),
      },
    ]
  }

  onSelect = (e: CustomEvent<{ id: string | null; open: boolean }>) => {
    const { id, open } = e.detail
    this.select(id)
    if (open && id) this.show({ kind: 'lesson', id, tab: this.source().isEditor ? 'details' : 'attendance' })
    else if (this.panel?.kind === 'lesson' && id) this.show({ ...this.panel, id })
  }

  onCreate = (e: CustomEvent<GridSpan & { explicit: boolean; draftId: string }>) => {
    const f = this.spanToFields(e.detail)
    if (!f) return
    const { filters, timeZone } = this.source()
    const draft: LessonDraft = {
      id: e.detail.draftId,
      date: f.date,
      roomId: f.roomId,
      startMin: e.detail.startMin,
      endMin: e.detail.explicit ? e.detail.endMin : e.detail.startMin + 60,
      explicit: e.detail.explicit,
      activityId: filters.activityId || undefined,
      teacherId: filters.teacherId || undefined,
      groupId: filters.groupId || undefined,
    }
    this.select(null)
    this.show({ kind: 'draft', draft })
    // the others see where a lesson is being planned
    this.setPresence('dragging', {
      lessonId: draft.id,
      roomId: f.roomId,
      start: zonedIso(f.date, draft.startMin, timeZone),
      end: zonedIso(f.date, draft.endMin, timeZone),
    })
  }

  onChange = (e: CustomEvent<GridSpan & { id: string }>) => {
    const { live, canEdit } = this.source()
    const f = this.spanToFields(e.detail)
    if (!live || !f || !canEdit) return
    writeLesson(live.doc, e.detail.id, { roomId: f.roomId, start: f.start, end: f.end })
    this.select(e.detail.id)
  }

  onDrag = (e: CustomEvent<(GridSpan & { id: string }) | null>) => {
    if (!e.detail) {
      if (this.panel?.kind !== 'draft') this.setPresence('dragging', null)
      return
    }
    const f = this.spanToFields(e.detail)
    if (f) this.setPresence('dragging', { lessonId: e.detail.id, roomId: f.roomId, start: f.start, end: f.end })
  }

  onSave = (e: CustomEvent<{ id: string; fields: Record<string, unknown>; created: boolean }>) => {
    const { live, canEdit, timeZone, day } = this.source()
    if (!live || !canEdit) return
    const { id, fields, created } = e.detail
    writeLesson(live.doc, id, fields)
    this.setPresence('dragging', null)
    this.select(id)
    this.show({ kind: 'lesson', id, tab: 'details' })
    fireEvent(this.host, 'crm-toast', {
      message: t(created ? 'timetable.panel.created' : 'timetable.panel.saved'),
      kind: 'success',
    })
    // a lesson moved to a day not on screen: follow it
    const start = typeof fields.start === 'string' ? zoned(fields.start, timeZone) : null
    if (start && day && start.date !== day) this.showDay(start.date)
  }

  onDelete = (e: CustomEvent<{ id: string }>) => {
    const { live, canEdit } = this.source()
    if (!live || !canEdit) return
    deleteLesson(live.doc, e.detail.id)
    this.closePanel()
    fireEvent(this.host, 'crm-toast', { message: t('timetable.panel.deleted') })
  }

  private show(panel: Panel) {
    this.panel = panel
    this.host.requestUpdate()
  }

  private spanToFields(span: GridSpan): { roomId: string; date: string; start: string; end: string } | null {
    const { columns, timeZone } = this.source()
    const col = columns[span.col]
    if (!col) return null
    return {
      roomId: col.roomId,
      date: col.date,
      start: zonedIso(col.date, span.startMin, timeZone),
      end: zonedIso(col.date, span.endMin, timeZone),
    }
  }

  /** Publishes what we have selected or are dragging (only when it changed). */
  private setPresence(field: 'selected' | 'dragging', value: string | DraggingPresence | null) {
    const a = this.source().live?.awareness
    if (!a) return
    const cur = a.getLocalState()?.[field]
    if (JSON.stringify(cur ?? null) !== JSON.stringify(value)) a.setLocalStateField(field, value)
  }
}
