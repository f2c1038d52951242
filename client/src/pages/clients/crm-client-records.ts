import { LitElement, html, nothing } from 'lit'
import { customElement, property, state } from 'lit/decorators.js'
import { formatWhen } from '../../common/dates'
import { fireEvent } from '../../common/fire-event'
import { ApiError } from '../../data/api'
import {
  type ClientDetail,
  type ClientDocument,
  type ClientRecord,
  documentProblem,
  documentUrl,
  recordKindLabel,
  uploadClientDocument,
} from '../../data/clients'
import { baseStyles } from '../../resources/styles'
import './crm-client-record-form'
import { formatDay } from './shared'
import { clientRecordsStyles } from './crm-client-records.styles'

const size = (n: number) =>
  n < 1024 ? `${n} B` : n < 1024 * 1024 ? `${Math.round(n / 1024)} KB` : `${(n / 1024 / 1024).toFixed(1)} MB`

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
  @state() private uploadErrors: Record<string, string> = {}
  @state() private uploading: string | null = null

  static styles = [baseStyles, clientRecordsStyles]

  render() {
    const c = this.client
    const loose = c.documents.filter((d) => !d.recordId)
    return html`
      <section class="card" aria-labelledby="records-h">
        <h2 id="records-h">Achievements, awards, penalties and certificates</h2>
        ${
          c.records.length
            ? html`<ul class="records">
                ${c.records.map((r) => this.renderRecord(r))}
              </ul>`
            : html`<p class="empty">Nothing recorded yet.</p>`
        }
      </section>
      <div class="side">
        ${this.canEdit ? html`<crm-client-record-form .clientId=${c.id} .onAdded=${() => this.onChanged()}></crm-client-record-form>` : nothing}
        <section class="card" aria-labelledby="docs-h">
          <h2 id="docs-h">Documents</h2>
          ${c.documents.length ? this.renderDocs(c.documents) : html`<p class="empty">No documents yet.</p>`}
          ${this.canEdit ? this.renderAttach(null, loose.length ? 'Attach another document' : 'Attach a document') : nothing}
        </section>
      </div>
    `
  }

  private renderRecord(r: ClientRecord) {
    return html`<li data-testid="record-${r.id}">
      <div class="rec-head">
        <span class="kind ${r.kind}">${recordKindLabel(r.kind)}</span>
        <strong>${r.title}</strong>
        <span class="date">${formatDay(r.date)}${r.activity ? ` · ${r.activity}` : ''}</span>
      </div>
      ${r.description ? html`<p class="desc">${r.description}</p>` : nothing}
      ${r.documents.length ? this.renderDocs(r.documents) : nothing}
      ${this.canEdit ? this.renderAttach(r.id, 'Attach document') : nothing}
    </li>`
  }

  private renderDocs(docs: ClientDocument[]) {
    return html`<ul class="docs">
      ${docs.map(
        (d) =>
          html`<li>
            <a href=${documentUrl(this.client.id, d.id)} download=${d.fileName}>${d.fileName}</a>
            <span class="muted"
              >${d.mime === 'application/pdf' ? 'PDF' : d.mime === 'image/png' ? 'PNG' : 'JPEG'}, ${size(d.size)},
              ${formatWhen(d.createdAt)}</span
            >
          </li>`,
      )}
    </ul>`
  }

  private renderAttach(recordId: string | null, label: string) {
    const key = recordId ?? 'file'
    const err = this.uploadErrors[key]
    return html`<div class="attach">
      <label class="button">
        ${this.uploading === key ? 'Uploading…' : label}
        <input
          type="file"
          accept="application/pdf,image/jpeg,image/png,.pdf,.jpg,.jpeg,.png"
          ?disabled=${this.uploading !== null}
          aria-label="${label}${recordId ? '' : ' to the file'}"
          @change=${(e: Event) => void this.upload(e, recordId)}
        />
      </label>
      <span class="hint">PDF, JPEG or PNG, up to 10 MB</span>
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
    this.uploadErrors = { ...this.uploadErrors, [key]: problem ?? '' }
    if (problem) return
    this.uploading = key
    try {
      const doc = await uploadClientDocument(this.client.id, file, recordId ?? undefined)
      fireEvent(this, 'crm-toast', { message: `Attached ${doc.fileName}.`, kind: 'success' })
      this.onChanged()
    } catch (err) {
      const message =
        err instanceof ApiError ? (err.fields.file ?? err.fields.recordId ?? err.userMessage) : 'Could not upload the file.'
      this.uploadErrors = { ...this.uploadErrors, [key]: message }
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
