import { html, nothing } from 'lit'
import { customElement, state } from 'lit/decorators.js'
import '../../components/crm-dialog'
import { CrmDialogElement } from '../../components/dialogs'
import { field } from '../../components/field'
import { ApiError } from '../../data/api'
import { findClients } from '../../data/groups'
import { LocaleController } from '../../i18n/locale-controller'
import { t } from '../../i18n/locale'
import { baseStyles } from '../../resources/styles'
import { day } from '../catalogue/labels'
import { dialogPickClientStyles } from './dialog-pick-client.styles'

export interface PickClientParams {
  heading: string
  /** Clients not to offer (already in the group or on its list). */
  exclude: string[]
}

export interface PickedClient {
  id: string
  name: string
}

interface Found {
  id: string
  name: string
  birthDate: string | null
}

/**
 * Finds a client by name or phone and resolves with the one chosen (a roster's "Add member" and
 * "Add to waiting list"). Arrow keys are not needed: the results are buttons in tab order.
 */
@customElement('crm-dialog-pick-client')
export class CrmDialogPickClient extends CrmDialogElement<PickClientParams, PickedClient> {
  @state() private query = ''
  @state() private found: Found[] | null = null
  @state() private error: string | null = null
  private abort: AbortController | null = null
  private timer: ReturnType<typeof setTimeout> | undefined
  private readonly locale = new LocaleController(this)
  static styles = [baseStyles, dialogPickClientStyles]

  disconnectedCallback() {
    super.disconnectedCallback()
    clearTimeout(this.timer)
    this.abort?.abort()
  }

  render() {
    const p = this.params
    if (!p) return nothing
    return html`<crm-dialog heading=${p.heading} open @crm-dialog-closed=${() => this.close()}>
      ${field(
        'client-q',
        t('setup.pick.search'),
        html`<input id="client-q" type="search" autocomplete="off" .value=${this.query} @input=${this.onInput} />`,
        { hint: t('setup.pick.hint') },
      )}
      ${this.error ? html`<p class="alert error" role="alert">${this.error}</p>` : nothing}
      <div class="results" role="status" aria-live="polite">
        ${
          this.found === null
            ? nothing
            : this.found.length === 0
              ? html`<p class="muted">${t('setup.pick.none')}</p>`
              : html`<ul>
                  ${this.found.map(
                    (c) =>
                      html`<li>
                        <button type="button" class="pick" @click=${() => this.close({ id: c.id, name: c.name })}>
                          <span class="name">${c.name}</span>
                          ${c.birthDate ? html`<span class="muted">${t('setup.pick.born', { date: day(c.birthDate) })}</span>` : nothing}
                        </button>
                      </li>`,
                  )}
                </ul>`
        }
      </div>
      <div class="form-actions">
        <button type="button" @click=${() => this.close()}>${t('common.cancel')}</button>
      </div>
    </crm-dialog>`
  }

  private onInput = (e: Event) => {
    this.query = (e.target as HTMLInputElement).value
    clearTimeout(this.timer)
    this.timer = setTimeout(() => void this.search(), 200)
  }

  private async search() {
    const q = this.query.trim()
    this.abort?.abort()
    if (q.length < 2) {
      this.found = null
      return
    }
    const abort = (this.abort = new AbortController())
    try {
      const items = await findClients(q, abort.signal)
      const exclude = new Set(this.params?.exclude ?? [])
      this.found = items
        .filter((c) => !exclude.has(c.id))
        .map((c) => ({
          id: c.id,
          name: c.name ?? `${c.firstName ?? ''} ${c.lastName ?? ''}`.trim(),
          birthDate: c.birthDate ?? null,
        }))
      this.error = null
    } catch (err) {
      if (abort.signal.aborted) return
      this.error = err instanceof ApiError ? err.userMessage : t('common.error.unexpected')
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'crm-dialog-pick-client': CrmDialogPickClient
  }
}
