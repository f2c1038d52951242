import { LitElement, css, html, nothing } from 'lit'
import { customElement, property, state } from 'lit/decorators.js'
import { fireEvent } from '../../common/fire-event'
import { ApiError } from '../../data/api'
import { CLIENT_STATUSES, type ClientListItem, type ClientStatus, LEAVE_REASONS, type LeaveReason, changeClientStatus, leaveReasonLabel, statusLabel } from '../../data/clients'
import { baseStyles } from '../../resources/styles'
import '../../components/crm-dialog'

/**
 * "Change status": lead → trial → active → paused → left, with a reason (required) on leaving
 * and an optional note otherwise. Open while `client` is set; the page decides what to do after.
 * @example html`<crm-dialog-change-status .client=${this.changing} .onSaved=${() => this.load()} .onClosed=${() => (this.changing = null)}></crm-dialog-change-status>`
 */
@customElement('crm-dialog-change-status')
export class CrmDialogChangeStatus extends LitElement {
  @property({ attribute: false }) client: Pick<ClientListItem, 'id' | 'name' | 'status'> | null = null
  @property({ attribute: false }) onSaved: (status: ClientStatus) => void = () => {}
  @property({ attribute: false }) onClosed: () => void = () => {}
  @state() private pending: ClientStatus | '' = ''
  @state() private errors: Record<string, string> = {}
  @state() private error: string | null = null
  @state() private busy = false

  static styles = [
    baseStyles,
    css`
      .alert,
      p.now {
        margin-bottom: 12px;
      }
    `,
  ]

  protected willUpdate(changed: Map<string, unknown>) {
    if (changed.has('client') && this.client) {
      this.pending = this.client.status as ClientStatus
      this.errors = {}
      this.error = null
    }
  }

  render() {
    const c = this.client
    const fe = this.errors
    return html`<crm-dialog heading="Change status" .open=${c !== null} @crm-dialog-closed=${() => this.onClosed()}>
      ${c
        ? html`<form @submit=${this.submit} novalidate>
            ${this.error ? html`<p class="alert error" role="alert">${this.error}</p>` : nothing}
            <p class="now muted">${c.name} is now <strong>${statusLabel(c.status)}</strong>.</p>
            <div class="field">
              <label for="new-status">New status</label>
              <select id="new-status" name="status" @change=${(e: Event) => (this.pending = (e.target as HTMLSelectElement).value as ClientStatus)}>
                ${CLIENT_STATUSES.map((s) => html`<option value=${s} ?selected=${s === this.pending}>${statusLabel(s)}</option>`)}
              </select>
            </div>
            ${this.pending === 'left'
              ? html`<div class="field">
                  <label for="leave-reason">Why did they leave?</label>
                  <select id="leave-reason" name="reason" aria-invalid=${fe.reason ? 'true' : 'false'}>
                    <option value="">Choose a reason…</option>
                    ${LEAVE_REASONS.map((r) => html`<option value=${r}>${leaveReasonLabel(r)}</option>`)}
                  </select>
                  ${fe.reason ? html`<span class="field-error">${fe.reason}</span>` : nothing}
                </div>`
              : html`<div class="field">
                  <label for="status-note">Note <span class="muted">(optional)</span></label>
                  <input id="status-note" name="note" autocomplete="off" />
                </div>`}
            <div class="form-actions">
              <button type="button" @click=${() => this.onClosed()}>Cancel</button>
              <button type="submit" class="primary" ?disabled=${this.busy}>${this.busy ? 'Saving…' : 'Change status'}</button>
            </div>
          </form>`
        : nothing}
    </crm-dialog>`
  }

  private submit = async (e: Event) => {
    e.preventDefault()
    const c = this.client
    if (!c || this.busy) return
    const data = new FormData(e.target as HTMLFormElement)
    const status = String(data.get('status')) as ClientStatus
    const reason = String(data.get('reason') ?? '') as LeaveReason | ''
    const note = String(data.get('note') ?? '').trim()
    if (status === 'left' && !reason) {
      this.errors = { reason: 'Say why the client left' }
      return
    }
    this.busy = true
    this.errors = {}
    this.error = null
    try {
      await changeClientStatus(c.id, { status, ...(reason ? { reason } : {}), ...(note ? { note } : {}) })
      fireEvent(this, 'crm-toast', { message: `Status changed to ${statusLabel(status)}.`, kind: 'success' })
      this.onSaved(status)
      this.onClosed()
    } catch (err) {
      if (err instanceof ApiError && Object.keys(err.fields).length) this.errors = err.fields
      else this.error = err instanceof ApiError ? err.userMessage : 'Could not change the status.'
    } finally {
      this.busy = false
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'crm-dialog-change-status': CrmDialogChangeStatus
  }
}
