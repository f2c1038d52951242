import { LitElement, html, nothing } from 'lit'
import { customElement, property } from 'lit/decorators.js'
import { type ClientAbilities, type ClientDetail, exportJsonUrl, exportPdfUrl } from '../../data/clients'
import { LocaleController } from '../../i18n/locale-controller'
import { t } from '../../i18n/locale'
import { baseStyles } from '../../resources/styles'
import { clientDataStyles } from './crm-client-data.styles'
import { dateTimeText, leaveReasonLabel, zoneOf } from './labels'
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
  private readonly locale = new LocaleController(this)

  static styles = [baseStyles, clientStyles, fileSectionStyles, clientDataStyles]

  render() {
    const c = this.client
    const zone = zoneOf(c.branchId)
    return html`<div class="columns">
      <section class="card" aria-labelledby="history-h">
        <h2 id="history-h">${t('clients.data.history')}</h2>
        <ol class="history">
          ${[...c.statusHistory].reverse().map(
            (h) =>
              html`<li>
                <span class="when">${dateTimeText(h.at, zone)}</span>
                <span>${h.from ? html`${statusChip(h.from)} → ` : nothing}${statusChip(h.to)}</span>
                ${h.reason ? html`<span class="muted">${leaveReasonLabel(h.reason)}</span>` : nothing}
                ${h.note ? html`<span class="muted status-note">${t('clients.data.note', { note: h.note })}</span>` : nothing}
                ${h.by ? html`<span class="muted">${t('clients.data.by', { name: h.by })}</span>` : nothing}
              </li>`,
          )}
        </ol>
        <p class="muted note">${t('clients.data.registered', { when: dateTimeText(c.createdAt, zone) })}</p>
      </section>
      <section class="card" aria-labelledby="data-h">
        <h2 id="data-h">${t('clients.data.personal')}</h2>
        ${
          this.can.export
            ? html`<p class="hint data-hint">
                  ${c.firstName ? t('clients.data.exportHint', { name: c.firstName }) : t('clients.data.exportHintUnnamed')}
                </p>
                <div class="data-actions">
                  <a class="button" href=${exportJsonUrl(c.id)} download>${t('clients.data.exportJson')}</a>
                  <a class="button" href=${exportPdfUrl(c.id)} download>${t('clients.data.exportPdf')}</a>
                </div>`
            : html`<p class="muted note">${t('clients.data.exportWho')}</p>`
        }
        ${
          this.can.erase
            ? html`<div class="danger-zone">
                <p class="hint">${t('clients.data.eraseHint')}</p>
                <button class="danger" @click=${() => this.onErase()}>${t('clients.data.erase')}</button>
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
