import { html, nothing } from 'lit'
import { customElement, state } from 'lit/decorators.js'
import { formatDateTime } from '../common/dates'
import { type FieldHistoryItem, fetchFieldHistory } from '../data/docs-authors'
import { LocaleController } from '../i18n/locale-controller'
import { t } from '../i18n/locale'
import { baseStyles } from '../resources/styles'
import './crm-dialog'
import { CrmDialogElement } from './dialogs'
import { changeWords, foldFieldHistory, type ValueText } from './crm-field-history.logic'
import { fieldHistoryStyles } from './crm-field-history.styles'

export type { ValueText } from './crm-field-history.logic'

export interface FieldHistoryParams {
  /** The document's name (`client:<id>`). */
  doc: string
  /** The field's dotted path. */
  path: string
  /** The field's label, as shown. */
  field: string
  /** The branch's time zone. */
  zone: string
  valueText?: ValueText
}

/**
 * A field's whole history (who, when, before → after in plain words), newest first, older pages
 * on demand. Opened by crm-field-author.
 * @example await showDialog(this, 'crm-field-history', { doc, path, field, zone }, () => import('./crm-field-history'))
 */
@customElement('crm-field-history')
export class CrmFieldHistory extends CrmDialogElement<FieldHistoryParams> {
  @state() private items: FieldHistoryItem[] = []
  @state() private next: string | null = null
  @state() private loading = false
  @state() private failed = false
  private readonly locale = new LocaleController(this)

  static styles = [baseStyles, fieldHistoryStyles]

  showDialog(params: FieldHistoryParams, close: (result?: true) => void) {
    super.showDialog(params, close)
    void this.load(null)
  }

  render() {
    const p = this.params
    if (!p) return nothing
    const rows = foldFieldHistory(this.items)
    return html`<crm-dialog open heading=${t('fieldHistory.title', { field: p.field })} @crm-dialog-closed=${() => this.close()}>
      <div data-testid="field-history">
        ${this.failed ? html`<p class="alert error" role="alert">${t('fieldHistory.failed')}</p>` : nothing}
        ${!rows.length && this.loading ? html`<p class="muted" aria-busy="true">${t('fieldHistory.loading')}</p>` : nothing}
        ${!rows.length && !this.loading && !this.failed ? html`<p class="muted">${t('fieldHistory.empty')}</p>` : nothing}
        ${
          rows.length
            ? html`<ol>
                ${rows.map(
                  (r) =>
                    html`<li data-testid="field-history-row">
                      <div class="meta">
                        <span class="who">${r.who}</span><time datetime=${r.at}>${formatDateTime(r.at, p.zone)}</time>
                      </div>
                      <ul class="changes">
                        ${r.changes.map((c) => html`<li>${changeWords(c, p.zone, p.valueText)}</li>`)}
                      </ul>
                    </li>`,
                )}
              </ol>`
            : nothing
        }
        ${
          this.next
            ? html`<div class="more">
                <button type="button" class="secondary" ?disabled=${this.loading} @click=${() => this.load(this.next)}>
                  ${t('fieldHistory.more')}
                </button>
              </div>`
            : nothing
        }
      </div>
    </crm-dialog>`
  }

  private async load(cursor: string | null) {
    const p = this.params
    if (!p) return
    this.loading = true
    this.failed = false
    try {
      const page = await fetchFieldHistory(p.doc, p.path, { cursor, limit: 50 })
      this.items = cursor ? [...this.items, ...page.items] : page.items
      this.next = page.nextCursor
    } catch {
      this.failed = true
    } finally {
      this.loading = false
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'crm-field-history': CrmFieldHistory
  }
}
