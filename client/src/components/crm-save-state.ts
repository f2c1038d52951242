import { LitElement, html } from 'lit'
import { customElement, property } from 'lit/decorators.js'
import type { SavedState } from '../data/live-doc'
import { saveStateStyles } from './crm-save-state.styles'

export const SAVED_STATE_TEXT: Record<SavedState, string> = {
  saved: 'All changes saved',
  saving: 'Saving…',
  offline: 'Offline — changes kept in this tab',
}

/** "All changes saved" / "Saving…" / "Offline — changes kept in this tab", announced politely. */
@customElement('crm-save-state')
export class CrmSaveState extends LitElement {
  @property() state: SavedState = 'offline'

  static styles = saveStateStyles

  protected willUpdate() {
    this.setAttribute('state', this.state)
  }

  render() {
    return html`<span class="dot" aria-hidden="true"></span
      ><span role="status" data-testid="save-state">${SAVED_STATE_TEXT[this.state]}</span>`
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'crm-save-state': CrmSaveState
  }
}
