import { LitElement, html, nothing } from 'lit'
import { customElement, property, state } from 'lit/decorators.js'
import { fireEvent } from '../../common/fire-event'
import { ApiError } from '../../data/api'
import {
  type ClientDetail,
  type ClientDocument,
  type ClientRecord,
  documentProblem,
  documentUrl,
  uploadClientDocument,
} from '../../data/clients'
import { LocaleController } from '../../i18n/locale-controller'
import { t } from '../../i18n/locale'
import { baseStyles } from '../../resources/styles'
import './crm-client-record-form'
import { dayText, num, recordKindLabel, whenText, zoneOf } from './labels'
import { clientRecordsStyles } from './crm-client-records.styles'

/** A file's size in B, KB or MB (numbers in the language shown). */
const size = (n: number) =>
  n < 1024
    ? t('clients.records.sizeB', { n: num(n) })
    : n < 1024 * 1024
      ? t('clients.records.sizeKB', { n: num(Math.round(n / 1024)) })
      : t('clients.records.sizeMB', { n: num(Math.round(n / 1024 / 102.4) / 10) })

/**
 * The "Records & documents" tab: achievements, awards, penalties, certificates and diplomas
 * (the list, and crm-client-record-form beside it), and the client's documents: attach a
 * PDF/JPEG/PNG up to 10 MB, to a record or to the file.
 */
@customElement('crm-client-records')
export class CrmClientRecords extends LitElement {
  @property({ attribute: false }) client!: ClientDetail
  @property({ type: Boolean }) canEdit = false
  /** Called after a change so the page reloads the client. */
  @property({ attribute: false }) onChanged: () => void = () => {}
  /** Upload errors per record ('file' for the file's own documents), rendered in the language shown. */
  @state() private uploadErrors: Record<string, (() => string) | null> = {}
  @state() private uploading: string | null = null
  private readonly locale = new LocaleController(this)

  static styles = [baseStyles, clientRecordsStyles]

  render() {
    const c = this.client
    const loose = c.documents.filter((d) => !d.recordId)
    return html`
      <section class="card" aria-labelledby="records-h">
        <h2 id="records-h">${t('clients.records.title')}</h2>
        ${
          c.records.length
            ? html`<ul class="records">
                ${c.records.map((r) => this.renderRecord(r))}
              </ul>`
            : html`<p class="empty">${t('clients.records.empty')}</p>`
        }
      </section>
      <div class="side">
        ${this.canEdit ? html`<crm-client-record-form .clientId=${c.id} .onAdded=${() => this.onChanged()}></crm-client-record-form>` : nothing}
        <section class="card" aria-labelledby="docs-h">
          <h2 id="docs-h">${t('clients.records.documents')}</h2>
          ${c.documents.length ? this.renderDocs(c.documents) : html`<p class="empty">${t('clients.records.noDocuments')}</p>`}
          ${this.canEdit ? this.renderAttach(null, loose.length ? t('clients.records.attachAnother') : t('clients.records.attachFirst')) : nothing}
        </section>
      </div>
    `
  }

  private renderRecord(r: ClientRecord) {
    return html`<li data-testid="record-${r.id}">
      <div class="rec-head">
        <span class="kind ${r.kind}">${recordKindLabel(r.kind)}</span>
        <strong>${r.title}</strong>
        <span class="date">${dayText(r.date)}${r.activity ? ` · ${r.activity}` : ''}</span>
      </div>
      ${r.description ? html`<p class="desc">${r.description}</p>` : nothing}
      ${r.documents.length ? this.renderDocs(r.documents) : nothing}
      ${this.canEdit ? this.renderAttach(r.id, t('clients.records.attach')) : nothing}
    </li>`
  }

  private renderDocs(docs: ClientDocument[]) {
    return html`<ul class="docs">
      ${docs.map(
        (d) =>
          html`<li>
            <a href=${documentUrl(this.client.id, d.id)} download=${d.fileName}>${d.fileName}</a>
            <span class="muted"
              >${t('clients.records.docMeta', {
                type: d.mime === 'application/pdf' ? 'PDF' : d.mime === 'image/png' ? 'PNG' : 'JPEG',
                size: size(d.size),
                when: whenText(d.createdAt, zoneOf(this.client.branchId)),
              })}</span
            >
          </li>`,
      )}
    </ul>`
  }

  private renderAttach(recordId: string | null, label: string) {
    const key = recordId ?? 'file'
    const err = this.uploadErrors[key]?.()
    return html`<div class="attach">
      <label class="button">
        ${this.uploading === key ? t('clients.records.uploading') : label}
        <input
          type="file"
          accept="application/pdf,image/jpeg,image/png,.pdf,.jpg,.jpeg,.png"
          ?disabled=${this.uploading !== null}
          aria-label=${recordId ? label : t('clients.records.attachToFile')}
          @change=${(e: Event) => void this.upload(e, recordId)}
        />
      </label>
      <span class="hint">${t('clients.records.types')}</span>
      ${err ? html`<span class="field-error" role="alert">${err}</span>` : nothing}
    </div>`
  }

  private async upload(e: Event, recordId: string | null) {
    const input = e.target as HTMLInputElement
    const file = input.files?.[0]
    input.value = ''
    if (!file) return
    const key = recordId ?? 'file'
    const problem = documentProblem(file)
    this.uploadErrors = { ...this.uploadErrors, [key]: problem ? () => problem : null }
    if (problem) return
    this.uploading = key
    try {
      const doc = await uploadClientDocument(this.client.id, file, recordId ?? undefined)
      fireEvent(this, 'crm-toast', { message: t('clients.records.attached', { name: doc.fileName }), kind: 'success' })
      this.onChanged()
    } catch (err) {
      const message = err instanceof ApiError ? (err.fields.file ?? err.fields.recordId ?? err.userMessage) : null
      this.uploadErrors = {
        ...this.uploadErrors,
        [key]: message === null ? () => t('clients.records.uploadError') : () => message,
      }
    } finally {
      this.uploading = null
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'crm-client-records': CrmClientRecords
  }
}
