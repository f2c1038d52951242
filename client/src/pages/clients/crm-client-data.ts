import { LitElement, html, nothing } from 'lit'
import { customElement, property } from 'lit/decorators.js'
import { formatDateTime } from '../../common/dates'
import {
  type ClientAbilities,
  type ClientDetail,
  LEAVE_REASONS,
  type LeaveReason,
  exportJsonUrl,
  exportPdfUrl,
  leaveReasonLabel,
} from '../../data/clients'
import { baseStyles } from '../../resources/styles'
import { clientDataStyles } from './crm-client-data.styles'
import { statusChip } from './shared'
import { clientStyles, fileSectionStyles } from './shared.styles'

/**
 * The "History & data" tab: every status change, and what the law lets a person ask for: an
 * export of their data (JSON, PDF) and erasure (owner).
 */
@customElement('crm-client-data')
export class CrmClientData extends LitElement {
  @property({ attribute: false }) client!: ClientDetail
  @property({ attribute: false }) can!: ClientAbilities
  /** "Erase…" was clicked. */
  @property({ attribute: false }) onErase: () => void = () => {}

  static styles = [baseStyles, clientStyles, fileSectionStyles, clientDataStyles]

  render() {
    const c = this.client
    return html`<div class="columns">
      <section class="card" aria-labelledby="history-h">
        <h2 id="history-h">Status history</h2>
        <ol class="history">
          ${[...c.statusHistory].reverse().map(
            (h) =>
              html`<li>
                <span class="when">${formatDateTime(h.at)}</span>
                <span>${h.from ? html`${statusChip(h.from)} → ` : nothing}${statusChip(h.to)}</span>
                ${h.reason ? html`<span class="muted">${LEAVE_REASONS.includes(h.reason as LeaveReason) ? leaveReasonLabel(h.reason) : h.reason}</span>` : nothing}
                ${h.by ? html`<span class="muted">by ${h.by}</span>` : nothing}
              </li>`,
          )}
        </ol>
        <p class="muted note">Registered ${formatDateTime(c.createdAt)}.</p>
      </section>
      <section class="card" aria-labelledby="data-h">
        <h2 id="data-h">Personal data</h2>
        ${
          this.can.export
            ? html`<p class="hint data-hint">
                  Everything Clubroom stores about ${c.firstName || 'this client'}, for a data access request.
                </p>
                <div class="data-actions">
                  <a class="button" href=${exportJsonUrl(c.id)} download>Export (JSON)</a>
                  <a class="button" href=${exportPdfUrl(c.id)} download>Export (PDF)</a>
                </div>`
            : html`<p class="muted note">Exports are made by reception, managers and the owner.</p>`
        }
        ${
          this.can.erase
            ? html`<div class="danger-zone">
                <p class="hint">
                  Erasing anonymises the client on request: personal data, documents and file history are removed; financial and
                  attendance records stay, anonymised.
                </p>
                <button class="danger" @click=${() => this.onErase()}>Erase…</button>
              </div>`
            : nothing
        }
      </section>
    </div>`
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'crm-client-data': CrmClientData
  }
}
