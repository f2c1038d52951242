import { LitElement, html, nothing } from 'lit'
import { customElement, property } from 'lit/decorators.js'
import { field } from '../../components/field'
import { LocaleController } from '../../i18n/locale-controller'
import { t } from '../../i18n/locale'
import { baseStyles } from '../../resources/styles'
import { registerCardStyles } from './register-card.styles'
import { registerGuardiansStyles } from './crm-register-guardians.styles'
import { listParts, relationSuggestions } from './labels'
import { type KnownPerson, groupKnown } from './logic'
import type { Errors, GuardianDraft } from './register-draft'
import { errorText } from './shared'

/**
 * The guardians of a registration: one group of fields per guardian (phone first: a phone we
 * know offers that person, linking the family), "+ Add guardian" and Remove. The registration
 * form owns the draft; this calls back with each change.
 */
@customElement('crm-register-guardians')
export class CrmRegisterGuardians extends LitElement {
  @property({ attribute: false }) guardians: GuardianDraft[] = []
  @property({ attribute: false }) errors: Errors = {}
  /** A minor: at least one guardian is required. */
  @property({ type: Boolean }) required = false
  @property({ attribute: false }) onAdd: () => void = () => {}
  @property({ attribute: false }) onRemove: (uid: number) => void = () => {}
  @property({ attribute: false }) onPatch: (uid: number, patch: Partial<GuardianDraft>) => void = () => {}
  @property({ attribute: false }) onUseKnown: (uid: number, person: KnownPerson) => void = () => {}
  private readonly locale = new LocaleController(this)

  static styles = [baseStyles, registerCardStyles, registerGuardiansStyles]

  /** Puts the focus in a guardian's phone (a guardian just added). */
  async focusPhone(uid: number) {
    await this.updateComplete
    this.renderRoot.querySelector<HTMLInputElement>(`#g${uid}-phone`)?.focus()
  }

  /** Puts the focus on the first field with an error, else on the section's first button; false when there is neither. */
  focusFirstError(): boolean {
    const first =
      this.renderRoot.querySelector<HTMLElement>('[aria-invalid="true"]') ??
      (this.errors.guardians ? this.renderRoot.querySelector<HTMLElement>('button') : null)
    first?.focus()
    return !!first
  }

  render() {
    const err = errorText(this.errors.guardians)
    const required = this.required
    return html`<section
      class="card guardians ${err ? 'invalid' : ''}"
      aria-labelledby="guardians-h"
      aria-describedby="guardians-error"
      data-testid="guardians-section"
    >
      <div class="guardians-head">
        <h2 id="guardians-h">
          ${t('clients.guardians.title')}${required ? html`<span class="req" aria-hidden="true">*</span>` : html` <span class="opt">${t('clients.optional')}</span>`}
        </h2>
      </div>
      <p class="hint">${required ? t('clients.register.guardiansHintRequired') : t('clients.register.guardiansHintOptional')}</p>
      ${err ? html`<span class="field-error section-error" id="guardians-error" role="alert">${err}</span>` : nothing}
      ${this.guardians.map((g, i) => this.renderGuardian(g, i))}
      <p class="add"><button type="button" @click=${() => this.onAdd()}>${t('clients.guardians.add')}</button></p>
      <datalist id="relations">${relationSuggestions().map((r) => html`<option value=${r}></option>`)}</datalist>
    </section>`
  }

  private renderGuardian(g: GuardianDraft, i: number) {
    const id = (f: string) => `g${g.uid}-${f}`
    const key = (f: string) => `guardians.${i}.${f}`
    const input = (f: 'name' | 'relation' | 'phone' | 'email', label: string, type = 'text') =>
      field(
        id(f),
        html`${label}${f === 'email' ? html` <span class="opt">${t('clients.optional')}</span>` : html`<span class="req" aria-hidden="true">*</span>`}`,
        html`<input
          id=${id(f)}
          type=${type}
          .value=${g[f]}
          autocomplete="off"
          list=${f === 'relation' ? 'relations' : nothing}
          aria-invalid=${this.errors[key(f)] ? 'true' : 'false'}
          @input=${(e: Event) => this.onPatch(g.uid, { [f]: (e.target as HTMLInputElement).value })}
        />`,
        { error: errorText(this.errors[key(f)]) },
      )
    return html`<div
      class="guardian"
      data-testid="guardian-${i}"
      role="group"
      aria-label=${t('clients.guardians.numbered', { n: i + 1 })}
    >
      <div class="guardian-head">
        <h3>${t('clients.guardians.numbered', { n: i + 1 })}</h3>
        <button
          type="button"
          class="small danger"
          @click=${() => this.onRemove(g.uid)}
          aria-label=${t('clients.register.removeGuardian', { n: i + 1 })}
        >
          ${t('clients.guardians.remove')}
        </button>
      </div>
      <div class="grid">${input('phone', t('clients.field.phone'), 'tel')} ${input('name', t('clients.field.name'))}</div>
      ${this.renderKnown(g)}
      <div class="grid">
        ${input('relation', t('clients.field.relation'))} ${input('email', t('clients.field.email'), 'email')}
      </div>
      <div class="field">
        <label class="check"
          ><input
            type="checkbox"
            .checked=${g.canPickUp}
            @change=${(e: Event) => this.onPatch(g.uid, { canPickUp: (e.target as HTMLInputElement).checked })}
          />${t('clients.field.canPickUp')}</label
        >
      </div>
    </div>`
  }

  /** The family this guardian links to, or the known people with this phone to choose from. */
  private renderKnown(g: GuardianDraft) {
    if (g.linkedTo) {
      // the sentence around the children's links, the links joined by the language's list rules
      const MARK = '\u0000'
      const [before, after = ''] = t('clients.register.linkedTo', { children: MARK }).split(MARK)
      const links = g.linkedTo
      const parts = listParts(links.map((_, i) => String(i)))
      return html`<p class="alert info linked" role="status">
        ${before}${parts.map((p) =>
          p.type === 'element'
            ? html`<a href="/clients/${links[Number(p.value)].id}" target="_blank" rel="noopener"
                >${links[Number(p.value)].name}</a
              >`
            : p.value,
        )}${after}
      </p>`
    }
    if (!g.known.length) return nothing
    return groupKnown(g.known).map((k) => {
      const children = listParts(k.children.map((c) => c.name))
        .map((p) => p.value)
        .join('')
      const words = { name: k.name, relation: k.relation, children }
      return html`<p class="alert info known" role="status">
        <span>${t('clients.register.known', words)}</span>
        <button
          type="button"
          class="small"
          @click=${() => this.onUseKnown(g.uid, k)}
          aria-label=${t('clients.register.useLabel', words)}
        >
          ${t('clients.register.use')}
        </button>
      </p>`
    })
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'crm-register-guardians': CrmRegisterGuardians
  }
}
