import { LitElement, html } from 'lit'
import { customElement, property } from 'lit/decorators.js'
import { LocaleController } from '../../i18n/locale-controller'
import { t } from '../../i18n/locale'
import { baseStyles, pageStyles } from '../../resources/styles'
import type { PageContext } from '../../types'
import { comingSoonPageStyles } from './crm-coming-soon-page.styles'

/** An area that is planned but not built yet: says so plainly instead of showing fake data. */
@customElement('crm-coming-soon-page')
export class CrmComingSoonPage extends LitElement {
  @property({ attribute: false }) ctx!: PageContext
  private readonly locale = new LocaleController(this)

  static styles = [baseStyles, pageStyles, comingSoonPageStyles]

  render() {
    const e = this.ctx.entry
    return html`<div class="page-header">
        <div>
          <h1>${t(e.label)}</h1>
          <p>${t(e.description)}</p>
        </div>
      </div>
      <section class="card">
        <span class="chip">${t('comingSoon.page.badge')}</span>
        <p>${t('comingSoon.page.text')}</p>
        <p class="muted">${t('comingSoon.page.note')}</p>
      </section>`
  }
}
