import { LitElement, css, html } from 'lit'
import { customElement } from 'lit/decorators.js'
import { baseStyles, pageStyles } from '../../resources/styles'

/** Shown inside the shell for unknown paths and for areas the user's roles do not include. */
@customElement('crm-not-found-page')
export class CrmNotFoundPage extends LitElement {
  static styles = [
    baseStyles,
    pageStyles,
    css`
      .card {
        padding: 40px 32px;
        max-width: 560px;
      }
      .code {
        font-size: 0.875rem;
        color: var(--crm-muted);
        font-weight: 600;
        letter-spacing: 0.08em;
      }
      h1 {
        margin: 6px 0 10px;
      }
      p + p {
        margin-top: 16px;
      }
    `,
  ]

  render() {
    return html`<section class="card">
      <div class="code">404</div>
      <h1>Page not found</h1>
      <p class="muted">There is no page at <code>${location.pathname}</code>, or it is not part of your role.</p>
      <p><a href="/workspace">Go to my workspace</a></p>
    </section>`
  }
}
