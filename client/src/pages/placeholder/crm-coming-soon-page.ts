import { LitElement, html } from 'lit'
import { customElement, property } from 'lit/decorators.js'
import { baseStyles, pageStyles } from '../../resources/styles'
import type { PageContext } from '../../types'
import { comingSoonPageStyles } from './crm-coming-soon-page.styles'

/** An area that is planned but not built yet: says so plainly instead of showing fake data. */
@customElement('crm-coming-soon-page')
export class CrmComingSoonPage extends LitElement {
  @property({ attribute: false }) ctx!: PageContext

  static styles = [baseStyles, pageStyles, comingSoonPageStyles]

  render() {
    const e = this.ctx.entry
    return html`<div class="page-header">
        <div>
          <h1>${e.label}</h1>
          <p>${e.description}</p>
        </div>
      </div>
      <section class="card">
        <span class="chip">Coming soon</span>
        <p>This area is not built yet.</p>
        <p class="muted">It will appear here as soon as it is ready; nothing on this page is stored or shown yet.</p>
      </section>`
  }
}
