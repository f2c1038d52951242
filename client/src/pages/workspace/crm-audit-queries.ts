import { LitElement, css, html, nothing } from 'lit'
import { customElement, state } from 'lit/decorators.js'
import { lineSentence, plainLines, type PlainFormat } from '../../../../domain/audit/plain-change'
import { formatDateTime, localTimeZone } from '../../common/dates'
import { api } from '../../data/api'
import { currentCenter } from '../../data/auth'
import { mondayOf } from '../../data/timetable'
import type { AuditQueryItem } from '../../data/audit-highlight'
import { LocaleController } from '../../i18n/locale-controller'
import { currentLocale, t } from '../../i18n/locale'
import { baseStyles } from '../../resources/styles'

/** How many of a change's lines are shown (the rest: "N more"). */
const LINES = 2

/**
 * "Queried for you": the changes an auditor queried and assigned to the signed-in person
 * (GET /api/workspace/audit-queries), each with its subject, what changed in a line or two, the
 * auditor's comment and who queried it when. Shows nothing while there are none (most staff never
 * see it), nor while loading or when the list could not be loaded.
 */
@customElement('crm-audit-queries')
export class CrmAuditQueries extends LitElement {
  @state() private items: AuditQueryItem[] = []
  private readonly locale = new LocaleController(this)

  static styles = [
    baseStyles,
    css`
      :host {
        display: block;
      }
      section {
        padding: 16px 18px 18px;
        border-left: 4px solid var(--crm-audit-outline, #7c3aed);
      }
      h2 {
        margin-bottom: 4px;
      }
      .intro {
        color: var(--crm-muted);
        font-size: 0.875rem;
        margin: 0 0 10px;
      }
      ul.items {
        list-style: none;
        margin: 0;
        padding: 0;
        display: flex;
        flex-direction: column;
        gap: 10px;
      }
      li.item {
        border: 1px solid var(--crm-border);
        border-radius: var(--crm-radius);
        padding: 10px 12px;
        display: flex;
        flex-direction: column;
        gap: 4px;
        min-width: 0;
      }
      .subject {
        display: flex;
        align-items: baseline;
        justify-content: space-between;
        gap: 8px;
        font-weight: 600;
      }
      .subject a {
        font-weight: 500;
        font-size: 0.875rem;
        white-space: nowrap;
      }
      .what {
        margin: 0;
        padding: 0;
        list-style: none;
        font-size: 0.875rem;
        overflow-wrap: anywhere;
      }
      .comment {
        margin: 2px 0 0;
        padding: 6px 10px;
        background: var(--crm-surface-2);
        border-radius: var(--crm-radius);
        font-size: 0.875rem;
        overflow-wrap: anywhere;
      }
      .comment .text {
        white-space: pre-wrap;
      }
      .comment .label {
        display: block;
        font-size: 0.75rem;
        color: var(--crm-muted);
        font-weight: 600;
      }
      .meta {
        color: var(--crm-muted);
        font-size: 0.8125rem;
        display: flex;
        flex-wrap: wrap;
        gap: 2px 12px;
      }
    `,
  ]

  connectedCallback() {
    super.connectedCallback()
    void this.load()
  }

  /** Fetches the list now. */
  async load() {
    try {
      const { items } = await api<{ items: AuditQueryItem[] }>('GET', '/api/workspace/audit-queries?limit=50')
      this.items = items
    } catch {
      this.items = []
    }
  }

  render() {
    if (!this.items.length) return nothing
    const zone = localTimeZone()
    const f: PlainFormat = {
      t: (id, params) => t(id, params),
      locale: currentLocale(),
      timeZone: zone,
      currency: currentCenter()?.currency ?? 'AMD',
    }
    return html`<section class="card" aria-labelledby="queried-title" data-testid="audit-queries">
      <h2 id="queried-title">${t('audit.queried.title')}</h2>
      <p class="intro">${t('audit.queried.intro')}</p>
      <ul class="items">
        ${this.items.map(({ markId, change }) => {
          const lines = plainLines(change, f).map((l) => lineSentence(l, f))
          const link = subjectLink(change.subject)
          const mark = change.mark
          return html`<li class="item" data-testid="audit-query" data-mark=${markId}>
            <div class="subject">
              <span>${change.subject.label ?? change.subject.type}</span>
              ${link ? html`<a href=${link}>${t('audit.queried.open')}</a>` : nothing}
            </div>
            <ul class="what">
              ${lines.slice(0, LINES).map((l) => html`<li>${l}</li>`)}
              ${lines.length > LINES ? html`<li class="muted">${t('audit.queried.more', { count: lines.length - LINES })}</li>` : nothing}
            </ul>
            <p class="comment">
              <span class="label">${t('audit.queried.comment')}</span
              ><span class="text">${mark?.comment || t('audit.queried.noComment')}</span>
            </p>
            <div class="meta">
              <span
                >${t('audit.queried.changedBy', { login: change.actor?.login ?? t('audit.queried.someone'), time: formatDateTime(change.at, zone) })}</span
              >
              ${
                mark
                  ? html`<span
                      >${t('audit.queried.by', { login: mark.by?.login ?? t('audit.queried.someone'), time: formatDateTime(mark.at, zone) })}</span
                    >`
                  : nothing
              }
            </div>
          </li>`
        })}
      </ul>
    </section>`
  }
}

/**
 * Where a change's subject is seen: a client's file, a week of the timetable; null for others.
 * @example subjectLink({ type: 'timetable', id: '<branchId>:2026-W10' }) // '/timetable?branch=<branchId>&date=2026-03-02&view=week'
 */
export function subjectLink(subject: { type: string; id: string | null }): string | null {
  const id = subject.id
  if (!id) return null
  if (subject.type === 'client') return `/clients/${encodeURIComponent(id)}`
  if (subject.type === 'timetable') {
    const m = /^([0-9a-f-]{36}):(\d{4}-W\d{2})$/i.exec(id)
    if (!m) return null
    return `/timetable?${new URLSearchParams({ branch: m[1], date: mondayOf(m[2]), view: 'week' })}`
  }
  return null
}

declare global {
  interface HTMLElementTagNameMap {
    'crm-audit-queries': CrmAuditQueries
  }
}
