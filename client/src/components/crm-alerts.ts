import { LitElement, html, nothing, svg } from 'lit'
import { customElement, property, query, state } from 'lit/decorators.js'
import { repeat } from 'lit/directives/repeat.js'
import { fireEvent } from '../common/fire-event'
import { SubscriptionController } from '../controllers/subscription-controller'
import { OpenAlerts, type AlertsView, type OpenAlert } from '../data/alerts'
import { ApiError } from '../data/api'
import type { LiveEvents } from '../data/live-events'
import type { User } from '../data/types'
import { LocaleController } from '../i18n/locale-controller'
import { t } from '../i18n/locale'
import { baseStyles } from '../resources/styles'
import { acknowledgedText, alertLink, alertText, badgeText, canAcknowledge, raisedText, severityOf } from './alert-list'
import { alertsStyles } from './crm-alerts.styles'

const bell = svg`<svg viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="1.8" stroke-linecap="round" stroke-linejoin="round" aria-hidden="true" focusable="false"><path d="M6 8a6 6 0 1 1 12 0c0 7 3 9 3 9H3s3-2 3-9"/><path d="M10.3 21a1.94 1.94 0 0 0 3.4 0"/></svg>`

const EMPTY: AlertsView = { status: 'loading', items: [], unread: 0, truncated: false }

/**
 * The header's Alerts button and panel, on every screen: a bell with the number of open alerts
 * nobody has acknowledged yet, opening a panel that lists the open alerts the user sees (newest
 * first), each in the language shown with its time in its branch's zone, a link to what it is about
 * and, for those who may, Acknowledge. An acknowledged alert stays listed until its cause is fixed
 * (then it clears and leaves the list). Everything follows the live feed the toasts use
 * (data/alerts.ts) and the language shown.
 *
 * Keyboard: the button opens and closes the panel; the panel takes the focus (its title), Escape
 * closes it and gives the focus back to the button; a click outside closes it.
 */
@customElement('crm-alerts')
export class CrmAlerts extends LitElement {
  @property({ attribute: false }) live: LiveEvents | null = null
  @property({ attribute: false }) user!: User
  @state() private open = false
  @state() private view: AlertsView = EMPTY
  @state() private busy: ReadonlySet<string> = new Set()
  @query('.bell') private button!: HTMLButtonElement
  private store: OpenAlerts | null = null
  private readonly locale = new LocaleController(this)
  // one list per live connection (a new sign-in is a new connection)
  private feed = new SubscriptionController(
    this,
    () => [this.live, this.user?.id],
    () => {
      if (!this.user) return null
      const store = new OpenAlerts(this.live)
      this.store = store
      const off = store.subscribe((v) => (this.view = v))
      return () => {
        off()
        store.close()
        if (this.store === store) this.store = null
        this.view = EMPTY
      }
    },
  )

  static styles = [baseStyles, alertsStyles]

  disconnectedCallback() {
    super.disconnectedCallback()
    this.unlisten()
    this.open = false
  }

  render() {
    const { unread } = this.view
    const label = t('alertPanel.button', { count: unread })
    return html`<button
        class="bell icon"
        aria-label=${label}
        title=${label}
        aria-haspopup="dialog"
        aria-expanded=${this.open ? 'true' : 'false'}
        aria-controls="alerts-panel"
        data-testid="alerts-button"
        @click=${() => this.toggle()}
      >
        ${bell}${unread ? html`<span class="badge" aria-hidden="true" data-testid="alerts-count">${badgeText(unread)}</span>` : nothing}
      </button>
      ${this.open ? this.renderPanel() : nothing}`
  }

  private renderPanel() {
    const { status, items, unread, truncated } = this.view
    return html`<section
      id="alerts-panel"
      class="panel"
      role="dialog"
      aria-modal="false"
      aria-labelledby="alerts-title"
      data-testid="alerts-panel"
      @focusout=${this.onFocusOut}
    >
      <header>
        <div>
          <h2 id="alerts-title" tabindex="-1">${t('alertPanel.title')}</h2>
          ${
            status === 'ready' && items.length
              ? html`<p class="summary" data-testid="alerts-summary">
                  ${t('alertPanel.summary', { total: items.length, unread })}
                </p>`
              : nothing
          }
        </div>
        <button class="icon" aria-label=${t('common.close')} title=${t('common.close')} @click=${() => this.close(true)}>
          ×
        </button>
      </header>
      <div class="body" aria-busy=${status === 'loading' ? 'true' : 'false'}>
        ${
          status === 'loading'
            ? html`<p class="state" role="status">${t('alertPanel.loading')}</p>`
            : status === 'error'
              ? html`<div class="state error" role="alert">
                  <p>${t('alertPanel.loadFailed')}</p>
                  <button class="small" @click=${() => void this.retry()}>${t('alertPanel.retry')}</button>
                </div>`
              : items.length === 0
                ? html`<p class="state" data-testid="alerts-empty">${t('alertPanel.empty')}</p>`
                : html`<ul aria-labelledby="alerts-title" data-testid="alerts-list">
                      ${repeat(
                        items,
                        (a) => a.id,
                        (a) => this.renderItem(a),
                      )}
                    </ul>
                    ${truncated ? html`<p class="note">${t('alertPanel.truncated', { count: items.length })}</p>` : nothing}`
        }
      </div>
    </section>`
  }

  private renderItem(a: OpenAlert) {
    const severity = severityOf(a)
    const acked = acknowledgedText(a)
    const link = alertLink(a, this.user.roles)
    const mayAck = !a.acknowledgedAt && canAcknowledge(this.user.roles)
    const textId = `alert-text-${a.id}`
    return html`<li
      class="${severity.level} ${a.acknowledgedAt ? 'acked' : 'unread'}"
      tabindex="-1"
      data-testid="alert-item"
      data-alert-id=${a.id}
      data-acknowledged=${a.acknowledgedAt ? 'true' : 'false'}
    >
      <span class="mark" aria-hidden="true"></span>
      <div class="content">
        <p class="message" id=${textId}>
          <span class="visually-hidden">${severity.label}: </span><span data-testid="alert-text">${alertText(a)}</span>
        </p>
        <p class="meta">
          <time datetime=${a.raisedAt}>${raisedText(a)}</time>
          ${acked ? html`<span class="ack" data-testid="alert-ack">${acked}</span>` : nothing}
        </p>
        ${
          link || mayAck
            ? html`<div class="actions">
                ${link ? html`<a href=${link.href} @click=${() => this.close(false)}>${t(link.label)}</a>` : nothing}
                ${
                  mayAck
                    ? html`<button
                        class="small"
                        aria-describedby=${textId}
                        ?disabled=${this.busy.has(a.id)}
                        @click=${() => void this.acknowledge(a.id)}
                      >
                        ${t('alertPanel.acknowledge')}
                      </button>`
                    : nothing
                }
              </div>`
            : nothing
        }
      </div>
    </li>`
  }

  private toggle() {
    if (this.open) this.close(true)
    else void this.show()
  }

  private async show() {
    this.open = true
    // (on the document: Escape wherever the focus is, a click anywhere outside)
    document.addEventListener('pointerdown', this.onOutside, true)
    document.addEventListener('keydown', this.onKeydown, true)
    // a list that failed to load is asked for again when someone looks
    if (this.view.status === 'error') void this.store?.reload()
    await this.updateComplete
    this.focusTitle()
  }

  /** Closes the panel; `refocus`: the focus goes back to the button (Escape, the close button). */
  private close(refocus: boolean) {
    if (!this.open) return
    this.open = false
    this.unlisten()
    if (refocus) this.button?.focus()
  }

  private unlisten() {
    document.removeEventListener('pointerdown', this.onOutside, true)
    document.removeEventListener('keydown', this.onKeydown, true)
  }

  private focusTitle() {
    this.renderRoot.querySelector<HTMLElement>('#alerts-title')?.focus()
  }

  /** Asks for the list again; the Retry button goes with the error, so the focus goes to the title. */
  private async retry() {
    await this.store?.reload()
    await this.updateComplete
    if (this.open) this.focusTitle()
  }

  private async acknowledge(id: string) {
    this.busy = new Set([...this.busy, id])
    try {
      await this.store?.acknowledge(id)
      // the button is gone: the focus stays on the alert
      await this.updateComplete
      this.renderRoot.querySelector<HTMLElement>(`li[data-alert-id="${CSS.escape(id)}"]`)?.focus()
    } catch (e) {
      fireEvent(this, 'crm-toast', {
        message: () => (e instanceof ApiError ? e.userMessage : t('common.error.unexpected')),
        kind: 'error',
      })
    } finally {
      const next = new Set(this.busy)
      next.delete(id)
      this.busy = next
    }
  }

  private onKeydown = (e: KeyboardEvent) => {
    if (e.key !== 'Escape' || !this.open || e.defaultPrevented) return
    // (taken on the way down: the shell's own Escape, which closes the menu, is not for this one)
    e.preventDefault()
    e.stopPropagation()
    this.close(true)
  }

  /** The focus moved somewhere outside the panel and its button (Tab past the end): close. */
  private onFocusOut = (e: FocusEvent) => {
    const to = e.relatedTarget as Node | null
    if (to && !this.renderRoot.contains(to) && !this.contains(to)) this.close(false)
  }

  private onOutside = (e: PointerEvent) => {
    if (!e.composedPath().includes(this)) this.close(false)
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'crm-alerts': CrmAlerts
  }
}
