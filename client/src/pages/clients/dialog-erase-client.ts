import { LitElement, css, html, nothing } from 'lit'
import { customElement, property, state } from 'lit/decorators.js'
import { fireEvent } from '../../common/fire-event'
import { ApiError } from '../../data/api'
import { type ClientListItem, eraseClient } from '../../data/clients'
import { baseStyles } from '../../resources/styles'
import '../../components/crm-dialog'

/**
 * "Erase…" (owner only): asks for the reason (e.g. the request reference) and erases
 * (anonymises) the client. Open while `client` is set.
 */
@customElement('crm-dialog-erase-client')
export class CrmDialogEraseClient extends LitElement {
  @property({ attribute: false }) client: Pick<ClientListItem, 'id' | 'name'> | null = null
  /** Called just before the request (the page closes the live document the server is about to evict). */
  @property({ attribute: false }) beforeErase: () => void = () => {}
  /** Called when the erase failed after beforeErase. */
  @property({ attribute: false }) onFailed: () => void = () => {}
  @property({ attribute: false }) onErased: () => void = () => {}
  @property({ attribute: false }) onClosed: () => void = () => {}
  @state() private errors: Record<string, string> = {}
  @state() private error: string | null = null
  @state() private busy = false

  static styles = [
    baseStyles,
    css`
      .alert {
        margin-bottom: 12px;
      }
    `,
  ]

  protected willUpdate(changed: Map<string, unknown>) {
    if (changed.has('client') && this.client) {
      this.errors = {}
      this.error = null
    }
  }

  render() {
    const c = this.client
    const fe = this.errors
    return html`<crm-dialog heading=${c ? `Erase ${c.name}?` : 'Erase client?'} .open=${c !== null} @crm-dialog-closed=${() => this.onClosed()}>
      ${c
        ? html`<form @submit=${this.submit} novalidate>
            ${this.error ? html`<p class="alert error" role="alert">${this.error}</p>` : nothing}
            <p class="alert warning">This cannot be undone. Personal data, guardians, documents, records and the file’s history are removed. Export the data first if the person asked for a copy.</p>
            <div class="field">
              <label for="erase-reason">Reason</label>
              <textarea id="erase-reason" name="reason" rows="2" placeholder="e.g. Erasure request of 3 March, ref. 2026-014" aria-invalid=${fe.reason ? 'true' : 'false'}></textarea>
              ${fe.reason ? html`<span class="field-error">${fe.reason}</span>` : nothing}
            </div>
            <div class="form-actions">
              <button type="button" @click=${() => this.onClosed()}>Cancel</button>
              <button type="submit" class="danger" ?disabled=${this.busy}>${this.busy ? 'Erasing…' : 'Erase client'}</button>
            </div>
          </form>`
        : nothing}
    </crm-dialog>`
  }

  private submit = async (e: Event) => {
    e.preventDefault()
    const c = this.client
    if (!c || this.busy) return
    const reason = String(new FormData(e.target as HTMLFormElement).get('reason') ?? '').trim()
    if (reason.length < 3) {
      this.errors = { reason: 'Say why (e.g. the request reference)' }
      return
    }
    this.busy = true
    this.errors = {}
    this.error = null
    this.beforeErase()
    try {
      await eraseClient(c.id, reason)
      fireEvent(this, 'crm-toast', { message: `${c.name} was erased.`, kind: 'success' })
      this.onErased()
    } catch (err) {
      this.onFailed()
      if (err instanceof ApiError && Object.keys(err.fields).length) this.errors = err.fields
      else this.error = err instanceof ApiError ? err.userMessage : 'Could not erase the client.'
    } finally {
      this.busy = false
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'crm-dialog-erase-client': CrmDialogEraseClient
  }
}
