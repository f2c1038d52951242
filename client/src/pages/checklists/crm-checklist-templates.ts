import { LitElement, css, html, nothing, type PropertyValues } from 'lit'
import { customElement, property, state } from 'lit/decorators.js'
import { formatWeekday } from '../../../../domain/i18n/format'
import { ApiError } from '../../data/api'
import {
  createTemplate,
  fetchTemplates,
  updateTemplate,
  type ChecklistTemplate,
  type ItemKind,
  type Schedule,
  type TemplateInput,
} from '../../data/checklists'
import { roleLabel } from '../../data/roles'
import type { Branch } from '../../data/types'
import { LocaleController } from '../../i18n/locale-controller'
import { currentLocale, t } from '../../i18n/locale'
import { baseStyles } from '../../resources/styles'
import { tabPanelStyles } from '../../resources/tabbed-page.styles'
import type { PageContext } from '../../types'

const ROLES_FILLING = ['receptionist', 'teacher', 'storekeeper', 'manager', 'accountant'] as const
const KINDS: readonly ItemKind[] = ['tick', 'number', 'text']
const SCHEDULES: readonly Schedule[] = ['daily', 'weekly', 'monthly']

interface DraftItem {
  key?: string
  text: string
  kind: ItemKind
  min: string
  max: string
  unit: string
}

const emptyItem = (): DraftItem => ({ text: '', kind: 'tick', min: '', max: '', unit: '' })
/** A Monday in UTC, to word weekdays with (1 = Monday). */
const weekdayName = (n: number) => formatWeekday(new Date(Date.UTC(2026, 0, 4 + n, 12)), currentLocale(), 'UTC')

/**
 * A branch's checklist templates (owner, manager): each with its schedule and responsible role; a
 * simple form adds one or edits one (items: a tick, a number with its range, a text), and a
 * template may be paused (no more checklists made from it).
 */
@customElement('crm-checklist-templates')
export class CrmChecklistTemplates extends LitElement {
  @property({ attribute: false }) ctx!: PageContext
  @property({ attribute: false }) branch!: Branch
  @state() private items: ChecklistTemplate[] = []
  @state() private editing: string | 'new' | null = null
  @state() private name = ''
  @state() private schedule: Schedule = 'daily'
  @state() private weekday = 1
  @state() private monthDay = 1
  @state() private dueTime = '10:00'
  @state() private responsible = 'receptionist'
  @state() private draft: DraftItem[] = [emptyItem()]
  @state() private errors: Record<string, string> = {}
  @state() private error: string | null = null
  private readonly locale = new LocaleController(this)

  static styles = [
    baseStyles,
    tabPanelStyles,
    css`
      table {
        width: 100%;
        border-collapse: collapse;
      }
      th,
      td {
        text-align: start;
        padding: 0.4rem 0.5rem;
        border-bottom: 1px solid var(--crm-border, #d0d7de);
        vertical-align: top;
      }
      form {
        display: grid;
        gap: 0.75rem;
        max-width: 52rem;
        margin-block: 1rem;
        padding: 1rem;
        border: 1px solid var(--crm-border, #d0d7de);
        border-radius: 8px;
      }
      .row {
        display: flex;
        flex-wrap: wrap;
        gap: 0.75rem;
      }
      .row .field {
        margin: 0;
      }
      .item {
        display: grid;
        grid-template-columns: minmax(12rem, 1fr) 9rem 5.5rem 5.5rem 5.5rem auto;
        gap: 0.4rem;
        align-items: end;
      }
      .item input,
      .item select {
        width: 100%;
        box-sizing: border-box;
      }
      .err {
        color: #b42318;
        font-size: 0.88rem;
      }
    `,
  ]

  protected willUpdate(changed: PropertyValues<this>) {
    if (changed.has('branch') && this.branch) void this.load()
  }

  private async load() {
    try {
      this.items = await fetchTemplates(this.branch.id)
    } catch (e) {
      this.error = e instanceof ApiError ? e.userMessage : t('checklists.screen.loadError')
    }
  }

  private scheduleText(x: ChecklistTemplate) {
    if (x.schedule === 'weekly')
      return t('checklists.screen.schedule.weeklyOn', { day: weekdayName(x.weekday ?? 1), time: x.dueTime })
    if (x.schedule === 'monthly') return t('checklists.screen.schedule.monthlyOn', { day: x.monthDay ?? 1, time: x.dueTime })
    return t('checklists.screen.schedule.dailyAt', { time: x.dueTime })
  }

  private edit(x: ChecklistTemplate | null) {
    this.errors = {}
    this.error = null
    this.editing = x ? x.id : 'new'
    this.name = x?.name ?? ''
    this.schedule = x?.schedule ?? 'daily'
    this.weekday = x?.weekday ?? 1
    this.monthDay = x?.monthDay ?? 1
    this.dueTime = x?.dueTime ?? '10:00'
    this.responsible = x?.responsibleRole ?? 'receptionist'
    this.draft = x
      ? x.items.map((i) => ({
          key: i.key,
          text: i.text,
          kind: i.kind,
          min: i.min?.toString() ?? '',
          max: i.max?.toString() ?? '',
          unit: i.unit ?? '',
        }))
      : [emptyItem()]
  }

  private async save(e: Event) {
    e.preventDefault()
    const num = (v: string) => (v.trim() === '' ? null : Number(v.replace(',', '.')))
    const input: TemplateInput = {
      branchId: this.branch.id,
      name: this.name,
      schedule: this.schedule,
      weekday: this.schedule === 'weekly' ? this.weekday : null,
      monthDay: this.schedule === 'monthly' ? this.monthDay : null,
      dueTime: this.dueTime,
      responsibleRole: this.responsible,
      items: this.draft.map((d) => ({
        ...(d.key ? { key: d.key } : {}),
        text: d.text,
        kind: d.kind,
        ...(d.kind === 'number' ? { min: num(d.min), max: num(d.max), unit: d.unit || null } : {}),
      })),
    }
    try {
      if (this.editing === 'new') await createTemplate(input)
      else if (this.editing) await updateTemplate(this.editing, input)
      this.editing = null
      await this.load()
    } catch (err) {
      if (err instanceof ApiError) {
        this.errors = err.fields
        this.error = err.userMessage
      } else this.error = t('checklists.screen.loadError')
    }
  }

  private async toggle(x: ChecklistTemplate) {
    try {
      await updateTemplate(x.id, { active: !x.active })
      await this.load()
    } catch (err) {
      this.error = err instanceof ApiError ? err.userMessage : t('checklists.screen.loadError')
    }
  }

  private patchItem(n: number, patch: Partial<DraftItem>) {
    this.draft = this.draft.map((d, i) => (i === n ? { ...d, ...patch } : d))
  }

  render() {
    return html`
      ${this.error && !this.editing ? html`<p class="alert error" role="alert">${this.error}</p>` : nothing}
      <p><button type="button" class="primary" @click=${() => this.edit(null)}>${t('checklists.screen.newTemplate')}</button></p>
      ${this.editing ? this.form() : nothing}
      <table>
        <thead>
          <tr>
            <th>${t('checklists.screen.col.name')}</th>
            <th>${t('checklists.screen.col.schedule')}</th>
            <th>${t('checklists.screen.col.role')}</th>
            <th>${t('checklists.screen.col.items')}</th>
            <th></th>
          </tr>
        </thead>
        <tbody>
          ${this.items.map(
            (x) =>
              html`<tr data-template=${x.id}>
                <td>${x.name}${x.active ? nothing : html` <span class="muted">(${t('checklists.screen.paused')})</span>`}</td>
                <td>${this.scheduleText(x)}</td>
                <td>${roleLabel(x.responsibleRole)}</td>
                <td>${x.items.length}</td>
                <td>
                  <button type="button" @click=${() => this.edit(x)}>${t('checklists.screen.edit')}</button>
                  <button type="button" @click=${() => void this.toggle(x)}>
                    ${t(x.active ? 'checklists.screen.pause' : 'checklists.screen.resume')}
                  </button>
                </td>
              </tr>`,
          )}
        </tbody>
      </table>
    `
  }

  private form() {
    const err = (f: string) => (this.errors[f] ? html`<span class="err">${this.errors[f]}</span>` : nothing)
    return html`<form @submit=${(e: Event) => void this.save(e)} novalidate>
      ${this.error ? html`<p class="alert error" role="alert">${this.error}</p>` : nothing}
      <div class="field">
        <label for="t-name">${t('checklists.screen.col.name')}</label>
        <input id="t-name" .value=${this.name} @input=${(e: Event) => (this.name = (e.target as HTMLInputElement).value)} />
        ${err('name')}
      </div>
      <div class="row">
        <div class="field">
          <label for="t-schedule">${t('checklists.screen.col.schedule')}</label>
          <select id="t-schedule" @change=${(e: Event) => (this.schedule = (e.target as HTMLSelectElement).value as Schedule)}>
            ${SCHEDULES.map((s) => html`<option value=${s} ?selected=${s === this.schedule}>${t(`checklists.screen.schedule.${s}`)}</option>`)}
          </select>
        </div>
        ${
          this.schedule === 'weekly'
            ? html`<div class="field">
                <label for="t-weekday">${t('checklists.screen.weekday')}</label>
                <select id="t-weekday" @change=${(e: Event) => (this.weekday = Number((e.target as HTMLSelectElement).value))}>
                  ${[1, 2, 3, 4, 5, 6, 7].map((d) => html`<option value=${d} ?selected=${d === this.weekday}>${weekdayName(d)}</option>`)}
                </select>
                ${err('weekday')}
              </div>`
            : nothing
        }
        ${
          this.schedule === 'monthly'
            ? html`<div class="field">
                <label for="t-day">${t('checklists.screen.monthDay')}</label>
                <select id="t-day" @change=${(e: Event) => (this.monthDay = Number((e.target as HTMLSelectElement).value))}>
                  ${Array.from({ length: 28 }, (_, i) => i + 1).map((d) => html`<option value=${d} ?selected=${d === this.monthDay}>${d}</option>`)}
                </select>
                ${err('monthDay')}
              </div>`
            : nothing
        }
        <div class="field">
          <label for="t-time">${t('checklists.screen.dueTime')}</label>
          <select id="t-time" @change=${(e: Event) => (this.dueTime = (e.target as HTMLSelectElement).value)}>
            ${Array.from({ length: 48 }, (_, i) => `${String(Math.floor(i / 2)).padStart(2, '0')}:${i % 2 ? '30' : '00'}`).map(
              (v) => html`<option value=${v} ?selected=${v === this.dueTime}>${v}</option>`,
            )}
          </select>
        </div>
        <div class="field">
          <label for="t-role">${t('checklists.screen.col.role')}</label>
          <select id="t-role" @change=${(e: Event) => (this.responsible = (e.target as HTMLSelectElement).value)}>
            ${ROLES_FILLING.map((r) => html`<option value=${r} ?selected=${r === this.responsible}>${roleLabel(r)}</option>`)}
          </select>
        </div>
      </div>
      <fieldset>
        <legend>${t('checklists.screen.col.items')}</legend>
        ${err('items')}
        ${this.draft.map(
          (d, n) =>
            html`<div class="item">
              <div class="field">
                <label for="i-text-${n}">${t('checklists.screen.itemText')}</label>
                <input
                  id="i-text-${n}"
                  .value=${d.text}
                  @input=${(e: Event) => this.patchItem(n, { text: (e.target as HTMLInputElement).value })}
                />
                ${err(`items.${n}.text`)}
              </div>
              <div class="field">
                <label for="i-kind-${n}">${t('checklists.screen.itemKind')}</label>
                <select
                  id="i-kind-${n}"
                  @change=${(e: Event) => this.patchItem(n, { kind: (e.target as HTMLSelectElement).value as ItemKind })}
                >
                  ${KINDS.map((k) => html`<option value=${k} ?selected=${k === d.kind}>${t(`checklists.screen.kind.${k}`)}</option>`)}
                </select>
              </div>
              ${
                d.kind === 'number'
                  ? html`<div class="field">
                        <label for="i-min-${n}">${t('checklists.screen.min')}</label>
                        <input
                          id="i-min-${n}"
                          inputmode="decimal"
                          .value=${d.min}
                          @input=${(e: Event) => this.patchItem(n, { min: (e.target as HTMLInputElement).value })}
                        />
                      </div>
                      <div class="field">
                        <label for="i-max-${n}">${t('checklists.screen.max')}</label>
                        <input
                          id="i-max-${n}"
                          inputmode="decimal"
                          .value=${d.max}
                          @input=${(e: Event) => this.patchItem(n, { max: (e.target as HTMLInputElement).value })}
                        />
                        ${err(`items.${n}.max`)}
                      </div>
                      <div class="field">
                        <label for="i-unit-${n}">${t('checklists.screen.unit')}</label>
                        <input
                          id="i-unit-${n}"
                          .value=${d.unit}
                          @input=${(e: Event) => this.patchItem(n, { unit: (e.target as HTMLInputElement).value })}
                        />
                      </div>`
                  : html`<span></span><span></span><span></span>`
              }
              <button
                type="button"
                aria-label=${t('checklists.screen.removeItem')}
                ?disabled=${this.draft.length < 2}
                @click=${() => (this.draft = this.draft.filter((_, i) => i !== n))}
              >
                ✕
              </button>
            </div>`,
        )}
        <p>
          <button type="button" @click=${() => (this.draft = [...this.draft, emptyItem()])}>
            ${t('checklists.screen.addItem')}
          </button>
        </p>
      </fieldset>
      <div class="row">
        <button type="submit" class="primary">${t('checklists.screen.save')}</button>
        <button type="button" @click=${() => (this.editing = null)}>${t('checklists.screen.cancel')}</button>
      </div>
    </form>`
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'crm-checklist-templates': CrmChecklistTemplates
  }
}
