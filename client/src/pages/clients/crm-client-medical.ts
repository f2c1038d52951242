import { LitElement, html, nothing } from 'lit'
import { customElement, property } from 'lit/decorators.js'
import type * as Y from 'yjs'
import { LiveDocController } from '../../controllers/live-doc-controller'
import { baseStyles } from '../../resources/styles'
import type { User } from '../../data/types'
import { encodeClientMedicalDocName, medicalOf } from '../../data/client-file'
import '../../components/crm-presence-list'
import '../../components/crm-save-state'
import { liveField, liveStatus } from './live-fields'
import { liveFieldStyles, liveStatusStyles } from './live-fields.styles'
import { clientMedicalStyles } from './crm-client-medical.styles'

const FIELDS: Array<{ key: string; label: string; rows: number; hint?: string }> = [
  { key: 'allergies', label: 'Allergies', rows: 2, hint: 'Shown to teachers in their rosters; sets the allergy badge.' },
  { key: 'conditions', label: 'Conditions', rows: 2 },
  { key: 'medication', label: 'Medication', rows: 2 },
  { key: 'emergencyInstructions', label: 'Emergency instructions', rows: 3, hint: 'Shown to teachers in their rosters.' },
  { key: 'doctor', label: 'Doctor', rows: 1 },
]

/**
 * The medical file (owner and manager only): the live document `client-medical:<id>`. It is
 * opened only while this tab is shown, and the server logs each opening.
 */
@customElement('crm-client-medical')
export class CrmClientMedical extends LitElement {
  @property({ attribute: false }) clientId = ''
  @property({ attribute: false }) user!: User
  private doc = new LiveDocController(this, () => ({
    name: this.clientId ? encodeClientMedicalDocName(this.clientId) : null,
    user: this.user,
  }))

  static styles = [baseStyles, liveFieldStyles, liveStatusStyles, clientMedicalStyles]

  render() {
    const live = this.doc.live
    if (!live) return nothing
    if (live.closed) return html`<p class="alert error" role="alert">${live.closed.message}</p>`
    const map = live.synced ? (medicalOf(live.doc) as unknown as Y.Map<unknown>) : undefined
    const readOnly = live.readOnly || !live.synced
    return html`<section
      class="card"
      aria-labelledby="medical-h"
      @focusin=${this.onFocusIn}
      @focusout=${() => live.setFocus(null)}
    >
      <div class="head">
        <div>
          <h2 id="medical-h">Medical file</h2>
          <p class="hint">Visible to owners and managers only. Every opening is logged.</p>
        </div>
        <div class="status">${liveStatus(live, false)}</div>
      </div>
      ${live.synced ? nothing : html`<p class="muted" aria-busy="true">Opening the medical file…</p>`}
      <div class="grid">
        ${FIELDS.map(
          (f) =>
            html`<div class=${f.rows > 2 ? 'wide' : ''}>
              ${liveField({ id: `med-${f.key}`, label: f.label, focus: `medical.${f.key}`, map, key: f.key, readOnly, presence: live.presence, type: f.rows > 1 ? 'textarea' : 'text', rows: f.rows, hint: f.hint })}
            </div>`,
        )}
      </div>
    </section>`
  }

  private onFocusIn = (e: FocusEvent) => {
    const focus = (e.composedPath()[0] as HTMLElement).dataset?.focus
    this.doc.live?.setFocus(focus ?? null)
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'crm-client-medical': CrmClientMedical
  }
}
