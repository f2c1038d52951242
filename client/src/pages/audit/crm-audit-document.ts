import { LitElement, css, html, nothing, type PropertyValues } from 'lit'
import { customElement, property, query, state } from 'lit/decorators.js'
import { fieldWords, valueWords, type PlainFormat, type PlainInput } from '../../../../domain/audit/plain-change'
import { formatDate, formatTime, formatWeekday } from '../../../../domain/i18n/format'
import { isMessageId } from '../../../../domain/i18n/catalogue'
import { formatDateTime } from '../../common/dates'
import { datesValid } from '../../components/date-input'
import { ApiError } from '../../data/api'
import { fetchDocAt, isoToZoned, zonedToIso, type AuditChange } from '../../data/audit'
import {
  clientSections,
  docBranch,
  docKind,
  flatten,
  lessonRows,
  touched,
  valueKeyOf,
  type FieldRow,
  type LessonRow,
  type Side,
  type Touch,
} from '../../data/audit-doc'
import { fetchRooms } from '../../data/branches'
import { fetchActivities, fetchGroups, fetchTeachers } from '../../data/timetable'
import { LocaleController } from '../../i18n/locale-controller'
import { currentLocale, t } from '../../i18n/locale'
import { baseStyles } from '../../resources/styles'
import { momentFields, momentOf, plainFormat } from './words'

/** What the view shows: a document around one change (Before | After), or as of a moment. */
export interface DocumentView {
  doc: string
  /** Its label ("Central · 2026-W48", the client's name). */
  label: string
  /** The change: before = just before its update, after = just after. */
  item: AuditChange | null
  /** Or a moment (ISO). */
  time: string | null
}

type Loaded = { state: unknown; at: string | null } | 'hidden' | 'failed'

/** Names of a branch's rooms, groups, activities and teachers, loaded once per branch. */
const branchNames = new Map<string, Promise<Record<string, string>>>()
function namesOfBranch(branchId: string): Promise<Record<string, string>> {
  let p = branchNames.get(branchId)
  if (!p) {
    p = Promise.allSettled([fetchRooms(branchId), fetchGroups(branchId), fetchActivities(), fetchTeachers()]).then((rs) => {
      const out: Record<string, string> = {}
      for (const r of rs) if (r.status === 'fulfilled') for (const x of r.value) out[x.id] = x.name
      return out
    })
    branchNames.set(branchId, p)
  }
  return p
}

/**
 * "Document as it was" (issue #16): a live document just before and just after one change, side by
 * side, the cells the change touched outlined; or as of any moment ("As of…"), read-only. A timetable
 * week is a table of its lessons, a client file its sections of fields, anything else path → value.
 * A document the reader may not open (a medical file without medical access) says its content is
 * hidden. Fires `crm-audit-document-closed` when closed.
 */
@customElement('crm-audit-document')
export class CrmAuditDocument extends LitElement {
  @property({ attribute: false }) view: DocumentView | null = null
  /** The center's time zone (a week's lessons are shown in their branch's). */
  @property() zone = 'UTC'
  /** Branches' time zones by id. */
  @property({ attribute: false }) branchZones: Record<string, string> = {}
  @state() private beforeDoc: Loaded | null = null
  @state() private afterDoc: Loaded | null = null
  @state() private names: Record<string, string> = {}
  @state() private asOf: string | null = null
  @query('dialog') private dialog!: HTMLDialogElement
  private request = 0
  private readonly locale = new LocaleController(this)

  static styles = [
    baseStyles,
    css`
      dialog {
        border: 1px solid var(--crm-border);
        border-radius: 12px;
        padding: 0;
        width: min(1200px, calc(100vw - 32px));
        max-height: calc(100vh - 48px);
        color: var(--crm-text);
        background: var(--crm-surface);
        box-shadow: 0 20px 50px rgb(16 24 40 / 25%);
      }
      dialog::backdrop {
        background: rgb(16 24 40 / 40%);
      }
      header {
        display: flex;
        align-items: center;
        justify-content: space-between;
        gap: 12px;
        padding: 16px 20px 8px;
      }
      header h2 {
        margin: 0;
        overflow-wrap: anywhere;
      }
      .body {
        padding: 8px 20px 20px;
      }
      form.as-of {
        display: flex;
        flex-wrap: wrap;
        align-items: flex-end;
        gap: 8px;
        margin-bottom: 12px;
      }
      form.as-of .field {
        margin: 0;
      }
      .moment-inputs {
        display: flex;
        gap: 6px;
      }
      .moment-inputs .date-input {
        flex: 1 1 9em;
        min-width: 0;
      }
      .moment-inputs .date-input.time {
        flex: 0 1 6em;
      }
      .legend {
        font-size: 0.8125rem;
        color: var(--crm-muted);
        margin: 0 0 10px;
      }
      .legend .swatch {
        display: inline-block;
        width: 14px;
        height: 10px;
        outline: 2px dashed var(--crm-audit-outline, #7c3aed);
        margin-right: 6px;
      }
      .columns {
        display: grid;
        grid-template-columns: repeat(auto-fit, minmax(320px, 1fr));
        gap: 16px;
      }
      section.side {
        min-width: 0;
      }
      section.side h3 {
        margin: 0 0 2px;
        font-size: 1rem;
      }
      section.side .when {
        color: var(--crm-muted);
        font-size: 0.8125rem;
        margin: 0 0 8px;
      }
      .scroll {
        max-height: 60vh;
        overflow: auto;
        border: 1px solid var(--crm-border);
        border-radius: var(--crm-radius);
      }
      table {
        width: 100%;
        border-collapse: collapse;
        font-size: 0.8125rem;
      }
      th,
      td {
        padding: 5px 8px;
        text-align: left;
        vertical-align: top;
        border-bottom: 1px solid var(--crm-border);
        overflow-wrap: break-word;
      }
      th {
        position: sticky;
        top: 0;
        background: var(--crm-surface-2);
        font-weight: 600;
        color: var(--crm-muted);
      }
      h4 {
        margin: 10px 8px 4px;
        font-size: 0.875rem;
      }
      td.when {
        font-variant-numeric: tabular-nums;
        min-width: 9em;
      }
      .touched {
        outline: 2px dashed var(--crm-audit-outline, #7c3aed);
        outline-offset: -3px;
        background: rgb(124 58 237 / 7%);
      }
      .empty {
        padding: 10px;
        color: var(--crm-muted);
      }
    `,
  ]

  private loadedLocale = currentLocale()

  protected willUpdate(changed: PropertyValues<this>) {
    // names come from the server in the tab's language: a new language reloads them
    if (changed.has('view') || this.loadedLocale !== currentLocale()) {
      this.loadedLocale = currentLocale()
      if (changed.has('view')) this.asOf = this.view?.time ?? null
      void this.load()
    }
  }

  protected updated(changed: PropertyValues) {
    if (this.view && !this.dialog.open) this.dialog.showModal()
    if (changed.has('afterDoc') || changed.has('beforeDoc')) {
      // the first outlined thing in view
      requestAnimationFrame(() => this.renderRoot.querySelector('.touched')?.scrollIntoView({ block: 'nearest' }))
    }
  }

  private get branchZone(): string {
    const b = this.view ? docBranch(this.view.doc) : null
    return (b && this.branchZones[b]) || this.zone
  }

  private async load() {
    const v = this.view
    const req = ++this.request
    this.beforeDoc = this.afterDoc = null
    if (!v) return
    const branch = docBranch(v.doc)
    const one = async (at: { seq: number } | { time: string }): Promise<Loaded> => {
      try {
        const r = await fetchDocAt(v.doc, at)
        return { state: r.state, at: r.at }
      } catch (e) {
        return e instanceof ApiError && (e.status === 404 || e.status === 403) ? 'hidden' : 'failed'
      }
    }
    const [names, before, after] = await Promise.all([
      branch ? namesOfBranch(branch) : Promise.resolve({}),
      this.asOf === null && v.item?.document ? one({ seq: Math.max(0, v.item.document.seq - 1) }) : Promise.resolve(null),
      this.asOf !== null
        ? one({ time: this.asOf })
        : v.item?.document
          ? one({ seq: v.item.document.seq })
          : Promise.resolve('failed' as const),
    ])
    if (req !== this.request) return
    this.names = { ...names, ...(v.item?.names ?? {}) }
    this.beforeDoc = before
    this.afterDoc = after
  }

  render() {
    const v = this.view
    if (!v) return nothing
    const f = plainFormat(this.branchZone)
    const touches: Touch[] = this.asOf === null ? (v.item?.changes ?? []) : []
    const heading = this.asOf === null ? t('audit.doc.title') : t('audit.doc.asOfTitle')
    return html`<dialog aria-labelledby="doc-title" @close=${this.onClose} data-testid="audit-document">
      <header>
        <h2 id="doc-title">${heading}: ${v.label}</h2>
        <button class="icon" aria-label=${t('common.close')} @click=${() => this.dialog.close()}>✕</button>
      </header>
      <div class="body">
        <form class="as-of" novalidate @submit=${this.showAsOf}>
          ${momentFields('asOf', t('audit.doc.asOf'), isoToZoned(this.asOf ?? v.item?.at ?? null, this.zone))}
          <button type="submit">${t('audit.doc.show')}</button>
        </form>
        ${touches.length ? html`<p class="legend"><span class="swatch"></span>${t('audit.doc.outlined')}</p>` : nothing}
        <div class="columns">
          ${this.asOf === null ? this.side('before', t('audit.doc.before'), t('audit.doc.beforeOf'), this.beforeDoc, touches, f) : nothing}
          ${this.side(
            'after',
            this.asOf === null ? t('audit.doc.after') : t('audit.doc.asOf'),
            this.asOf === null ? t('audit.doc.afterOf') : formatDateTime(this.asOf, this.zone),
            this.afterDoc,
            touches,
            f,
          )}
        </div>
      </div>
    </dialog>`
  }

  private side(side: Side, title: string, when: string, loaded: Loaded | null, touches: Touch[], f: PlainFormat) {
    return html`<section class="side" data-side=${side} aria-label=${title}>
      <h3>${title}</h3>
      <p class="when">${when}</p>
      ${
        loaded === null
          ? html`<p class="empty">${t('audit.step.loading')}</p>`
          : loaded === 'hidden'
            ? html`<p class="alert info" data-testid="content-hidden">${t('audit.doc.hidden')}</p>`
            : loaded === 'failed'
              ? html`<p class="alert error">${t('audit.doc.failed')}</p>`
              : html`<div class="scroll">${this.body(loaded.state, side, touches, f)}</div>`
      }
    </section>`
  }

  private body(state: unknown, side: Side, touches: Touch[], f: PlainFormat) {
    const doc = this.view?.doc ?? ''
    switch (docKind(doc)) {
      case 'timetable':
        return this.week(lessonRows(state), side, touches, f)
      case 'client':
        return html`${clientSections(state).map(
          (s) =>
            html`<h4>${sectionName(s.key)}</h4>
              ${this.fields(s.rows, side, touches, f)}`,
        )}`
      default:
        return this.fields(flatten(state), side, touches, f)
    }
  }

  private input(): PlainInput {
    const item = this.view?.item
    return {
      area: item?.area ?? 'other',
      source: 'document',
      action: null,
      subject: item?.subject ?? { type: 'document', id: null, label: null },
      changes: [],
      hidden: false,
      names: this.names,
    }
  }

  private week(rows: LessonRow[], side: Side, touches: Touch[], f: PlainFormat) {
    if (!rows.length) return html`<p class="empty">${t('audit.doc.noLessons')}</p>`
    const input = this.input()
    const cls = (path: string, ...fields: string[]) =>
      fields.some((x) => touched(`${path}.${x}`, touches, side)) ? 'touched' : ''
    const word = (v: unknown, key: string) => valueWords(v, key, input, f) ?? ''
    return html`<table>
      <thead>
        <tr>
          <th>${t('audit.doc.col.when')}</th>
          <th>${t('audit.doc.col.room')}</th>
          <th>${t('audit.doc.col.group')}</th>
          <th>${t('audit.doc.col.teacher')}</th>
          <th>${t('audit.doc.col.status')}</th>
          <th>${t('audit.doc.col.note')}</th>
        </tr>
      </thead>
      <tbody>
        ${rows.map((r) => {
          const whole = touched(r.path, touches, side)
          return html`<tr class=${whole ? 'touched' : ''} data-lesson=${r.id} ?data-touched=${whole}>
            <td class="when ${cls(r.path, 'start', 'end')}">${this.when(r, f)}</td>
            <td class=${cls(r.path, 'roomId')} data-field="roomId">${word(r.roomId, 'roomId')}</td>
            <td class=${cls(r.path, 'groupId', 'activityId')} data-field="groupId">
              ${word(r.groupId, 'groupId') || word(r.activityId, 'activityId')}
            </td>
            <td class=${cls(r.path, 'teacherId')} data-field="teacherId" ?data-touched=${!!cls(r.path, 'teacherId')}>
              ${word(r.teacherId, 'teacherId')}
            </td>
            <td class=${cls(r.path, 'status')} data-field="status">${word(r.status, 'status')}</td>
            <td class=${cls(r.path, 'note')} data-field="note">${r.note}</td>
          </tr>`
        })}
      </tbody>
    </table>`
  }

  private when(r: LessonRow, f: PlainFormat): string {
    const start = Date.parse(r.start)
    if (Number.isNaN(start)) return ''
    const end = Date.parse(r.end)
    const locale = currentLocale()
    const s = new Date(start)
    return `${formatWeekday(s, locale, f.timeZone, 'short')} ${formatDate(s, locale, f.timeZone)} ${formatTime(s, locale, f.timeZone)}${
      Number.isNaN(end) ? '' : `–${formatTime(new Date(end), locale, f.timeZone)}`
    }`
  }

  private fields(rows: FieldRow[], side: Side, touches: Touch[], f: PlainFormat) {
    if (!rows.length) return html`<p class="empty">${t('audit.doc.empty')}</p>`
    const input = this.input()
    return html`<table>
      <thead>
        <tr>
          <th>${t('audit.doc.col.field')}</th>
          <th>${t('audit.doc.col.value')}</th>
        </tr>
      </thead>
      <tbody>
        ${rows.map((r) => {
          const hit = touched(r.path, touches, side, true)
          const change = { path: r.path, before: null, after: r.value, kind: 'changed' as const }
          return html`<tr class=${hit ? 'touched' : ''} data-path=${r.path} ?data-touched=${hit}>
            <td>${fieldWords(change, input, f)}</td>
            <td>${valueWords(r.value, valueKeyOf(r.path), input, f) ?? ''}</td>
          </tr>`
        })}
      </tbody>
    </table>`
  }

  private showAsOf(e: Event) {
    e.preventDefault()
    const form = e.target as HTMLFormElement
    if (!datesValid(form)) return
    const value = momentOf(new FormData(form), 'asOf')
    const iso = value ? zonedToIso(value, this.zone) : undefined
    if (!iso) return
    this.asOf = iso
    void this.load()
  }

  private onClose() {
    this.dispatchEvent(new CustomEvent('crm-audit-document-closed', { bubbles: true, composed: true }))
  }
}

/** A client file's section in the language shown. */
function sectionName(key: string): string {
  const id = `audit.doc.section.${key}`
  return isMessageId(id) ? t(id) : key
}

declare global {
  interface HTMLElementTagNameMap {
    'crm-audit-document': CrmAuditDocument
  }
}
