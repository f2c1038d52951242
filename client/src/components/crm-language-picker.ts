import { LitElement, css, html } from 'lit'
import { customElement, property } from 'lit/decorators.js'
import { LOCALES, type Locale, isLocale } from '../../../domain/i18n/locales'
import { fireEvent } from '../common/fire-event'
import { saveMyLocale } from '../data/auth'
import { LocaleController } from '../i18n/locale-controller'
import { currentLocale, setLocale, t } from '../i18n/locale'
import { baseStyles } from '../resources/styles'

/**
 * The language switch: Հայերեն / Русский / English, each in its own script. Picking one shows it at
 * once on every open screen of this tab; with `persist` (the account menu) it is also saved to the
 * profile (PATCH /api/auth/me), without it (the login page) it lasts for the tab only.
 * @example html`<crm-language-picker persist></crm-language-picker>`
 */
@customElement('crm-language-picker')
export class CrmLanguagePicker extends LitElement {
  /** Save the choice to the signed-in user's profile. */
  @property({ type: Boolean }) persist = false
  private readonly locale = new LocaleController(this)

  static styles = [
    baseStyles,
    css`
      :host {
        display: inline-flex;
      }
      select {
        width: auto;
        /* room for the longest name (Հայերեն) before the web font has loaded */
        min-width: 7.5rem;
        min-height: 32px;
        padding: 4px 6px;
        font-size: 0.875rem;
      }
    `,
  ]

  render() {
    const shown = currentLocale()
    return html`<label class="visually-hidden" for="language">${t('language.label')}</label>
      <select id="language" data-testid="language" title=${t('language.label')} @change=${this.pick}>
        ${LOCALES.map((l) => html`<option value=${l} ?selected=${l === shown} lang=${l}>${t(`language.name.${l}`)}</option>`)}
      </select>`
  }

  private pick = (e: Event) => {
    const value = (e.target as HTMLSelectElement).value
    if (!isLocale(value)) return
    setLocale(value)
    if (this.persist) void this.save(value)
  }

  private async save(locale: Locale) {
    try {
      await saveMyLocale(locale)
    } catch {
      fireEvent(this, 'crm-toast', { message: t('shell.account.languageNotSaved'), kind: 'error' })
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'crm-language-picker': CrmLanguagePicker
  }
}
