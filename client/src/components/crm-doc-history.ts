import { LitElement, html, nothing } from 'lit'
import { customElement, property, state } from 'lit/decorators.js'
import { formatDateTime, formatWhen } from '../common/dates'
import { ApiError } from '../data/api'
import { type DocChange, type DocHistoryItem, fetchDocHistory, foldHistory, mergeHistory } from '../data/doc-history'
import { LocaleController } from '../i18n/locale-controller'
import { t } from '../i18n/locale'
import { baseStyles } from '../resources/styles'
import { docHistoryStyles } from './crm-doc-history.styles'

/**
 * Who changed what in a live document, newest first, from GET /api/docs/<name>/history.
 * Refreshes its first page (debounced) whenever `changes` increases; "Load more" pages back.
 * @example html`<crm-doc-history .docName=${name} .changes=${n} .describe=${(c) => describeWorkspaceChange(c, …)}></crm-doc-history>`
 */
@customElement('crm-doc-history')
export class CrmDocHistory extends LitElement {
  @property() docName: string | null = null
  /** Bump to refetch the newest page (e.g. a counter of document updates). */
  @property({ type: Number }) changes = 0
  /** One change in words. */
  @property({ attribute: false }) describe: (change: DocChange) => string = (c) => `${c.path}: ${c.kind}`
  @state() private items: DocHistoryItem[] = []
  @state() private nextCursor: string | null = null
  @state() private loading = false
  @state() private error: string | null = null
  private timer: ReturnType<typeof setTimeout> | null = null
  private loadedName: string | null = null
  /** whether "Load more" was used: then the cursor of the oldest page stays ours */
  private pagedBack = false
  private readonly locale = new LocaleController(this)

  static styles = [baseStyles, docHistoryStyles]

  protected willUpdate(changed: Map<string, unknown>) {
    if (changed.has('docName') && this.docName !== this.loadedName) {
      this.loadedName = this.docName
      this.items = []
      this.nextCursor = null
      this.pagedBack = false
      if (this.docName) void this.load(false)
    } else if (changed.has('changes') && changed.get('changes') !== undefined) {
      if (this.timer) clearTimeout(this.timer)
      // stored a moment after the edit: wait for typing to settle, then fetch the newest page
      this.timer = setTimeout(() => void this.load(false), 700)
    }
  }

  disconnectedCallback() {
    super.disconnectedCallback()
    if (this.timer) clearTimeout(this.timer)
  }

  /** Fetches the newest page now. */
  refresh() {
    return this.load(false)
  }

  private async load(more: boolean) {
    const name = this.docName
    if (!name) return
    this.loading = true
    try {
      const page = await fetchDocHistory(name, more ? this.nextCursor : null)
      if (name !== this.docName) return
      this.items = mergeHistory(this.items, page.items)
      if (more) {
        this.pagedBack = true
        this.nextCursor = page.nextCursor
      } else if (!this.pagedBack) this.nextCursor = page.nextCursor
      this.error = null
    } catch (e) {
      this.error = e instanceof ApiError ? e.userMessage : t('common.history.loadFailed')
    } finally {
      this.loading = false
    }
  }

  render() {
    const rows = foldHistory(this.items)
    return html`
      ${this.error ? html`<p class="alert error" role="alert">${this.error}</p>` : nothing}
      ${rows.length === 0 && !this.loading && !this.error ? html`<p class="empty">${t('common.history.empty')}</p>` : nothing}
      ${rows.length === 0 && this.loading ? html`<p class="empty">${t('common.loading')}</p>` : nothing}
      <ol aria-label=${t('common.history.label')}>
        ${rows.map(
          (r) =>
            html`<li data-seq=${r.key}>
              <div class="meta">
                <span class="who">${r.actor?.login ?? t('common.history.system')}</span>
                <time datetime=${r.at} title=${formatDateTime(r.at)}>${formatWhen(r.at)}</time>
              </div>
              <ul class="changes">
                ${
                  r.count > 1
                    ? html`<li>
                        ${this.describeFolded(r.changes)}
                        <span class="count">${t('common.history.edits', { count: r.count })}</span>
                      </li>`
                    : r.changes.map((c) => html`<li>${this.describe(c)}</li>`)
                }
              </ul>
            </li>`,
        )}
      </ol>
      ${
        this.nextCursor
          ? html`<div class="more">
              <button class="small" @click=${() => void this.load(true)} ?disabled=${this.loading}>
                ${this.loading ? t('common.loading') : t('common.loadMore')}
              </button>
            </div>`
          : nothing
      }
    `
  }

  /** A burst of typing: "Edited notes" with what was written overall. */
  private describeFolded(changes: DocChange[]): string {
    const path = changes[0]?.path ?? ''
    const written = changes
      .filter((c) => c.kind === 'insert')
      .map((c) => String(c.after ?? ''))
      .join('')
    const base = this.describe({ path, kind: 'insert', before: null, after: written })
    return written ? base : t('common.history.edited', { path })
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'crm-doc-history': CrmDocHistory
  }
}
