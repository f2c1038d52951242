import { LitElement, html, nothing } from 'lit'
import { customElement, property, state } from 'lit/decorators.js'
import { formatDateTime, formatWhen } from '../../common/dates'
import { fireEvent } from '../../common/fire-event'
import { SubscriptionController } from '../../controllers/subscription-controller'
import { ApiError } from '../../data/api'
import { observationsNewestFirst } from '../../data/client-file'
import { addObservation } from '../../data/clients'
import type { LiveDoc } from '../../data/live-doc'
import { baseStyles } from '../../resources/styles'
import { clientObservationsStyles } from './crm-client-observations.styles'
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
  @state() private busy = false
  @state() private error: string | null = null
  private watch = new SubscriptionController(
    this,
    () => [this.live],
    () => this.live?.subscribe(() => this.requestUpdate()),
  )

  static styles = [baseStyles, fileSectionStyles, clientObservationsStyles]

  render() {
    const live = this.live
    const list = live.synced ? observationsNewestFirst(live.doc) : []
    return html`<section class="card" aria-labelledby="obs-h">
      <h2 id="obs-h">Observations</h2>
      ${
        this.canObserve
          ? html`<form class="observe" @submit=${this.observe} novalidate>
              <div class="field">
                <label for="obs-text">Add observation</label>
                <textarea
                  id="obs-text"
                  name="text"
                  rows="3"
                  placeholder="What did you notice today?"
                  aria-invalid=${this.error ? 'true' : 'false'}
                ></textarea>
                ${this.error ? html`<span class="field-error">${this.error}</span>` : nothing}
              </div>
              <div class="row">
                <div class="field">
                  <label for="obs-activity">Activity <span class="muted">(optional)</span></label>
                  <input id="obs-activity" name="activity" autocomplete="off" placeholder="e.g. Robotics" />
                </div>
                <div class="field"><button class="primary" type="submit" ?disabled=${this.busy}>Add observation</button></div>
              </div>
            </form>`
          : nothing
      }
      <div class="timeline-scroll">
        ${
          list.length
            ? html`<ol class="timeline" aria-label="Observations, newest first" data-testid="observations">
                ${list.map(
                  (o) =>
                    html`<li data-id=${o.id}>
                      <div class="obs-meta">
                        <span class="author">${o.authorName}</span
                        ><time datetime=${o.at} title=${formatDateTime(o.at)}>${formatWhen(o.at)}</time
                        >${o.activity ? html`<span class="chip">${o.activity}</span>` : nothing}
                      </div>
                      <p class="obs-text">${o.text}</p>
                    </li>`,
                )}
              </ol>`
            : html`<p class="empty">${live.synced ? 'No observations yet.' : 'Loading…'}</p>`
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
      this.error = 'Write the observation'
      return
    }
    this.busy = true
    this.error = null
    try {
      await addObservation(this.clientId, { text, ...(activity ? { activity } : {}) })
      form.reset()
      fireEvent(this, 'crm-toast', { message: 'Observation added.', kind: 'success' })
    } catch (err) {
      this.error = err instanceof ApiError ? (err.fields.text ?? err.userMessage) : 'Could not add the observation.'
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
