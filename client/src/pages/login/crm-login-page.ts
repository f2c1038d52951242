import { LitElement, html, nothing } from 'lit'
import { customElement, property, query, state } from 'lit/decorators.js'
import { fireEvent } from '../../common/fire-event'
import { ApiError } from '../../data/api'
import { login } from '../../data/auth'
import { field } from '../../components/field'
import { logo } from '../../components/logo'
import { logoStyles } from '../../components/logo.styles'
import '../../components/crm-language-picker'
import { LocaleController } from '../../i18n/locale-controller'
import { t } from '../../i18n/locale'
import { baseStyles } from '../../resources/styles'
import { loginPageStyles } from './crm-login-page.styles'

/**
 * The sign-in screen, in the browser's language until someone signs in; a small switch changes it
 * for this tab (not saved: nobody is signed in). Fires `crm-signed-in` with the user on success.
 */
@customElement('crm-login-page')
export class CrmLoginPage extends LitElement {
  /** A note shown above the form, e.g. "Your session has ended". */
  @property() notice: string | null = null
  @state() private busy = false
  @state() private error: string | null = null
  @state() private fieldErrors: Record<string, string> = {}
  @query('#login') private loginInput!: HTMLInputElement
  @query('#password') private passwordInput!: HTMLInputElement
  private readonly locale = new LocaleController(this)

  static styles = [baseStyles, logoStyles, loginPageStyles]

  render() {
    const fe = this.fieldErrors
    return html`<main class="box card">
      <div class="top">
        <div class="brand">
          ${logo}
          <h1>${t('app.name')}</h1>
        </div>
        <crm-language-picker></crm-language-picker>
      </div>
      <p class="lead">${t('auth.login.lead')}</p>
      ${this.notice && !this.error ? html`<p class="alert info" role="status">${this.notice}</p>` : nothing}
      ${this.error ? html`<p class="alert error" role="alert" data-testid="login-error">${this.error}</p>` : nothing}
      <form @submit=${this.submit} novalidate>
        ${field(
          'login',
          t('auth.login.login'),
          html`<input
            id="login"
            name="login"
            autocomplete="username"
            autocapitalize="none"
            spellcheck="false"
            aria-invalid=${fe.login ? 'true' : 'false'}
            aria-describedby=${fe.login ? 'login-error' : nothing}
          />`,
          { error: fe.login },
        )}
        ${field(
          'password',
          t('auth.login.password'),
          html`<input
            id="password"
            name="password"
            type="password"
            autocomplete="current-password"
            aria-invalid=${fe.password ? 'true' : 'false'}
            aria-describedby=${fe.password ? 'password-error' : nothing}
          />`,
          { error: fe.password },
        )}
        <button class="primary" type="submit" ?disabled=${this.busy}>
          ${this.busy ? t('auth.login.busy') : t('auth.login.submit')}
        </button>
      </form>
    </main>`
  }

  protected firstUpdated() {
    this.loginInput.focus()
  }

  private async submit(e: Event) {
    e.preventDefault()
    if (this.busy) return
    this.busy = true
    this.error = null
    this.fieldErrors = {}
    try {
      const user = await login(this.loginInput.value, this.passwordInput.value)
      fireEvent(this, 'crm-signed-in', { user })
    } catch (err) {
      if (err instanceof ApiError && Object.keys(err.fields).length > 0) {
        this.fieldErrors = err.fields
        this.error = null
      } else {
        this.error = err instanceof ApiError ? err.userMessage : t('auth.login.failed')
      }
      if (err instanceof ApiError && err.code === 'invalid_credentials') {
        this.passwordInput.value = ''
        this.passwordInput.focus()
      } else if (this.fieldErrors.login) this.loginInput.focus()
      else if (this.fieldErrors.password) this.passwordInput.focus()
    } finally {
      this.busy = false
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'crm-login-page': CrmLoginPage
  }
}
