import { LitElement, html, nothing } from 'lit'
import { customElement, property, state } from 'lit/decorators.js'
import { formatDateTime, isoToLocal, localToIso } from '../../common/dates'
import { diffFields, showValue } from '../../common/diff'
import { navigate } from '../../common/navigate'
import { ApiError, withQuery } from '../../data/api'
import { type AuditFilter, fetchAuditLog } from '../../data/audit'
import type { AuditItem } from '../../data/types'
import { baseStyles, pageStyles } from '../../resources/styles'
import type { PageContext } from '../../types'
import type { DataTableColumn } from '../../components/crm-data-table'
import '../../components/crm-data-table'
import { dateInput } from '../../components/date-input'
import { field } from '../../components/field'
import { LocaleController } from '../../i18n/locale-controller'
import { t } from '../../i18n/locale'
import { isMessageId } from '../../../../domain/i18n/catalogue'
import { auditCellStyles, auditPageStyles } from './crm-audit-page.styles'

/** What the log is about, in the order of the filter's list. */
const KNOWN_ENTITIES = [
  'client',
  'group',
  'lesson',
  'timetable',
  'closure',
  'activity',
  'room',
  'branch',
  'user',
  'center',
  'settings',
  'alert',
  'calendar_feed',
  'document',
]

/** An action's name in the language shown (its code when the catalogue has no name for it: a newer server). */
const actionName = (code: string): string => {
  const id = `audit.action.${code}`
  return isMessageId(id) ? t(id) : code
}
/** The same for what the action was on. */
const entityName = (code: string): string => {
  const id = `audit.entity.${code}`
  return isMessageId(id) ? t(id) : code
}

/** The audit log (owner, auditor): newest first, filters kept in the URL, "Load more" pages back. */
@customElement('crm-audit-page')
export class CrmAuditPage extends LitElement {
  @property({ attribute: false }) ctx!: PageContext
  @state() private items: AuditItem[] = []
  @state() private nextCursor: string | null = null
  @state() private loading = false
  @state() private error: string | null = null
  private loadedFor: string | null = null
  private request = 0
  private readonly locale = new LocaleController(this)

  static styles = [baseStyles, pageStyles, auditPageStyles]

  /** Built on each render: the titles are in the tab's language. */
  private columns(): DataTableColumn<AuditItem>[] {
    return [
      { key: 'when', title: t('audit.table.when'), className: 'when', render: (it) => formatDateTime(it.at) },
      {
        key: 'who',
        title: t('audit.table.who'),
        render: (it) => it.actor?.login ?? html`<span class="muted">${t('audit.table.system')}</span>`,
      },
      {
        key: 'action',
        title: t('audit.table.action'),
        className: 'action',
        render: (it) => html`<span title=${it.action}>${actionName(it.action)}</span>`,
      },
      {
        key: 'on',
        title: t('audit.table.on'),
        render: (it) =>
          html`${entityName(it.entity)}${it.entityId ? html`<span class="entity-id" title=${it.entityId}>${it.entityId.slice(0, 8)}</span>` : nothing}`,
      },
      { key: 'changes', title: t('audit.table.changes'), render: (it) => renderChanges(it) },
    ]
  }

  /** Page size: 50, or ?limit= (1–500) from the URL. */
  private get limit(): number {
    const n = Number(new URLSearchParams(this.ctx.search).get('limit'))
    return Number.isInteger(n) && n >= 1 && n <= 500 ? n : 50
  }

  private get filter(): AuditFilter {
    const p = new URLSearchParams(this.ctx.search)
    return {
      actor: p.get('actor') || undefined,
      entity: p.get('entity') || undefined,
      entityId: p.get('entityId') || undefined,
      since: p.get('since') || undefined,
    }
  }

  protected willUpdate() {
    // (re)load when the filters in the URL change
    if (this.ctx && this.loadedFor !== this.ctx.search) {
      this.loadedFor = this.ctx.search
      void this.load(false)
    }
  }

  private async load(more: boolean) {
    const req = ++this.request
    this.loading = true
    this.error = null
    try {
      const page = await fetchAuditLog(this.filter, more ? this.nextCursor : null, this.limit)
      if (req !== this.request) return
      this.items = more ? [...this.items, ...page.items] : page.items
      this.nextCursor = page.nextCursor
    } catch (e) {
      if (req !== this.request) return
      this.error =
        e instanceof ApiError
          ? Object.keys(e.fields).length
            ? Object.values(e.fields).join(' ')
            : e.userMessage
          : t('audit.page.loadFailed')
      if (!more) this.items = []
    } finally {
      if (req === this.request) this.loading = false
    }
  }

  render() {
    const f = this.filter
    return html`
      <div class="page-header">
        <div>
          <h1>${t('audit.page.title')}</h1>
          <p>${t('audit.page.lead')}</p>
        </div>
      </div>
      <form class="filters card" @submit=${this.applyFilters} aria-label=${t('audit.filters.label')}>
        ${field(
          'actor',
          t('audit.filters.actor'),
          html`<input
            id="actor"
            name="actor"
            .value=${f.actor ?? ''}
            autocapitalize="none"
            spellcheck="false"
            placeholder=${t('audit.filters.actorPlaceholder')}
          />`,
        )}
        ${field(
          'entity',
          t('audit.filters.entity'),
          html`<select id="entity" name="entity">
            <option value="" ?selected=${!f.entity}>${t('audit.filters.anyEntity')}</option>
            ${KNOWN_ENTITIES.map((e) => html`<option value=${e} ?selected=${f.entity === e}>${entityName(e)}</option>`)}
          </select>`,
        )}
        ${field(
          'since',
          t('audit.filters.since'),
          dateInput({ id: 'since', name: 'since', value: isoToLocal(f.since ?? null).slice(0, 10), onChange: () => {} }),
        )}
        <div class="buttons">
          <button class="primary" type="submit">${t('audit.filters.apply')}</button>
          ${f.actor || f.entity || f.since || f.entityId ? html`<button type="button" @click=${() => navigate('/audit')}>${t('audit.filters.clear')}</button>` : nothing}
        </div>
      </form>
      ${this.error ? html`<p class="alert error" role="alert">${this.error}</p>` : nothing}
      <crm-data-table
        layout="table"
        label=${t('audit.table.label')}
        .columns=${this.columns()}
        .rows=${this.items}
        .keyFn=${(it: AuditItem) => String(it.id)}
        .rowAttrs=${(it: AuditItem) => ({ 'data-action': it.action, 'data-id': String(it.id) })}
        .cellStyles=${auditCellStyles}
        ?loading=${this.loading}
        ?hasMore=${!!this.nextCursor}
        emptyText=${this.error ? '' : t('audit.table.empty')}
        @crm-load-more=${() => void this.load(true)}
      ></crm-data-table>
    `
  }

  private applyFilters(e: Event) {
    e.preventDefault()
    const data = new FormData(e.target as HTMLFormElement)
    const str = (k: string) => String(data.get(k) ?? '').trim()
    navigate(
      withQuery('/audit', {
        actor: str('actor'),
        entity: str('entity'),
        since: str('since') ? localToIso(`${str('since')}T00:00`) : undefined,
      }),
    )
  }
}

/** What the erasure of a client leaves in the trail where their personal data stood (clubroom_redact_json, migration 0007). */
const REDACTED = '[erased]'

/** A value of a change as the table shows it, the erasure's marker in the language shown. */
function valueText(v: unknown, max: number): string {
  if (v === REDACTED) return t('audit.value.erased')
  if (typeof v === 'object' && v !== null && JSON.stringify(v).includes(`"${REDACTED}"`))
    return showValue(JSON.parse(JSON.stringify(v).replaceAll(`"${REDACTED}"`, JSON.stringify(t('audit.value.erased')))), max)
  return showValue(v, max)
}

/** What changed, before → after (the first four keys). */
function renderChanges(it: AuditItem) {
  const changes = diffFields(it.before, it.after)
  if (changes.length === 0) return html`<span class="muted">—</span>`
  const shown = changes.slice(0, 4)
  return html`<ul class="changes">
    ${shown.map(
      (c) =>
        html`<li>
          ${c.key ? html`<span class="key">${c.key}</span>: ` : nothing}
          ${c.before !== undefined ? html`<span class="before">${valueText(c.before, 40)}</span> → ` : nothing}<span class="after"
            >${valueText(c.after, 60)}</span
          >
        </li>`,
    )}
    ${changes.length > shown.length ? html`<li class="muted">${t('audit.table.more', { count: changes.length - shown.length })}</li>` : nothing}
  </ul>`
}
