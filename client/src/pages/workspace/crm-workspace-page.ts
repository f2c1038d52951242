import { LitElement, css, html } from 'lit'
import { customElement, property } from 'lit/decorators.js'
import { formatLongDate, greeting } from '../../common/dates'
import { baseStyles, pageStyles } from '../../resources/styles'
import type { PageContext } from '../../types'

/** "My workspace": the default page after sign-in. */
@customElement('crm-workspace-page')
export class CrmWorkspacePage extends LitElement {
  @property({ attribute: false }) ctx!: PageContext

  static styles = [
    baseStyles,
    pageStyles,
    css`
      .date {
        color: var(--crm-muted);
      }
    `,
  ]

  render() {
    const first = this.ctx.user.name.split(' ')[0]
    return html`<div class="page-header">
      <div>
        <h1>${greeting()}, ${first}</h1>
        <p class="date" data-testid="today">${formatLongDate(new Date())}</p>
      </div>
    </div>`
  }
}
