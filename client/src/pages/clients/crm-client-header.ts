import { LitElement, html, nothing } from 'lit'
import { customElement, property } from 'lit/decorators.js'
import { SubscriptionController } from '../../controllers/subscription-controller'
import { renderAlertMessage } from '../../../../domain/alerts/messages'
import { type ClientAlert, type ClientDetail } from '../../data/clients'
import type { LiveDoc } from '../../data/live-doc'
import { LocaleController } from '../../i18n/locale-controller'
import { currentLocale, t } from '../../i18n/locale'
import { baseStyles } from '../../resources/styles'
import { clientHeaderStyles } from './crm-client-header.styles'
import { liveStatus } from './live-fields'
import { liveStatusStyles } from './live-fields.styles'
import {
  ageCategoryLabelOf,
  ageText,
  dateText,
  dateTimeText,
  dayText,
  leadSourceLabel,
  leaveReasonLabel,
  num,
  statusLabel,
  zoneOf,
} from './labels'
import { flagBadges, statusChip } from './shared'
import { clientStyles } from './shared.styles'

/**
 * The client file's header card: name, status (and "Change status"), age, category and contact
 * facts, who else is in the file and whether it is saved, red flags and open alerts, the last
 * status changes and the family.
 */
@customElement('crm-client-header')
export class CrmClientHeader extends LitElement {
  @property({ attribute: false }) client!: ClientDetail
  /** The open live document (its saved state and presence), if any. */
  @property({ attribute: false }) live: LiveDoc | null = null
  @property({ type: Boolean }) canEdit = false
  @property({ attribute: false }) onChangeStatus: () => void = () => {}
  @property({ attribute: false }) onShowHistory: () => void = () => {}
  private watch = new SubscriptionController(
    this,
    () => [this.live],
    () => this.live?.subscribe(() => this.requestUpdate()),
  )
  private readonly locale = new LocaleController(this)

  static styles = [baseStyles, clientStyles, liveStatusStyles, clientHeaderStyles]

  render() {
    const c = this.client
    const live = this.live
    return html`<header class="card" data-testid="client-header">
      <div>
        <div class="title">
          <h1>${c.name || t('clients.header.unnamed')}</h1>
          ${statusChip(c.status)}
          ${c.status === 'left' && c.leaveReason ? html`<span class="muted">(${leaveReasonLabel(c.leaveReason)})</span>` : nothing}
          ${this.canEdit ? html`<button class="small" @click=${() => this.onChangeStatus()}>${t('clients.header.changeStatus')}</button>` : nothing}
        </div>
        <div class="facts">
          ${c.age !== null ? html`<span><strong>${ageText(c.age)}</strong></span>` : nothing}
          ${c.ageCategory ? html`<span>${t('clients.header.category')} <strong>${ageCategoryLabelOf(c.ageCategory)}</strong></span>` : nothing}
          ${c.birthDate ? html`<span>${t('clients.header.born', { date: dayText(c.birthDate) })}</span>` : nothing}
          ${c.phone ? html`<span>${c.phone}</span>` : nothing}
          ${c.source ? html`<span>${t('clients.header.source', { source: leadSourceLabel(c.source) })}</span>` : nothing}
        </div>
      </div>
      <div class="live-status">${live && !live.closed ? liveStatus(live, !this.canEdit) : nothing}</div>
      <div class="header-extra">
        ${c.flags.length ? flagBadges(c.flags) : nothing}
        ${
          c.alerts.length
            ? html`<ul class="alerts" data-testid="client-alerts">
                ${c.alerts.map((a) => html`<li class="alert error"><span role="alert">${alertText(a)}</span></li>`)}
              </ul>`
            : nothing
        }
        ${c.statusHistory.length > 1 ? this.renderHistoryLine(c) : nothing}
        ${
          c.family.length
            ? html`<p class="family">
                <span class="muted">${t('clients.header.family')}</span>
                ${c.family.map((f, i) => html`${i ? html`<span class="sep">, </span>` : nothing}<a href="/clients/${f.id}">${f.name}</a>${f.age !== null ? html` <span class="muted">(${num(f.age)})</span>` : nothing}`)}
              </p>`
            : nothing
        }
      </div>
    </header>`
  }

  /** The last status changes in one line ("Lead 3 Mar → Trial 5 Mar → Active 9 Mar"); the rest is under History & data. */
  private renderHistoryLine(c: ClientDetail) {
    const shown = c.statusHistory.slice(-4)
    const zone = zoneOf(c.branchId)
    return html`<p class="history-line" data-testid="status-history">
      <span class="muted">${t('clients.header.status')}</span>
      ${c.statusHistory.length > shown.length ? html`<span class="muted">… →</span>` : nothing}
      ${shown.map(
        (h, i) =>
          html`${i ? html`<span class="muted" aria-hidden="true">→</span>` : nothing}<span
              class="step"
              title=${t('clients.header.step', { when: dateTimeText(h.at, zone), hasBy: h.by ? 'yes' : 'no', by: h.by ?? '', hasReason: h.reason ? 'yes' : 'no', reason: h.reason ? leaveReasonLabel(h.reason) : '' })}
              >${statusLabel(h.to)} <span class="muted">${dateText(h.at, zone)}</span></span
            >`,
      )}
      <button class="link small" @click=${() => this.onShowHistory()}>${t('clients.header.fullHistory')}</button>
    </p>`
  }
}

/**
 * An open alert in the language shown now: from its kind and parameters as stored (the incomplete
 * file's missing fields, …), so a switch of language re-renders it; the server's rendering when
 * it sent none.
 */
function alertText(a: ClientAlert & { messageId?: unknown; params?: unknown }): string {
  return typeof a.messageId === 'string' ? renderAlertMessage(currentLocale(), a.messageId, a.params, a.message) : a.message
}

declare global {
  interface HTMLElementTagNameMap {
    'crm-client-header': CrmClientHeader
  }
}
