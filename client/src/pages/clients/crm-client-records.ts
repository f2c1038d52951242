import { LitElement, css, html, nothing } from 'lit'
import { customElement, property, state } from 'lit/decorators.js'
import { formatWhen } from '../../common/dates'
import { fireEvent } from '../../common/fire-event'
import { ApiError } from '../../data/api'
import {
  type ClientDetail,
  type ClientDocument,
  type ClientRecord,
  RECORD_KINDS,
  type RecordKind,
  addClientRecord,
  documentProblem,
  documentUrl,
  recordKindLabel,
  uploadClientDocument,
} from '../../data/clients'
import { baseStyles } from '../../resources/styles'
import { todayIso } from '../../../../domain/clients/rules'
import { formatDay } from './shared'

const size = (n: number) =>
  n < 1024 ? `${n} B` : n < 1024 * 1024 ? `${Math.round(n / 1024)} KB` : `${(n / 1024 / 1024).toFixed(1)} MB`

/**
 * Achievements, awards, penalties, certificates and diplomas (list + add form), and the
 * client's documents: attach a PDF/JPEG/PNG up to 10 MB, to a record or to the file.
 */
@customElement('crm-client-records')
export class CrmClientRecords extends LitElement {
  @property({ attribute: false }) client!: ClientDetail
  @property({ type: Boolean }) canEdit = false
  /** Called after a change so the page reloads the client. */
  @property({ attribute: false }) onChanged: () => void = () => {}
  @state() private errors: Record<string, string> = {}
  @state() private formError: string | null = null
  @state() private saving = false
  @state() private uploadErrors: Record<string, string> = {}
  @state() private uploading: string | null = null
  private formKey = 0

  static styles = [
    baseStyles,
    css`
      :host {
        display: grid;
        grid-template-columns: minmax(0, 1.6fr) minmax(280px, 1fr);
        gap: 16px;
        align-items: start;
      }
      .card {
        padding: 16px 18px;
      }
      .side {
        display: flex;
        flex-direction: column;
        gap: 16px;
        min-width: 0;
      }
      h2 {
        margin-bottom: 12px;
      }
      ul.records {
        list-style: none;
        margin: 0;
        padding: 0;
      }
      ul.records > li {
        padding: 12px 0;
        border-top: 1px solid var(--crm-border);
      }
      ul.records > li:first-child {
        border-top: none;
        padding-top: 0;
      }
      .rec-head {
        display: flex;
        align-items: baseline;
        gap: 8px;
        flex-wrap: wrap;
      }
      .kind {
        font-size: 0.75rem;
        font-weight: 600;
        text-transform: uppercase;
        letter-spacing: 0.04em;
        padding: 1px 7px;
        border-radius: 6px;
        background: var(--crm-primary-soft);
        color: var(--crm-primary-hover);
      }
      .kind.penalty {
        background: var(--crm-danger-soft);
        color: var(--crm-danger);
      }
      .date {
        color: var(--crm-muted);
        font-size: 0.875rem;
      }
      .desc {
        margin-top: 4px;
        white-space: pre-wrap;
      }
      ul.docs {
        list-style: none;
        margin: 6px 0 0;
        padding: 0;
        display: flex;
        flex-direction: column;
        gap: 4px;
      }
      ul.docs li {
        display: flex;
        gap: 8px;
        align-items: baseline;
        font-size: 0.875rem;
      }
      .attach {
        display: flex;
        align-items: center;
        gap: 8px;
        margin-top: 6px;
        flex-wrap: wrap;
      }
      .attach label.button {
        font-size: 0.875rem;
        min-height: 30px;
        padding: 3px 10px;
      }
      .attach input[type='file'] {
        position: absolute;
        width: 1px;
        height: 1px;
        opacity: 0;
      }
      .attach label.button:focus-within {
        outline: 2px solid var(--crm-focus);
        outline-offset: 2px;
      }
      .grid {
        display: grid;
        grid-template-columns: 1fr 1fr;
        gap: 0 12px;
      }
      .empty {
        color: var(--crm-muted);
      }
      .alert {
        margin-bottom: 12px;
      }
      @media (max-width: 1100px) {
        :host {
          grid-template-columns: 1fr;
        }
      }
    `,
  ]

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
        ${this.canEdit ? this.renderForm() : nothing}
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

  private renderForm() {
    const fe = this.errors
    return html`<section class="card" aria-labelledby="add-record-h">
      <h2 id="add-record-h">Add a record</h2>
      ${this.formError ? html`<p class="alert error" role="alert">${this.formError}</p>` : nothing}
      <form @submit=${this.submit} novalidate data-key=${this.formKey}>
        <div class="grid">
          <div class="field">
            <label for="rec-kind">Kind</label>
            <select id="rec-kind" name="kind">
              ${RECORD_KINDS.map((k) => html`<option value=${k}>${recordKindLabel(k)}</option>`)}
            </select>
          </div>
          <div class="field">
            <label for="rec-date">Date</label>
            <input
              id="rec-date"
              name="date"
              type="date"
              .value=${todayIso()}
              max=${todayIso()}
              aria-invalid=${fe.date ? 'true' : 'false'}
            />
            ${fe.date ? html`<span class="field-error">${fe.date}</span>` : nothing}
          </div>
        </div>
        <div class="field">
          <label for="rec-title">Title</label>
          <input
            id="rec-title"
            name="title"
            autocomplete="off"
            aria-invalid=${fe.title ? 'true' : 'false'}
            placeholder="e.g. First place, city chess cup"
          />
          ${fe.title ? html`<span class="field-error">${fe.title}</span>` : nothing}
        </div>
        <div class="field">
          <label for="rec-activity">Activity <span class="muted">(optional)</span></label>
          <input id="rec-activity" name="activity" autocomplete="off" placeholder="e.g. Chess" />
        </div>
        <div class="field">
          <label for="rec-desc">Description <span class="muted">(optional)</span></label>
          <textarea id="rec-desc" name="description" rows="2"></textarea>
        </div>
        <div class="form-actions">
          <button class="primary" type="submit" ?disabled=${this.saving}>${this.saving ? 'Adding…' : 'Add record'}</button>
        </div>
      </form>
    </section>`
  }

  private submit = async (e: Event) => {
    e.preventDefault()
    if (this.saving) return
    const form = e.target as HTMLFormElement
    const data = new FormData(form)
    const str = (k: string) => String(data.get(k) ?? '').trim()
    this.saving = true
    this.errors = {}
    this.formError = null
    try {
      const activity = str('activity')
      const record = await addClientRecord(this.client.id, {
        kind: str('kind') as RecordKind,
        date: str('date'),
        title: str('title'),
        description: str('description'),
        activity: activity || null,
      })
      fireEvent(this, 'crm-toast', { message: `Added “${record.title}”.`, kind: 'success' })
      form.reset()
      ;(form.querySelector('#rec-date') as HTMLInputElement).value = todayIso()
      this.onChanged()
    } catch (err) {
      if (err instanceof ApiError && Object.keys(err.fields).length) {
        this.errors = err.fields
        const other = Object.entries(err.fields).filter(([k]) => !['date', 'title'].includes(k))
        if (other.length) this.formError = other.map(([k, m]) => `${k}: ${m}`).join(' ')
      } else this.formError = err instanceof ApiError ? err.userMessage : 'Could not add the record.'
    } finally {
      this.saving = false
    }
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
