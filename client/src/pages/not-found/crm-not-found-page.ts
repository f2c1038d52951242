import { LitElement, html } from 'lit'
import { customElement } from 'lit/decorators.js'
import { LocaleController } from '../../i18n/locale-controller'
import { t } from '../../i18n/locale'
import { baseStyles, pageStyles } from '../../resources/styles'
import { notFoundPageStyles } from './crm-not-found-page.styles'

/** Splits a message around one of its parameters, so that parameter can be rendered as markup. */
const MARK = '\u0000'

/** Shown inside the shell for unknown paths and for areas the user's roles do not include. */
@customElement('crm-not-found-page')
export class CrmNotFoundPage extends LitElement {
  private readonly locale = new LocaleController(this)

  static styles = [baseStyles, pageStyles, notFoundPageStyles]

  render() {
    // one message with the path as its parameter; the path itself is shown as code
    const [before = '', after = ''] = t('notFound.page.text', { path: MARK }).split(MARK)
    return html`<section class="card">
      <div class="code">404</div>
      <h1>${t('notFound.page.title')}</h1>
      <p class="muted">${before}<code>${location.pathname}</code>${after}</p>
      <p><a href="/workspace">${t('notFound.page.home')}</a></p>
    </section>`
  }
}
