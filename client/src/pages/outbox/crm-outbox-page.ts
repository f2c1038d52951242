import { LitElement, css, html, nothing } from 'lit'
import { customElement, property, state } from 'lit/decorators.js'
import { formatDateTime } from '../../common/dates'
import type { DataTableColumn } from '../../components/crm-data-table'
import '../../components/crm-data-table'
import { ApiError } from '../../data/api'
import { type OutboxMessage, fetchOutbox } from '../../data/outbox'
import { LocaleController } from '../../i18n/locale-controller'
import { t } from '../../i18n/locale'
import { baseStyles, pageStyles } from '../../resources/styles'
import type { PageContext } from '../../types'

/** The cells' looks (they are drawn inside the table). */
const outboxCellStyles = css`
  .status {
    white-space: nowrap;
  }
  .status.held {
    color: var(--crm-warning);
    font-weight: 600;
  }
  .subject {
    overflow-wrap: anywhere;
  }
  .pdf {
    white-space: nowrap;
  }
`

/**
 * The outbox (issue #18): the purchase orders sent to suppliers, each with the PDF that went with
 * it. Without a mail server nothing is emailed: the orders wait here ("not sent") and whoever
 * keeps the stock downloads the PDF and sends it by hand.
 */
@customElement('crm-outbox-page')
export class CrmOutboxPage extends LitElement {
  @property({ attribute: false }) ctx!: PageContext
  @state() private items: OutboxMessage[] | null = null
  @state() private smtp = true
  @state() private error: string | null = null
  private readonly locale = new LocaleController(this)

  static styles = [baseStyles, pageStyles]

  connectedCallback() {
    super.connectedCallback()
    void this.load()
  }

  private async load() {
    try {
      const res = await fetchOutbox()
      this.items = res.items
      this.smtp = res.smtp
      this.error = null
    } catch (e) {
      this.error = e instanceof ApiError ? e.userMessage : t('outbox.loadFailed')
    }
  }

  render() {
    return html`
      <div class="page-header">
        <div>
          <h1>${t('outbox.title')}</h1>
          <p>${this.smtp ? t('outbox.introSent') : t('outbox.intro')}</p>
        </div>
      </div>
      ${this.error ? html`<p class="alert error" role="alert">${this.error}</p>` : nothing}
      <crm-data-table
        layout="table"
        label=${t('outbox.title')}
        .columns=${this.columns()}
        .rows=${this.items ?? []}
        .keyFn=${(m: OutboxMessage) => m.id}
        .rowAttrs=${(m: OutboxMessage) => ({ 'data-message': m.id, 'data-status': m.status })}
        .cellStyles=${outboxCellStyles}
        .loading=${this.items === null && !this.error}
        emptyText=${t('outbox.empty')}
      ></crm-data-table>
    `
  }

  private columns(): DataTableColumn<OutboxMessage>[] {
    return [
      { key: 'when', title: t('outbox.when'), render: (m) => formatDateTime(m.createdAt) },
      { key: 'to', title: t('outbox.to'), render: (m) => m.recipient },
      { key: 'subject', title: t('outbox.subject'), render: (m) => html`<span class="subject">${m.subject}</span>` },
      {
        key: 'status',
        title: t('outbox.status'),
        render: (m) =>
          html`<span class="status ${m.status}">${t(m.status === 'held' ? 'outbox.status.held' : 'outbox.status.sent')}</span>`,
      },
      {
        key: 'pdf',
        title: t('outbox.download'),
        titleHidden: true,
        align: 'end',
        render: (m) =>
          html`<a class="pdf" href=${m.attachmentUrl} download=${m.attachmentName} data-testid="outbox-pdf"
            >${t('outbox.download')}</a
          >`,
      },
    ]
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'crm-outbox-page': CrmOutboxPage
  }
}
