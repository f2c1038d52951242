import { LitElement, html, nothing } from 'lit'
import { customElement, property, state } from 'lit/decorators.js'
import { fireEvent } from '../../common/fire-event'
import { SubscriptionController } from '../../controllers/subscription-controller'
import { ApiError } from '../../data/api'
import { observationsNewestFirst } from '../../data/client-file'
import { addObservation } from '../../data/clients'
import type { LiveDoc } from '../../data/live-doc'
import { LocaleController } from '../../i18n/locale-controller'
import { t } from '../../i18n/locale'
import { baseStyles } from '../../resources/styles'
import { clientObservationsStyles } from './crm-client-observations.styles'
import { dateTimeText, whenText, zoneOf } from './labels'
import { fileSectionStyles } from './shared.styles'

/**
 * Observations of a client, newest first (from the live document), and the form that adds one
 * through the API (stamped by the server with its author: teachers, who read the file only, add
 * them too).
 */
@customElement('crm-client-observations')
export class CrmClientObservations extends LitElement {
  @property({ attribute: false }) clientId = ''
  @property({ attribute: false }) live!: LiveDoc
  @property({ type: Boolean }) canObserve = false
  /** The client's branch (its time zone for the observations' times). */
  @property({ attribute: false }) branchId: string | null = null
  @state() private busy = false
  /** The form's error (a function: rendered in the language shown). */
  @state() private error: (() => string) | null = null
  private watch = new SubscriptionController(
    this,
    () => [this.live],
    () => this.live?.subscribe(() => this.requestUpdate()),
  )
  private readonly locale = new LocaleController(this)

  static styles = [baseStyles, fileSectionStyles, clientObservationsStyles]

  render() {
    const live = this.live
    const list = live.synced ? observationsNewestFirst(live.doc) : []
    const zone = zoneOf(this.branchId)
    return html`<section class="card" aria-labelledby="obs-h">
      <h2 id="obs-h">${t('clients.observations.title')}</h2>
      ${
        this.canObserve
          ? html`<form class="observe" @submit=${this.observe} novalidate>
              <div class="field">
                <label for="obs-text">${t('clients.observations.add')}</label>
                <textarea
                  id="obs-text"
                  name="text"
                  rows="3"
                  placeholder=${t('clients.observations.placeholder')}
                  aria-invalid=${this.error ? 'true' : 'false'}
                ></textarea>
                ${this.error ? html`<span class="field-error">${this.error()}</span>` : nothing}
              </div>
              <div class="row">
                <div class="field">
                  <label for="obs-activity"
                    >${t('clients.field.activity')} <span class="muted">${t('clients.optional')}</span></label
                  >
                  <input
                    id="obs-activity"
                    name="activity"
                    autocomplete="off"
                    placeholder=${t('clients.observations.activityPlaceholder')}
                  />
                </div>
                <div class="field">
                  <button class="primary" type="submit" ?disabled=${this.busy}>${t('clients.observations.add')}</button>
                </div>
              </div>
            </form>`
          : nothing
      }
      <div class="timeline-scroll">
        ${
          list.length
            ? html`<ol class="timeline" aria-label=${t('clients.observations.listLabel')} data-testid="observations">
                ${list.map(
                  (o) =>
                    html`<li data-id=${o.id}>
                      <div class="obs-meta">
                        <span class="author">${o.authorName}</span
                        ><time datetime=${o.at} title=${dateTimeText(o.at, zone)}>${whenText(o.at, zone)}</time
                        >${o.activity ? html`<span class="chip">${o.activity}</span>` : nothing}
                      </div>
                      <p class="obs-text">${o.text}</p>
                    </li>`,
                )}
              </ol>`
            : html`<p class="empty">${live.synced ? t('clients.observations.empty') : t('common.loading')}</p>`
        }
      </div>
    </section>`
  }

  private observe = async (e: Event) => {
    e.preventDefault()
    const form = e.target as HTMLFormElement
    const data = new FormData(form)
    const text = String(data.get('text') ?? '').trim()
    const activity = String(data.get('activity') ?? '').trim()
    if (!text) {
      this.error = () => t('clients.observations.required')
      return
    }
    this.busy = true
    this.error = null
    try {
      await addObservation(this.clientId, { text, ...(activity ? { activity } : {}) })
      form.reset()
      fireEvent(this, 'crm-toast', { message: t('clients.observations.added'), kind: 'success' })
    } catch (err) {
      const message = err instanceof ApiError ? (err.fields.text ?? err.userMessage) : null
      this.error = message === null ? () => t('clients.observations.error') : () => message
    } finally {
      this.busy = false
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'crm-client-observations': CrmClientObservations
  }
}
