import { LitElement, html } from 'lit'
import { customElement } from 'lit/decorators.js'
import { baseStyles, pageStyles } from '../../resources/styles'
import { notFoundPageStyles } from './crm-not-found-page.styles'

/** Shown inside the shell for unknown paths and for areas the user's roles do not include. */
@customElement('crm-not-found-page')
export class CrmNotFoundPage extends LitElement {
  static styles = [baseStyles, pageStyles, notFoundPageStyles]

  render() {
    return html`<section class="card">
      <div class="code">404</div>
      <h1>Page not found</h1>
      <p class="muted">There is no page at <code>${location.pathname}</code>, or it is not part of your role.</p>
      <p><a href="/workspace">Go to my workspace</a></p>
    </section>`
  }
}
