import { LitElement, html } from 'lit'
import { customElement, property } from 'lit/decorators.js'
import type { ClientDetail } from '../../data/clients'
import { LocaleController } from '../../i18n/locale-controller'
import { t } from '../../i18n/locale'
import { baseStyles } from '../../resources/styles'
import { clientProgressStyles } from './crm-client-progress.styles'
import { fileSectionStyles } from './shared.styles'

/** The "Progress" tab: attendance, grades and teachers' comments per activity (from the electronic journal). */
@customElement('crm-client-progress')
export class CrmClientProgress extends LitElement {
  @property({ attribute: false }) client!: ClientDetail
  private readonly locale = new LocaleController(this)

  static styles = [baseStyles, fileSectionStyles, clientProgressStyles]

  render() {
    const progress = this.client.progress
    if (!progress.length) {
      return html`<section class="card">
        <h2>${t('clients.progress.title')}</h2>
        <p class="empty">${t('clients.progress.empty')}</p>
      </section>`
    }
    return html`<section class="card">
      <h2>${t('clients.progress.title')}</h2>
      <ul class="history">
        ${progress.map((p) => {
          const o = (p ?? {}) as Record<string, unknown>
          const title = String(o.activity ?? o.title ?? t('clients.progress.activity'))
          const rest = Object.entries(o).filter(([k]) => k !== 'activity' && k !== 'title')
          return html`<li>
            <strong>${title}</strong
            >${rest.map(([k, v]) => html`<span class="muted">${k}: ${typeof v === 'object' ? JSON.stringify(v) : String(v)}</span>`)}
          </li>`
        })}
      </ul>
    </section>`
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'crm-client-progress': CrmClientProgress
  }
}
