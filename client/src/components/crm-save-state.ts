import { LitElement, html } from 'lit'
import { customElement, property } from 'lit/decorators.js'
import type { MessageId } from '../../../domain/i18n/catalogue'
import type { SavedState } from '../data/live-doc'
import { LocaleController } from '../i18n/locale-controller'
import { t } from '../i18n/locale'
import { saveStateStyles } from './crm-save-state.styles'

/** The words for each state (catalogue ids). */
export const SAVED_STATE_TEXT: Record<SavedState, MessageId> = {
  saved: 'common.saveState.saved',
  saving: 'common.saveState.saving',
  offline: 'common.saveState.offline',
  'read-only': 'common.saveState.readOnly',
}

/** "All changes saved" / "Saving…" / "Offline — changes kept in this tab" / "Read-only", announced politely. */
@customElement('crm-save-state')
export class CrmSaveState extends LitElement {
  @property() state: SavedState = 'offline'
  private readonly locale = new LocaleController(this)

  static styles = saveStateStyles

  protected willUpdate() {
    this.setAttribute('state', this.state)
  }

  render() {
    return html`<span class="dot" aria-hidden="true"></span
      ><span role="status" data-testid="save-state">${t(SAVED_STATE_TEXT[this.state])}</span>`
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'crm-save-state': CrmSaveState
  }
}
