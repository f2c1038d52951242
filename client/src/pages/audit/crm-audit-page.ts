import { LitElement, html, nothing } from 'lit'
import { customElement, property, state } from 'lit/decorators.js'
import { formatDate } from '../../../../domain/i18n/format'
import { formatDateTime, localTimeZone } from '../../common/dates'
import { fireEvent } from '../../common/fire-event'
import { navigate } from '../../common/navigate'
import { ApiError, withQuery } from '../../data/api'
import {
  auditUrl,
  CHANGE_KINDS,
  changeFromSearch,
  changesCsvUrl,
  closeAudit,
  fetchAssignees,
  fetchChange,
  fetchChanges,
  fetchCheckpoints,
  fetchQueried,
  fetchSummary,
  filtersFromSearch,
  hasFilters,
  isMoment,
  isoToZoned,
  markChange,
  reportPdfUrl,
  zonedToIso,
  type Assignee,
  type AuditChange,
  type AuditCheckpoint,
  type AuditFilters,
  type AuditSummary,
  type AuditWindow,
} from '../../data/audit'
import { fetchBranches } from '../../data/branches'
import '../../components/crm-dialog'
import { datesValid } from '../../components/date-input'
import { field } from '../../components/field'
import { LocaleController } from '../../i18n/locale-controller'
import { currentLocale, t } from '../../i18n/locale'
import { baseStyles, pageStyles } from '../../resources/styles'
import type { PageContext } from '../../types'
import { auditPageStyles } from './crm-audit-page.styles'
import type { DocumentView } from './crm-audit-document'
import './crm-audit-document'
import { actionWords, entityWords } from '../../../../domain/audit/plain-change'
import { areaName, changeLines, changeSentences, momentFields, momentOf, plainFormat } from './words'

/** Areas offered in the filter (the server's today; staff joins when its module declares it). */
const AREAS = ['timetable', 'clients', 'medical', 'money', 'stock', 'access', 'settings', 'alerts', 'workspace', 'audit', 'other']

/** How many sentences a row of the list shows. */
const ROW_LINES = 2

/** Is the key press meant for a field (typing), not for stepping? */
function typing(e: KeyboardEvent): boolean {
  return e.composedPath().some((n) => {
    const el = n as HTMLElement
    return el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' || el.tagName === 'SELECT' || el.isContentEditable === true
  })
}

/**
 * The Audit (issue #16; owner, auditor): every change since the last audit, in both streams,
 * oldest first, with its counts; the filters in the URL; a change opened in the step view beside the
 * list (`?change=<id>`), stepped with Previous / Next or the keys (← →, j k), marked verified or
 * queried; a document as it was around a change or at any moment; closing the audit; past audits.
 */
@customElement('crm-audit-page')
export class CrmAuditPage extends LitElement {
  @property({ attribute: false }) ctx!: PageContext
  @state() private items: AuditChange[] = []
  @state() private cursor: string | null = null
  @state() private window: AuditWindow | null = null
  @state() private summary: AuditSummary | null = null
  @state() private checkpoints: AuditCheckpoint[] | null = null
  @state() private loading = false
  @state() private error: string | null = null
  @state() private step: { item: AuditChange; prev: number | null; next: number | null } | null = null
  @state() private stepError: string | null = null
  @state() private assignees: Assignee[] = []
  @state() private markBusy = false
  @state() private docView: DocumentView | null = null
  @state() private closing: { busy: boolean; error: string | null } | null = null
  @state() private queried: Array<{ markId: number; change: AuditChange }> | null = null
  @state() private zone = localTimeZone()
  @state() private branchZones: Record<string, string> = {}
  private listFor: string | null = null
  private stepFor: string | null = null
  private request = 0
  private stepRequest = 0
  private readonly locale = new LocaleController(this)

  static styles = [baseStyles, pageStyles, auditPageStyles]

  private get filters(): AuditFilters {
    return filtersFromSearch(this.ctx.search)
  }
  private get changeId(): number | null {
    return changeFromSearch(this.ctx.search)
  }
  /** Page size: 50, or ?limit= (1–500) from the URL. */
  private get limit(): number {
    const n = Number(new URLSearchParams(this.ctx.search).get('limit'))
    return Number.isInteger(n) && n >= 1 && n <= 500 ? n : 50
  }
  private get tab(): 'changes' | 'queried' | 'past' {
    const tab = new URLSearchParams(this.ctx.search).get('tab')
    return tab === 'past' || tab === 'queried' ? tab : 'changes'
  }

  connectedCallback() {
    super.connectedCallback()
    window.addEventListener('keydown', this.onKey)
    void this.loadOnce()
  }

  disconnectedCallback() {
    window.removeEventListener('keydown', this.onKey)
    super.disconnectedCallback()
  }

  /** The center's zone (its first branch's), the branches' zones, who can follow up, the past audits. */
  private async loadOnce() {
    const [branches, assignees] = await Promise.allSettled([fetchBranches(), fetchAssignees()])
    if (branches.status === 'fulfilled' && branches.value.length) {
      this.zone = branches.value[0].timezone || localTimeZone()
      this.branchZones = Object.fromEntries(branches.value.map((b) => [b.id, b.timezone]))
    }
    if (assignees.status === 'fulfilled') this.assignees = assignees.value
    await this.loadCheckpoints()
  }

  private async loadCheckpoints() {
    try {
      this.checkpoints = (await fetchCheckpoints()).items
    } catch {
      this.checkpoints = []
    }
  }

  protected willUpdate() {
    if (!this.ctx) return
    const f = this.filters
    // the server words labels and names in the tab's language: a new language reloads them
    const listKey = `${currentLocale()}|${JSON.stringify(f)}`
    if (this.listFor !== listKey) {
      this.listFor = listKey
      void this.load(false)
      void this.loadSummary()
    }
    if (this.tab === 'queried' && this.queried === null) void this.loadQueried()
    const stepKey = `${listKey}|${this.changeId ?? ''}`
    if (this.stepFor !== stepKey) {
      this.stepFor = stepKey
      void this.loadStep()
    }
  }

  private message(e: unknown, fallback: string): string {
    if (e instanceof ApiError) return Object.keys(e.fields).length ? Object.values(e.fields).join(' ') : e.userMessage
    return fallback
  }

  private async load(more: boolean) {
    const req = ++this.request
    this.loading = true
    this.error = null
    try {
      const page = await fetchChanges(this.filters, more ? this.cursor : null, this.limit)
      if (req !== this.request) return
      this.items = more ? [...this.items, ...page.items] : page.items
      this.cursor = page.cursor
      this.window = page.window
    } catch (e) {
      if (req !== this.request) return
      this.error = this.message(e, t('audit.page.loadFailed'))
      if (!more) this.items = []
    } finally {
      if (req === this.request) this.loading = false
    }
  }

  private async loadQueried() {
    this.queried = []
    try {
      this.queried = (await fetchQueried()).items
    } catch (e) {
      this.error = this.message(e, t('audit.page.loadFailed'))
    }
  }

  private async loadSummary() {
    const f = this.filters
    try {
      this.summary = (await fetchSummary(f)).summary
    } catch {
      this.summary = null
    }
  }

  private async loadStep() {
    const id = this.changeId
    const req = ++this.stepRequest
    this.stepError = null
    if (id === null) {
      this.step = null
      return
    }
    try {
      const r = await fetchChange(id, this.filters)
      if (req !== this.stepRequest) return
      this.step = r
      // the row in view
      await this.updateComplete
      this.renderRoot.querySelector(`li[data-id="${id}"]`)?.scrollIntoView({ block: 'nearest' })
    } catch (e) {
      if (req !== this.stepRequest) return
      this.step = null
      this.stepError = this.message(e, t('audit.page.loadFailed'))
    }
  }

  /** Shows change `id` (the URL follows: back and forward step too). */
  private open(id: number | null) {
    navigate(auditUrl(this.filters, id))
  }

  private onKey = (e: KeyboardEvent) => {
    if (e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey || this.tab !== 'changes') return
    if (this.docView || this.closing || typing(e)) return
    const k = e.key
    if (k === 'ArrowRight' || k === 'j') {
      e.preventDefault()
      if (this.step) {
        if (this.step.next !== null) this.open(this.step.next)
      } else if (this.items.length) this.open(this.items[0].id)
    } else if (k === 'ArrowLeft' || k === 'k') {
      e.preventDefault()
      if (this.step?.prev != null) this.open(this.step.prev)
    } else if (k === 'v' && this.step) {
      e.preventDefault()
      void this.mark('verified')
    } else if (k === 'Escape' && this.step) {
      this.open(null)
    }
  }

  // ── rendering ─────────────────────────────────────────────────────────────────────────────────

  render() {
    const f = this.filters
    const tab = this.tab
    return html`
      <div class="page-header">
        <div>
          <h1>${t('audit.page.title')}</h1>
          <p data-testid="audit-window">${this.windowText(f)}</p>
        </div>
        <div class="header-actions">
          ${
            !f.since && !f.until
              ? html`<button class="primary" type="button" @click=${() => (this.closing = { busy: false, error: null })}>
                  ${t('audit.page.close')}
                </button>`
              : html`<a class="button" href="/audit">${t('audit.page.back')}</a>`
          }
          <a class="button" href=${changesCsvUrl(f)} download>${t('audit.page.csv')}</a>
          <a class="button" href=${reportPdfUrl(f)} target="_blank" rel="noopener">${t('audit.page.pdf')}</a>
        </div>
      </div>
      <nav class="tabs" aria-label=${t('audit.tabs.label')}>
        <a href=${auditUrl(f)} aria-current=${tab === 'changes' ? 'page' : 'false'}>${t('audit.tabs.changes')}</a>
        <a href=${withQuery('/audit', { tab: 'queried' })} aria-current=${tab === 'queried' ? 'page' : 'false'}
          >${t('audit.tabs.queried')}</a
        >
        <a href=${withQuery('/audit', { tab: 'past' })} aria-current=${tab === 'past' ? 'page' : 'false'}
          >${t('audit.tabs.past')}</a
        >
      </nav>
      ${tab === 'past' ? this.renderPast() : tab === 'queried' ? this.renderQueried() : this.renderChanges(f)}
      ${this.renderClose()}
      ${
        this.docView
          ? html`<crm-audit-document
              .view=${this.docView}
              zone=${this.zone}
              .branchZones=${this.branchZones}
              @crm-audit-document-closed=${() => (this.docView = null)}
            ></crm-audit-document>`
          : nothing
      }
    `
  }

  private checkpoint(id: number | null | undefined): AuditCheckpoint | undefined {
    return id == null ? undefined : this.checkpoints?.find((c) => c.id === id)
  }

  private boundText(v: string | undefined, end: AuditWindow['since']): string {
    if (v && isMoment(v)) return formatDateTime(v, this.zone)
    const cp = this.checkpoint(end?.checkpointId)
    if (cp) return formatDateTime(cp.closedAt, this.zone)
    return end?.at ? formatDateTime(end.at, this.zone) : ''
  }

  private windowText(f: AuditFilters): string {
    const w = this.window
    if (!f.since && !f.until) {
      const id = w?.since?.checkpointId
      if (id == null) return w ? t('audit.page.sinceStart') : ''
      const cp = this.checkpoint(id)
      const at = cp?.closedAt ?? w?.since?.at
      return t('audit.page.since', {
        date: at ? formatDate(new Date(at), currentLocale(), this.zone) : '',
        login: cp?.closedBy?.login ?? t('audit.page.someone'),
      })
    }
    const from = f.since && f.since !== 'start' ? this.boundText(f.since, w?.since ?? null) : ''
    const to = f.until ? this.boundText(f.until, w?.until ?? null) : ''
    if (from && to) return t('audit.page.window', { from, to })
    if (to) return t('audit.page.windowStart', { to })
    return from ? t('audit.page.windowSince', { from }) : t('audit.page.sinceStart')
  }

  private renderChanges(f: AuditFilters) {
    return html`
      ${this.renderSummary(f)} ${this.renderFilters(f)}
      ${this.error ? html`<p class="alert error" role="alert">${this.error}</p>` : nothing}
      <div class="workspace ${this.step ? 'with-step' : ''}">
        ${this.renderList()} ${this.step || this.stepError ? this.renderStep() : nothing}
      </div>
    `
  }

  private renderSummary(f: AuditFilters) {
    const s = this.summary
    if (!s) return nothing
    const areas = Object.entries(s.byArea).sort((a, b) => b[1] - a[1])
    const chip = (label: string, count: number, to: AuditFilters, on: boolean, testid: string) =>
      html`<li>
        <a class="chip-link ${on ? 'on' : ''}" href=${auditUrl(to)} data-testid=${testid} aria-current=${on ? 'true' : 'false'}
          ><span>${label}</span> <b>${count}</b></a
        >
      </li>`
    return html`<section class="card summary" aria-label=${t('audit.summary.label')} data-testid="audit-summary">
      <p class="total">
        <b data-testid="audit-total">${t('audit.summary.total', { count: s.total })}</b>
        ${s.queried ? html`<span class="badge queried">${t('audit.summary.queried', { count: s.queried })}</span>` : nothing}
      </p>
      <div class="groups">
        <div>
          <h2>${t('audit.summary.byArea')}</h2>
          <ul>
            ${
              areas.length
                ? areas.map(([a, n]) =>
                    chip(areaName(a), n, { ...f, area: f.area === a ? undefined : a }, f.area === a, `area-${a}`),
                  )
                : html`<li class="muted">${t('audit.summary.none')}</li>`
            }
          </ul>
        </div>
        <div>
          <h2>${t('audit.summary.byActor')}</h2>
          <ul>
            ${s.byActor.map((a) => {
              const login = a.login ?? ''
              return login
                ? chip(
                    login,
                    a.count,
                    { ...f, actor: f.actor === login ? undefined : login },
                    f.actor === login,
                    `actor-${login}`,
                  )
                : html`<li class="muted">${t('audit.page.system')} <b>${a.count}</b></li>`
            })}
          </ul>
        </div>
        <div>
          <h2>${t('audit.summary.topDocuments')}</h2>
          <ul>
            ${
              s.topDocuments.length
                ? s.topDocuments.map((d) =>
                    chip(
                      d.label ?? d.doc,
                      d.count,
                      { ...f, doc: f.doc === d.doc ? undefined : d.doc },
                      f.doc === d.doc,
                      'top-doc',
                    ),
                  )
                : html`<li class="muted">${t('audit.summary.none')}</li>`
            }
          </ul>
        </div>
      </div>
    </section>`
  }

  private renderFilters(f: AuditFilters) {
    return html`<form class="filters card" @submit=${this.applyFilters} aria-label=${t('audit.filters.label')}>
      ${field(
        'area',
        t('audit.filters.area'),
        html`<select id="area" name="area">
          <option value="" ?selected=${!f.area}>${t('audit.filters.anyArea')}</option>
          ${AREAS.map((a) => html`<option value=${a} ?selected=${f.area === a}>${areaName(a)}</option>`)}
        </select>`,
      )}
      ${field(
        'actor',
        t('audit.filters.actor'),
        html`<input id="actor" name="actor" .value=${f.actor ?? ''} autocapitalize="none" spellcheck="false" />`,
      )}
      ${field(
        'doc',
        t('audit.filters.doc'),
        html`<select id="doc" name="doc">
          <option value="" ?selected=${!f.doc}>—</option>
          ${[
            ...(this.summary?.topDocuments ?? []),
            ...(f.doc && !this.summary?.topDocuments.some((d) => d.doc === f.doc) ? [{ doc: f.doc, label: null }] : []),
          ].map((d) => html`<option value=${d.doc} ?selected=${f.doc === d.doc}>${d.label ?? d.doc}</option>`)}
        </select>`,
      )}
      ${momentFields('from', t('audit.filters.from'), isMoment(f.since) ? isoToZoned(f.since, this.zone) : '')}
      ${momentFields('to', t('audit.filters.to'), isMoment(f.until) ? isoToZoned(f.until, this.zone) : '')}
      ${field(
        'kind',
        t('audit.filters.kind'),
        html`<select id="kind" name="kind">
          <option value="" ?selected=${!f.kind}>${t('audit.filters.anyKind')}</option>
          ${CHANGE_KINDS.map((k) => html`<option value=${k} ?selected=${f.kind === k}>${t(`audit.kind.${k}`)}</option>`)}
        </select>`,
      )}
      <label class="check"><input type="checkbox" name="money" ?checked=${!!f.money} /> ${t('audit.filters.money')}</label>
      <div class="buttons">
        <button class="primary" type="submit">${t('audit.filters.apply')}</button>
        ${
          f.doc
            ? html`<button type="button" @click=${() => this.showAsOf(f.doc ?? '')}>${t('audit.step.asOf')}</button>`
            : nothing
        }
        ${
          hasFilters(f) || isMoment(f.since) || isMoment(f.until)
            ? html`<button type="button" @click=${this.clearFilters}>${t('audit.filters.clear')}</button>`
            : nothing
        }
      </div>
    </form>`
  }

  private renderList() {
    const fmt = plainFormat(this.zone)
    const open = this.changeId
    return html`<section class="list" aria-label=${t('audit.list.label')}>
      <ol data-testid="audit-list">
        ${this.items.map((it) => {
          const lines = changeSentences(it, fmt)
          return html`<li data-id=${it.id} class=${open === it.id ? 'open' : ''}>
            <button
              type="button"
              class="row"
              aria-current=${open === it.id ? 'true' : 'false'}
              aria-label=${`${t('audit.list.open')}: ${it.subject.label ?? areaName(it.area)}`}
              @click=${() => this.open(it.id)}
            >
              <span class="meta">
                <time datetime=${it.at}>${formatDateTime(it.at, this.zone)}</time>
                <span class="who">${it.actor?.login ?? t('audit.page.system')}</span>
                <span class="area">${areaName(it.area)}</span>
                <span class="what">${actionWords(it, fmt)}</span>
                ${this.badge(it)}
              </span>
              <span class="subject">${it.subject.label ?? entityWords(it.subject.type, fmt)}</span>
              <span class="lines">
                ${lines.slice(0, ROW_LINES).map((l) => html`<span>${l}</span>`)}
                ${lines.length > ROW_LINES ? html`<span class="muted">${t('audit.list.more', { count: lines.length - ROW_LINES })}</span>` : nothing}
              </span>
            </button>
          </li>`
        })}
      </ol>
      ${!this.loading && !this.items.length && !this.error ? html`<p class="empty muted">${t('audit.list.empty')}</p>` : nothing}
      ${this.loading ? html`<p class="muted">${t('audit.step.loading')}</p>` : nothing}
      ${
        this.cursor && !this.loading
          ? html`<button type="button" class="more" @click=${() => void this.load(true)}>${t('common.loadMore')}</button>`
          : nothing
      }
      <p class="keys muted">${t('audit.page.keys')}</p>
    </section>`
  }

  private badge(it: AuditChange) {
    if (!it.mark) return nothing
    return it.mark.status === 'verified'
      ? html`<span class="badge verified" title=${t('audit.mark.verified')}>✓ ${t('audit.mark.verified')}</span>`
      : html`<span class="badge queried" title=${t('audit.mark.queried')}>? ${t('audit.mark.queried')}</span>`
  }

  private renderStep() {
    if (!this.step) return html`<aside class="step card"><p class="alert error" role="alert">${this.stepError}</p></aside>`
    const { item, prev, next } = this.step
    const fmt = plainFormat(this.zone)
    const lines = changeLines(item, fmt)
    const doc = item.document
    const subjectDoc = doc?.name ?? null
    return html`<aside class="step card" aria-label=${t('audit.step.label')} data-testid="audit-step" data-id=${item.id}>
      <div class="step-nav">
        <button type="button" ?disabled=${prev === null} @click=${() => this.open(prev)} aria-keyshortcuts="ArrowLeft k">
          ← ${t('audit.step.prev')}
        </button>
        <button type="button" ?disabled=${next === null} @click=${() => this.open(next)} aria-keyshortcuts="ArrowRight j">
          ${t('audit.step.next')} →
        </button>
        <button type="button" class="icon" aria-label=${t('audit.step.close')} @click=${() => this.open(null)}>✕</button>
      </div>
      <h2 class="subject">${item.subject.label ?? entityWords(item.subject.type, fmt)}</h2>
      <p class="meta">
        <span class="area">${areaName(item.area)}</span>
        <span class="what" data-testid="step-what">${actionWords(item, fmt)}</span>
        <span data-testid="step-author"
          >${t('audit.step.by', { login: item.actor?.login ?? t('audit.page.system'), time: formatDateTime(item.at, this.zone) })}</span
        >
        ${this.badge(item)}
      </p>
      <table class="lines" data-testid="step-lines">
        <thead>
          <tr>
            <th>${t('audit.step.field')}</th>
            <th>${t('audit.step.before')}</th>
            <th></th>
            <th>${t('audit.step.after')}</th>
          </tr>
        </thead>
        <tbody>
          ${lines.map(
            (l) =>
              html`<tr class=${l.kind} data-path=${l.path}>
                <td class="field-name">${l.field}</td>
                <td class="before">${l.before ?? '—'}</td>
                <td class="arrow" aria-hidden="true">→</td>
                <td class="after">${l.after ?? '—'}</td>
              </tr>`,
          )}
        </tbody>
      </table>
      ${
        subjectDoc && !item.hidden
          ? html`<div class="doc-actions">
              <button type="button" @click=${() => this.showDocument(item, null)}>${t('audit.step.document')}</button>
              <button type="button" @click=${() => this.showDocument(item, item.at)}>${t('audit.step.asOf')}</button>
            </div>`
          : nothing
      }
      ${this.renderMark(item)}
    </aside>`
  }

  private showDocument(item: AuditChange, time: string | null) {
    const doc = item.document?.name
    if (!doc) return
    this.docView = { doc, label: item.subject.label ?? doc, item, time }
  }

  /** A document as it is now, read-only, its "As of" ready to go back in time. */
  private showAsOf(doc: string) {
    const label = this.summary?.topDocuments.find((d) => d.doc === doc)?.label ?? doc
    this.docView = { doc, label, item: null, time: new Date().toISOString() }
  }

  private renderMark(item: AuditChange) {
    const m = item.mark
    const status = m ? t(m.status === 'verified' ? 'audit.mark.verified' : 'audit.mark.queried') : ''
    return html`<form class="mark" @submit=${(e: Event) => e.preventDefault()} aria-label=${t('audit.mark.label')}>
      <p class="latest" data-testid="mark-latest">
        ${
          m
            ? html`${t('audit.mark.latest', { status, login: m.by?.login ?? t('audit.page.someone'), time: formatDateTime(m.at, this.zone) })}
              ${m.assignee ? html`<br />${t('audit.mark.assigned', { login: m.assignee.login })}` : nothing}
              ${m.comment ? html`<q>${m.comment}</q>` : nothing}`
            : t('audit.mark.none')
        }
      </p>
      ${field('mark-comment', t('audit.mark.comment'), html`<textarea id="mark-comment" name="comment" rows="2"></textarea>`)}
      ${field(
        'mark-assignee',
        t('audit.mark.assignee'),
        html`<select id="mark-assignee" name="assignee">
          <option value="">${t('audit.mark.nobody')}</option>
          ${this.assignees.map((a) => html`<option value=${a.id}>${a.name ? `${a.name} (${a.login})` : a.login}</option>`)}
        </select>`,
      )}
      <div class="buttons">
        <button type="button" ?disabled=${this.markBusy} @click=${() => void this.mark('verified')} aria-keyshortcuts="v">
          ✓ ${t('audit.mark.verify')}
        </button>
        <button type="button" ?disabled=${this.markBusy} @click=${() => void this.mark('queried')}>
          ? ${t('audit.mark.query')}
        </button>
      </div>
    </form>`
  }

  private async mark(status: 'verified' | 'queried') {
    const step = this.step
    if (!step || this.markBusy) return
    const form = this.renderRoot.querySelector<HTMLFormElement>('form.mark')
    const data = form ? new FormData(form) : null
    const comment = String(data?.get('comment') ?? '').trim() || null
    const assigneeId = status === 'queried' ? String(data?.get('assignee') ?? '') || null : null
    this.markBusy = true
    try {
      const { item } = await markChange(step.item.id, { status, comment, assigneeId })
      if (this.step?.item.id === item.id) this.step = { ...this.step, item }
      this.items = this.items.map((i) => (i.id === item.id ? item : i))
      form?.reset()
      fireEvent(this, 'crm-toast', { message: () => t('audit.mark.saved'), kind: 'success' })
      void this.loadSummary()
      this.queried = null
    } catch (e) {
      fireEvent(this, 'crm-toast', { message: this.message(e, t('audit.page.loadFailed')), kind: 'error' })
    } finally {
      this.markBusy = false
    }
  }

  private renderClose() {
    if (!this.closing) return nothing
    const s = this.summary
    return html`<crm-dialog heading=${t('audit.close.title')} open @crm-dialog-closed=${() => (this.closing = null)}>
      <form @submit=${this.submitClose} novalidate>
        ${this.closing.error ? html`<p class="alert error" role="alert">${this.closing.error}</p>` : nothing}
        <p>${t('audit.close.lead')}</p>
        ${s ? html`<p data-testid="close-summary"><b>${t('audit.close.summary', { total: s.total, queried: s.queried })}</b></p>` : nothing}
        ${field('close-note', t('audit.close.note'), html`<textarea id="close-note" name="note" rows="3"></textarea>`)}
        <div class="form-actions">
          <button type="button" @click=${() => (this.closing = null)}>${t('common.cancel')}</button>
          <button class="primary" type="submit" ?disabled=${this.closing.busy}>
            ${this.closing.busy ? t('audit.close.busy') : t('audit.close.submit')}
          </button>
        </div>
      </form>
    </crm-dialog>`
  }

  private submitClose = async (e: Event) => {
    e.preventDefault()
    if (!this.closing || this.closing.busy) return
    const note = String(new FormData(e.target as HTMLFormElement).get('note') ?? '').trim() || null
    this.closing = { busy: true, error: null }
    try {
      await closeAudit(note)
      this.closing = null
      fireEvent(this, 'crm-toast', { message: () => t('audit.close.done'), kind: 'success' })
      await this.loadCheckpoints()
      this.listFor = null
      navigate('/audit')
      this.requestUpdate()
    } catch (err) {
      this.closing = { busy: false, error: this.message(err, t('audit.page.loadFailed')) }
    }
  }

  /** The follow-up list: each queried change, its comment, whom it is for; opening it shows it in the step view. */
  private renderQueried() {
    const list = this.queried
    if (list === null) return html`<p class="muted">${t('audit.step.loading')}</p>`
    if (!list.length) return html`<p class="muted">${t('audit.followUp.empty')}</p>`
    const fmt = plainFormat(this.zone)
    return html`<ol class="past" data-testid="audit-queried">
      ${list.map(({ markId, change }) => {
        const m = change.mark
        return html`<li class="card" data-mark=${markId}>
          <h2>${change.subject.label ?? areaName(change.area)}</h2>
          <p class="muted">
            ${areaName(change.area)} ·
            ${t('audit.step.by', { login: change.actor?.login ?? t('audit.page.system'), time: formatDateTime(change.at, this.zone) })}
          </p>
          <p>${changeSentences(change, fmt).slice(0, ROW_LINES).join(' · ')}</p>
          ${
            m
              ? html`<p class="note">
                  ${t('audit.mark.latest', { status: t('audit.mark.queried'), login: m.by?.login ?? t('audit.page.someone'), time: formatDateTime(m.at, this.zone) })}
                  ${m.assignee ? html` · ${t('audit.mark.assigned', { login: m.assignee.login })}` : nothing}
                  ${m.comment ? html`<q>${m.comment}</q>` : nothing}
                </p>`
              : nothing
          }
          <div class="buttons">
            <a class="button" href=${auditUrl({ since: 'start' }, change.id)}>${t('audit.list.open')}</a>
          </div>
        </li>`
      })}
    </ol>`
  }

  private renderPast() {
    const cps = this.checkpoints
    if (cps === null) return html`<p class="muted">${t('audit.step.loading')}</p>`
    if (!cps.length) return html`<p class="muted">${t('audit.past.empty')}</p>`
    return html`<ol class="past" data-testid="audit-past">
      ${cps.map((cp, i) => {
        const since = i + 1 < cps.length ? String(cps[i + 1].id) : 'start'
        return html`<li class="card" data-checkpoint=${cp.id}>
          <h2>
            ${t('audit.past.closed', { date: formatDateTime(cp.closedAt, this.zone), login: cp.closedBy?.login ?? t('audit.page.someone') })}
          </h2>
          ${cp.note ? html`<p class="note">${cp.note}</p>` : nothing}
          <p class="counts">${t('audit.past.counts', { total: cp.summary.total, queried: cp.queried })}</p>
          <p class="areas muted">
            ${Object.entries(cp.summary.byArea)
              .sort((a, b) => b[1] - a[1])
              .map(([a, n]) => `${areaName(a)} ${n}`)
              .join(' · ')}
          </p>
          <div class="buttons">
            <a class="button" href=${auditUrl({ since, until: String(cp.id) })}>${t('audit.past.changes')}</a>
            <a class="button" href=${`/api/audit/checkpoints/${cp.id}/report.pdf`} target="_blank" rel="noopener"
              >${t('audit.past.pdf')}</a
            >
          </div>
        </li>`
      })}
    </ol>`
  }

  private applyFilters = (e: Event) => {
    e.preventDefault()
    const form = e.target as HTMLFormElement
    if (!datesValid(form)) return
    const data = new FormData(form)
    const str = (k: string) => String(data.get(k) ?? '').trim()
    const cur = this.filters
    const fromLocal = momentOf(data, 'from')
    const toLocal = momentOf(data, 'to', true)
    const from = fromLocal ? zonedToIso(fromLocal, this.zone) : undefined
    const to = toLocal ? zonedToIso(toLocal, this.zone) : undefined
    const f: AuditFilters = {
      // a typed moment replaces the window's start; none keeps a checkpoint's window
      since: from ?? (isMoment(cur.since) ? undefined : cur.since),
      until: to ?? (isMoment(cur.until) ? undefined : cur.until),
      area: str('area') || undefined,
      actor: str('actor') || undefined,
      doc: str('doc') || undefined,
      kind: (str('kind') || undefined) as AuditFilters['kind'],
      money: data.get('money') !== null,
    }
    navigate(auditUrl(f))
  }

  private clearFilters = () => {
    const cur = this.filters
    navigate(auditUrl({ since: isMoment(cur.since) ? undefined : cur.since, until: isMoment(cur.until) ? undefined : cur.until }))
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'crm-audit-page': CrmAuditPage
  }
}
