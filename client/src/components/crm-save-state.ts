import { LitElement, css, html } from 'lit'
import { customElement, property } from 'lit/decorators.js'
import type { SavedState } from '../data/live-doc'

export const SAVED_STATE_TEXT: Record<SavedState, string> = {
  saved: 'All changes saved',
  saving: 'Saving…',
  offline: 'Offline — changes kept in this tab',
}

/** "All changes saved" / "Saving…" / "Offline — changes kept in this tab", announced politely. */
@customElement('crm-save-state')
export class CrmSaveState extends LitElement {
  @property() state: SavedState = 'offline'

  static styles = css`
    :host {
      display: inline-flex;
      align-items: center;
      gap: 6px;
      font-size: 0.875rem;
      color: var(--crm-muted);
      white-space: nowrap;
    }
    .dot {
      width: 8px;
      height: 8px;
      border-radius: 50%;
      background: #22a06b;
      flex: none;
    }
    :host([state='saving']) .dot {
      background: #d9a100;
    }
    :host([state='offline']) {
      color: var(--crm-warning);
    }
    :host([state='offline']) .dot {
      background: var(--crm-warning);
    }
  `

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
