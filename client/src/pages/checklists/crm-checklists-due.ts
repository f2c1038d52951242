import { LitElement, css, html, nothing, type PropertyValues } from 'lit'
import { customElement, property, state } from 'lit/decorators.js'
import { formatMonthYear } from '../../../../domain/i18n/format'
import { formatDateTime } from '../../common/dates'
import { ApiError } from '../../data/api'
import { fetchChecklists, generateChecklists, reportUrl, type Checklist } from '../../data/checklists'
import { roleLabel } from '../../data/roles'
import type { Branch } from '../../data/types'
import { LocaleController } from '../../i18n/locale-controller'
import { currentLocale, t } from '../../i18n/locale'
import { baseStyles } from '../../resources/styles'
import { tabPanelStyles } from '../../resources/tabbed-page.styles'
import type { PageContext } from '../../types'

/** The last twelve months, newest first (YYYY-MM). */
function lastMonths(now = new Date()): string[] {
  const out: string[] = []
  for (let i = 0; i < 12; i++) {
    const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - i, 1))
    out.push(d.toISOString().slice(0, 7))
  }
  return out
}

/**
 * A branch's checklists: to do today, overdue, and submitted in the last week (on time or late,
 * failed ones marked); each opens for filling. The month's production-control report as PDF.
 */
@customElement('crm-checklists-due')
export class CrmChecklistsDue extends LitElement {
  @property({ attribute: false }) ctx!: PageContext
  @property({ attribute: false }) branch!: Branch
  @state() private items: Checklist[] = []
  @state() private loaded = false
  @state() private error: string | null = null
  @state() private month = lastMonths()[0]
  private readonly locale = new LocaleController(this)
  private off?: () => void

  static styles = [
    baseStyles,
    tabPanelStyles,
    css`
      section {
        margin-block: 1rem 1.5rem;
      }
      h2 {
        font-size: 1.05rem;
        margin: 0 0 0.5rem;
      }
      ul.list {
        list-style: none;
        margin: 0;
        padding: 0;
        display: grid;
        gap: 0.4rem;
      }
      ul.list li a {
        display: grid;
        grid-template-columns: 1fr auto;
        gap: 0.25rem 1rem;
        padding: 0.6rem 0.8rem;
        border: 1px solid var(--crm-border, #d0d7de);
        border-radius: 8px;
        color: inherit;
        text-decoration: none;
      }
      ul.list li a:hover,
      ul.list li a:focus-visible {
        border-color: var(--crm-primary, #2563eb);
      }
      .name {
        font-weight: 600;
      }
      .meta {
        color: var(--crm-muted, #57606a);
        font-size: 0.9rem;
      }
      .badge {
        justify-self: end;
        align-self: center;
        border-radius: 999px;
        padding: 0.1rem 0.6rem;
        font-size: 0.85rem;
        white-space: nowrap;
        background: #eef2f7;
      }
      .badge.overdue,
      .badge.failed {
        background: #fde8e8;
        color: #9b1c1c;
      }
      .badge.onTime {
        background: #e6f4ea;
        color: #1e6b34;
      }
      .badge.late {
        background: #fff4e0;
        color: #8a5300;
      }
      .toolbar {
        display: flex;
        flex-wrap: wrap;
        gap: 0.75rem;
        align-items: end;
      }
      .toolbar .field {
        margin: 0;
      }
    `,
  ]

  connectedCallback() {
    super.connectedCallback()
    this.off = this.ctx.live?.on('entity.changed', (e: { type: string }) => {
      if (e.type === 'checklist') void this.load()
    })
  }

  disconnectedCallback() {
    super.disconnectedCallback()
    this.off?.()
  }

  protected willUpdate(changed: PropertyValues<this>) {
    if (changed.has('branch') && this.branch) void this.load()
  }

  private async load() {
    try {
      this.items = await fetchChecklists({ branchId: this.branch.id })
      this.error = null
    } catch (e) {
      this.error = e instanceof ApiError ? e.userMessage : t('checklists.screen.loadError')
    }
    this.loaded = true
  }

  private async generate() {
    try {
      await generateChecklists(this.branch.id)
      await this.load()
    } catch (e) {
      this.error = e instanceof ApiError ? e.userMessage : t('checklists.screen.loadError')
    }
  }

  private get canFill() {
    return !this.ctx.user.roles.every((r) => r === 'auditor')
  }

  render() {
    const open = this.items.filter((c) => c.status === 'open' && c.timeliness === 'open')
    const overdue = this.items.filter((c) => c.status === 'open' && c.timeliness === 'overdue')
    const done = this.items.filter((c) => c.status === 'submitted')
    const locale = currentLocale()
    return html`
      <div class="toolbar">
        ${
          this.canFill
            ? html`<button type="button" @click=${() => void this.generate()}>${t('checklists.screen.generate')}</button>`
            : nothing
        }
        <div class="field">
          <label for="month">${t('checklists.screen.reportMonth')}</label>
          <select id="month" @change=${(e: Event) => (this.month = (e.target as HTMLSelectElement).value)}>
            ${lastMonths().map((m) => html`<option value=${m} ?selected=${m === this.month}>${formatMonthYear(m, locale)}</option>`)}
          </select>
        </div>
        <a class="button" href=${reportUrl(this.branch.id, this.month)} target="_blank" rel="noopener" data-testid="report"
          >${t('checklists.screen.report')}</a
        >
      </div>
      ${this.error ? html`<p class="alert error" role="alert">${this.error}</p>` : nothing}
      ${!this.loaded ? html`<p aria-busy="true">${t('app.boot.loading')}</p>` : nothing}
      ${this.section('overdue', t('checklists.screen.overdue'), overdue)}
      ${this.section('open', t('checklists.screen.toDo'), open)} ${this.section('done', t('checklists.screen.submitted'), done)}
    `
  }

  private section(id: string, title: string, items: Checklist[]) {
    if (!this.loaded) return nothing
    return html`<section data-testid="section-${id}">
      <h2>${title} (${items.length})</h2>
      ${
        items.length
          ? html`<ul class="list">
              ${items.map((c) => this.row(c))}
            </ul>`
          : html`<p class="muted">${t('checklists.screen.none')}</p>`
      }
    </section>`
  }

  private row(c: Checklist) {
    const tz = this.branch.timezone
    const due = new Date(c.dueAt)
    const state =
      c.status === 'submitted'
        ? c.result === 'failed'
          ? html`<span class="badge failed">${t('checklists.screen.state.failed')}</span>`
          : html`<span class="badge ${c.timeliness}"
              >${t(c.timeliness === 'late' ? 'checklists.screen.state.late' : 'checklists.screen.state.onTime')}</span
            >`
        : c.timeliness === 'overdue'
          ? html`<span class="badge overdue">${t('checklists.screen.state.overdue')}</span>`
          : html`<span class="badge">${t('checklists.screen.state.open')}</span>`
    return html`<li>
      <a href="/checklists/${c.id}" data-checklist=${c.id}>
        <span class="name">${c.title}</span>
        ${state}
        <span class="meta"
          >${t('checklists.screen.dueAt', { when: formatDateTime(due, tz) })} · ${roleLabel(c.responsibleRole)}</span
        >
      </a>
    </li>`
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'crm-checklists-due': CrmChecklistsDue
  }
}
