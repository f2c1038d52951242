import { LitElement, html, nothing } from 'lit'
import { customElement, property } from 'lit/decorators.js'
import type * as Y from 'yjs'
import { LiveDocController } from '../../controllers/live-doc-controller'
import type { MessageId } from '../../../../domain/i18n/catalogue'
import { LocaleController } from '../../i18n/locale-controller'
import { t } from '../../i18n/locale'
import { baseStyles } from '../../resources/styles'
import type { User } from '../../data/types'
import { encodeClientMedicalDocName, medicalOf } from '../../data/client-file'
import '../../components/crm-presence-list'
import '../../components/crm-save-state'
import { DocAuthorsController } from '../../data/docs-authors'
import { type FieldWho, liveField, liveStatus } from './live-fields'
import { zoneOf } from './labels'
import { liveFieldStyles, liveStatusStyles } from './live-fields.styles'
import { clientMedicalStyles } from './crm-client-medical.styles'

const FIELDS: Array<{ key: string; label: MessageId; rows: number; hint?: MessageId }> = [
  { key: 'allergies', label: 'clients.medical.allergies', rows: 2, hint: 'clients.medical.allergiesHint' },
  { key: 'conditions', label: 'clients.medical.conditions', rows: 2 },
  { key: 'medication', label: 'clients.medical.medication', rows: 2 },
  {
    key: 'emergencyInstructions',
    label: 'clients.medical.emergencyInstructions',
    rows: 3,
    hint: 'clients.medical.emergencyHint',
  },
  { key: 'doctor', label: 'clients.medical.doctor', rows: 1 },
]

/**
 * The medical file (owner and manager only): the live document `client-medical:<id>`. It is
 * opened only while this tab is shown, and the server logs each opening.
 */
@customElement('crm-client-medical')
export class CrmClientMedical extends LitElement {
  @property({ attribute: false }) clientId = ''
  @property({ attribute: false }) user!: User
  /** The client's branch (its time zone for "changed at"). */
  @property({ attribute: false }) branchId: string | null = null
  private doc = new LiveDocController(this, () => ({
    name: this.clientId ? encodeClientMedicalDocName(this.clientId) : null,
    user: this.user,
  }))
  private readonly locale = new LocaleController(this)
  /** Who changed each field last (fetched once per opening, again when the file changes). */
  private authors = new DocAuthorsController(this, () => ({
    name: this.doc.live?.name ?? null,
    doc: this.doc.live?.synced ? this.doc.live.doc : null,
  }))

  static styles = [baseStyles, liveFieldStyles, liveStatusStyles, clientMedicalStyles]

  render() {
    const live = this.doc.live
    if (!live) return nothing
    if (live.closed) return html`<p class="alert error" role="alert">${t(live.closed.messageId)}</p>`
    const map = live.synced ? (medicalOf(live.doc) as unknown as Y.Map<unknown>) : undefined
    const readOnly = live.readOnly || !live.synced
    const who: FieldWho = { byPath: this.authors.byPath, doc: live.name, zone: zoneOf(this.branchId) }
    return html`<section
      class="card"
      aria-labelledby="medical-h"
      @focusin=${this.onFocusIn}
      @focusout=${() => live.setFocus(null)}
    >
      <div class="head">
        <div>
          <h2 id="medical-h">${t('clients.medical.title')}</h2>
          <p class="hint">${t('clients.medical.hint')}</p>
        </div>
        <div class="status">${liveStatus(live, false)}</div>
      </div>
      ${live.synced ? nothing : html`<p class="muted" aria-busy="true">${t('clients.medical.opening')}</p>`}
      <div class="grid">
        ${FIELDS.map(
          (f) =>
            html`<div class=${f.rows > 2 ? 'wide' : ''}>
              ${liveField({ id: `med-${f.key}`, label: t(f.label), focus: `medical.${f.key}`, map, key: f.key, readOnly, presence: live.presence, who, type: f.rows > 1 ? 'textarea' : 'text', rows: f.rows, hint: f.hint ? t(f.hint) : undefined })}
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
