import { LitElement, html, nothing } from 'lit'
import { customElement, property, state } from 'lit/decorators.js'
import { live as liveValue } from 'lit/directives/live.js'
import type * as Y from 'yjs'
import { fireEvent } from '../../common/fire-event'
import { confirmDialog } from '../../components/dialog-confirm'
import { SubscriptionController } from '../../controllers/subscription-controller'
import { addGuardian, guardiansOf, removeGuardian } from '../../data/client-file'
import type { ClientDetail } from '../../data/clients'
import type { LiveDoc } from '../../data/live-doc'
import { LocaleController } from '../../i18n/locale-controller'
import { t } from '../../i18n/locale'
import { baseStyles } from '../../resources/styles'
import { clientGuardiansStyles } from './crm-client-guardians.styles'
import { relationSuggestions } from './labels'
import { type FieldWho, liveField, setKey } from './live-fields'
import { liveFieldStyles } from './live-fields.styles'
import { fileSectionStyles } from './shared.styles'

/**
 * The guardians of a client file (in its live document): each one's live fields, "+ Add guardian"
 * (a small form, added in one change) and Remove (asked first: a minor left without a guardian
 * turns the file red).
 */
@customElement('crm-client-guardians')
export class CrmClientGuardians extends LitElement {
  @property({ attribute: false }) client!: ClientDetail
  @property({ attribute: false }) live!: LiveDoc
  @property({ type: Boolean }) readOnly = true
  /** Who changed each field last (hover) and its history (click). */
  @property({ attribute: false }) who: FieldWho | undefined = undefined
  /** The server's complaint about the guardians (from the file's alert), if any. */
  @property({ attribute: false }) problem: string | null = null
  @state() private adding = false
  private watch = new SubscriptionController(
    this,
    () => [this.live],
    () => this.live?.subscribe(() => this.requestUpdate()),
  )
  private readonly locale = new LocaleController(this)

  static styles = [baseStyles, liveFieldStyles, fileSectionStyles, clientGuardiansStyles]

  render() {
    const c = this.client
    const live = this.live
    const ro = this.readOnly
    const synced = live.synced
    const entries = synced ? [...guardiansOf(live.doc).entries()] : []
    return html`<section class="card" aria-labelledby="guardians-h" data-testid="file-guardians">
      <div class="card-head">
        <h2 id="guardians-h">${t('clients.guardians.title')}</h2>
        ${!ro && !this.adding ? html`<button class="small" @click=${() => this.startAdding()}>${t('clients.guardians.add')}</button>` : nothing}
      </div>
      ${this.problem ? html`<p class="field-error problem" role="alert">${this.problem}</p>` : nothing}
      ${entries.length === 0 && synced ? html`<p class="empty">${c.minor ? t('clients.guardians.noneMinor') : t('clients.guardians.none')}</p>` : nothing}
      ${entries.map(([key, g], i) => this.renderGuardian(key, g, i, entries.length))}
      ${this.adding ? this.renderNewGuardian() : nothing}
    </section>`
  }

  private renderGuardian(key: string, g: Y.Map<unknown>, i: number, count: number) {
    const ro = this.readOnly
    const f = (field: string, label: string, o: Partial<Parameters<typeof liveField>[0]> = {}) =>
      liveField({
        id: `g-${key}-${field}`,
        label,
        focus: `guardians.${key}.${field}`,
        map: g,
        key: field,
        readOnly: ro,
        presence: this.live.presence,
        who: this.who,
        ...o,
      })
    const name = String(g.get('name') ?? '') || t('clients.guardians.numbered', { n: i + 1 })
    return html`<div class="guardian" role="group" aria-label=${name} data-key=${key}>
      <div class="guardian-head">
        <h3>${name}</h3>
        ${ro ? nothing : html`<button class="small danger" @click=${() => void this.askRemove(key, name, count)} aria-label=${t('clients.guardians.removeNamed', { name })}>${t('clients.guardians.remove')}</button>`}
      </div>
      <div class="grid">
        ${f('name', t('clients.field.name'))} ${f('relation', t('clients.field.relation'))}
        ${f('phone', t('clients.field.phone'), { type: 'tel' })}
        ${f('email', t('clients.field.email'), { type: 'email', emptyAs: null })}
      </div>
      <div class="field">
        <label class="check"
          ><input
            type="checkbox"
            data-focus="guardians.${key}.canPickUp"
            .checked=${liveValue(g.get('canPickUp') !== false)}
            ?disabled=${ro}
            @change=${(e: Event) => setKey(g, 'canPickUp', (e.target as HTMLInputElement).checked)}
          />${t('clients.field.canPickUp')}</label
        >
      </div>
    </div>`
  }

  private renderNewGuardian() {
    return html`<form class="guardian" @submit=${this.add} aria-label=${t('clients.guardians.new')} novalidate>
      <div class="guardian-head"><h3>${t('clients.guardians.new')}</h3></div>
      <div class="grid">
        <div class="field">
          <label for="ng-name">${t('clients.field.name')}</label><input id="ng-name" name="name" autocomplete="off" required />
        </div>
        <div class="field">
          <label for="ng-relation">${t('clients.field.relation')}</label
          ><input id="ng-relation" name="relation" autocomplete="off" list="ng-relations" required />
        </div>
        <div class="field">
          <label for="ng-phone">${t('clients.field.phone')}</label
          ><input id="ng-phone" name="phone" type="tel" autocomplete="off" required />
        </div>
        <div class="field">
          <label for="ng-email">${t('clients.field.email')} <span class="muted">${t('clients.optional')}</span></label
          ><input id="ng-email" name="email" type="email" autocomplete="off" />
        </div>
      </div>
      <div class="field">
        <label class="check"><input type="checkbox" name="canPickUp" checked />${t('clients.field.canPickUp')}</label>
      </div>
      <datalist id="ng-relations">${relationSuggestions().map((r) => html`<option value=${r}></option>`)}</datalist>
      <div class="form-actions new-actions">
        <button type="button" @click=${() => (this.adding = false)}>${t('common.cancel')}</button>
        <button type="submit" class="primary">${t('clients.guardians.addSubmit')}</button>
      </div>
    </form>`
  }

  private startAdding() {
    this.adding = true
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLInputElement>('#ng-name')?.focus())
  }

  private add = (e: Event) => {
    e.preventDefault()
    const live = this.live
    if (!live.synced) return
    const data = new FormData(e.target as HTMLFormElement)
    const str = (k: string) => String(data.get(k) ?? '').trim()
    addGuardian(live.doc, {
      name: str('name'),
      relation: str('relation'),
      phone: str('phone'),
      email: str('email') || null,
      canPickUp: data.get('canPickUp') !== null,
    })
    this.adding = false
  }

  private async askRemove(key: string, name: string, count: number) {
    const c = this.client
    const last = count === 1 && c.minor
    const confirmed = await confirmDialog(this, {
      heading: t('clients.guardians.removeHeading', { name }),
      text: last
        ? c.firstName
          ? t('clients.guardians.removeLast', { client: c.firstName })
          : t('clients.guardians.removeLastUnnamed')
        : c.firstName
          ? t('clients.guardians.removeOther', { name, client: c.firstName })
          : t('clients.guardians.removeOtherUnnamed', { name }),
      confirmLabel: t('clients.guardians.removeConfirm'),
      tone: 'danger',
    })
    const live = this.live
    if (!confirmed || !live.synced) return
    removeGuardian(live.doc, key)
    fireEvent(this, 'crm-toast', { message: t('clients.guardians.removed', { name }), kind: 'info' })
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'crm-client-guardians': CrmClientGuardians
  }
}
