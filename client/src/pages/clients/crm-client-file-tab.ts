import { LitElement, type ReactiveElement, html, nothing } from 'lit'
import { customElement, property, state } from 'lit/decorators.js'
import { live as liveValue } from 'lit/directives/live.js'
import { styleMap } from 'lit/directives/style-map.js'
import type * as Y from 'yjs'
import { bindText } from '../../components/text-binding'
import { SubscriptionController } from '../../controllers/subscription-controller'
import { notesOf, physicalOf, profileOf, traitsOf } from '../../data/client-file'
import { type ClientDetail, LEAD_SOURCES } from '../../data/clients'
import type { LiveDoc } from '../../data/live-doc'
import { DocAuthorsController } from '../../data/docs-authors'
import {
  SinceAuditController,
  fieldsSinceAudit,
  highlightOn,
  rememberHighlight,
  type SinceAudit,
} from '../../data/audit-highlight'
import { formatDateTime } from '../../common/dates'
import { isMessageId } from '../../../../domain/i18n/catalogue'
import { LocaleController } from '../../i18n/locale-controller'
import { t } from '../../i18n/locale'
import { baseStyles } from '../../resources/styles'
import './crm-client-guardians'
import './crm-client-observations'
import { clientFileTabStyles } from './crm-client-file-tab.styles'
import { FITNESS_LEVELS, fitnessLabel, leadSourceLabel, zoneOf } from './labels'
import { editingMarks, type FieldWho, liveField, liveScale, liveSelect, setKey, whoMarks } from './live-fields'
import { liveFieldStyles, liveScaleStyles } from './live-fields.styles'
import { fileSectionStyles } from './shared.styles'

/**
 * The File tab: the live document `client:<id>` as a form several staff edit at once (personal
 * details, guardians, character and needs, physical, shared notes) with observations beside it.
 * Announces which field the user is in, so the others see it in colour. For the audit's readers,
 * "Highlight since audit" outlines the fields changed since the last audit closed.
 */
@customElement('crm-client-file-tab')
export class CrmClientFileTab extends LitElement {
  @property({ attribute: false }) client!: ClientDetail
  @property({ attribute: false }) live!: LiveDoc
  @property({ type: Boolean }) canEdit = false
  @property({ type: Boolean }) canObserve = false
  /** The signed-in user (the toggle is remembered per user). */
  @property() userId = ''
  /** May read the audit: "Highlight since audit" is shown. */
  @property({ type: Boolean }) canHighlight = false
  @state() private highlight = false
  private highlightFor = ''
  /** What changed in the file since the last audit, while the toggle is on. */
  private sinceAudit = new SinceAuditController(this, () => ({
    on: this.highlight && this.canHighlight,
    name: this.live?.name ?? null,
    doc: this.live?.synced ? this.live.doc : null,
  }))
  /** The outlines of the fields changed since the audit (rules built from their paths). */
  private outlineSheet: CSSStyleSheet | null = null
  private outlineRules = ''
  private watch = new SubscriptionController(
    this,
    () => [this.live],
    () => this.live?.subscribe(() => this.requestUpdate()),
  )
  /** Who changed each field last (fetched once per open file, again when it changes). */
  private authors = new DocAuthorsController(this, () => ({
    name: this.live?.name ?? null,
    doc: this.live?.synced ? this.live.doc : null,
  }))
  private notes: { el: HTMLTextAreaElement; text: Y.Text; off: () => void } | null = null
  private readonly locale = new LocaleController(this)

  static styles = [baseStyles, liveFieldStyles, liveScaleStyles, fileSectionStyles, clientFileTabStyles]

  disconnectedCallback() {
    super.disconnectedCallback()
    this.unbindNotes()
  }

  protected willUpdate() {
    // the remembered toggle, once the user is known
    if (this.userId !== this.highlightFor) {
      this.highlightFor = this.userId
      this.highlight = this.canHighlight && highlightOn(this.userId, 'client')
    }
  }

  protected updated() {
    this.bindNotes()
    this.applyOutlines()
  }

  /** The data shown (about this file), or null while off, loading or failed. */
  private get since(): SinceAudit | null {
    return this.highlight && this.canHighlight && this.sinceAudit.dataFor === this.live?.name ? this.sinceAudit.data : null
  }

  /**
   * Outlines the changed fields by their paths: each field holds an element announcing its path
   * (`data-focus`, the same path "who changed this" uses), so one rule per path outlines the field
   * around it; a change inside the guardians or observations outlines that part.
   */
  private applyOutlines() {
    const data = this.since
    let rules = ''
    if (data) {
      const { fields, parts } = fieldsSinceAudit(data.changes)
      const safe = (p: string) => /^[A-Za-z0-9_:.-]+$/.test(p)
      const sel = [...fields]
        .filter(safe)
        .map((f) => `:is(.field, fieldset.scale):has([data-focus="${f}"], [data-focus^="${f}."])`)
      for (const part of parts) if (part === 'guardians' || part === 'observations') sel.push(`crm-client-${part}`)
      if (sel.length)
        rules = `${sel.join(',\n')} { outline: 2px dashed var(--crm-audit-outline, #7c3aed); outline-offset: 3px; border-radius: 4px; }`
    }
    if (rules === this.outlineRules) return
    this.outlineRules = rules
    const root = this.shadowRoot
    if (!root) return
    if (!this.outlineSheet) {
      this.outlineSheet = new CSSStyleSheet()
      root.adoptedStyleSheets = [...root.adoptedStyleSheets, this.outlineSheet]
    }
    this.outlineSheet.replaceSync(rules)
  }

  private renderSinceAudit() {
    if (!this.canHighlight) return nothing
    const data = this.since
    const toggle = html`<label class="highlight" title=${t('audit.highlight.toggleHint')}>
      <input
        type="checkbox"
        data-testid="highlight-since-audit"
        .checked=${this.highlight}
        @change=${(e: Event) => {
          this.highlight = (e.target as HTMLInputElement).checked
          rememberHighlight(this.userId, 'client', this.highlight)
        }}
      />${t('audit.highlight.toggle')}
    </label>`
    if (!this.highlight) return html`<div class="since-row">${toggle}</div>`
    if (!data)
      return html`<div class="since-row">
        ${toggle}<span class="since-legend muted" role="status" aria-busy="true">${t('audit.highlight.loading')}</span>
      </div>`
    const cp = data.checkpoint
    const zone = zoneOf(this.client.branchId)
    const legend = !cp
      ? t('audit.highlight.legend.start')
      : cp.closedBy
        ? t('audit.highlight.legend.since', { date: formatDateTime(cp.closedAt, zone), login: cp.closedBy.login })
        : t('audit.highlight.legend.sinceUnknown', { date: formatDateTime(cp.closedAt, zone) })
    const { fields, parts } = fieldsSinceAudit(data.changes)
    const count = fields.size + parts.size
    return html`<div class="since-row">
      ${toggle}
      <span class="since-legend" role="status" data-testid="since-audit-legend"
        ><span class="swatch" aria-hidden="true"></span>${legend}
        <strong>${count ? t('audit.highlight.fields', { count }) : t('audit.highlight.nothing')}</strong></span
      >
    </div>`
  }

  /** Done when the guardians and observations inside are rendered too. */
  protected async getUpdateComplete(): Promise<boolean> {
    const done = await super.getUpdateComplete()
    const parts = [...this.renderRoot.querySelectorAll('crm-client-guardians, crm-client-observations')] as ReactiveElement[]
    await Promise.all(parts.map((el) => el.updateComplete))
    return done
  }

  render() {
    const c = this.client
    const live = this.live
    if (!live || live.closed) return nothing
    const synced = live.synced
    const doc = live.doc
    const ro = !this.canEdit || live.readOnly || !synced
    const presence = live.presence
    const who: FieldWho = { byPath: this.authors.byPath, doc: live.name, zone: zoneOf(c.branchId) }
    const consent = whoMarks(who, 'profile.consent', t('clients.field.consent'))
    const profile = synced ? profileOf(doc) : undefined
    const physical = synced ? physicalOf(doc) : undefined
    const traits = synced ? traitsOf(doc) : undefined
    const f = (
      map: Y.Map<unknown> | undefined,
      mapName: string,
      key: string,
      label: string,
      o: Partial<Parameters<typeof liveField>[0]> = {},
    ) => liveField({ id: `${mapName}-${key}`, label, focus: `${mapName}.${key}`, map, key, readOnly: ro, presence, who, ...o })
    const problems = fileProblems(c)
    const scale = (key: string, label: string, hint: string, low: string, high: string) =>
      liveScale({ focus: `traits.${key}`, map: traits, key, label, hint, low, high, readOnly: ro, presence, who })
    return html`
      ${this.renderSinceAudit()}
      ${!synced ? html`<p class="alert info notice" aria-busy="true">${t('clients.fileTab.opening')}</p>` : nothing}
      ${this.canEdit && live.readOnly ? html`<p class="alert warning notice" role="status">${t('clients.fileTab.readOnly')}</p>` : nothing}
      <div class="columns" @focusin=${this.onFocusIn} @focusout=${this.onFocusOut}>
        <div class="stack">
          <section class="card" aria-labelledby="profile-h">
            <h2 id="profile-h">${t('clients.fileTab.personal')}</h2>
            <div class="grid">
              ${f(profile, 'profile', 'firstName', t('clients.field.firstName'), { error: problems.firstName })}
              ${f(profile, 'profile', 'lastName', t('clients.field.lastName'), { error: problems.lastName })}
              ${f(profile, 'profile', 'birthDate', t('clients.field.birthDate'), { type: 'date', emptyAs: null, error: problems.birthDate })}
              ${f(profile, 'profile', 'phone', t('clients.field.phone'), { type: 'tel', emptyAs: null, error: problems.phone })}
              ${f(profile, 'profile', 'email', t('clients.field.email'), { type: 'email', emptyAs: null, error: problems.email })}
              ${liveSelect({ id: 'profile-source', label: t('clients.field.source'), focus: 'profile.source', map: profile, key: 'source', options: [{ value: '', label: '—' }, ...LEAD_SOURCES.map((s) => ({ value: s, label: leadSourceLabel(s) }))], readOnly: ro, presence, who })}
              ${f(profile, 'profile', 'sourceNote', t('clients.field.sourceNote'), { emptyAs: null })}
              <div class="field wide" title=${consent.title ?? ''}>
                <div style=${styleMap({ display: 'flex', alignItems: 'center', gap: '4px' })}>
                  <label class="check"
                    ><input
                      type="checkbox"
                      data-focus="profile.consent"
                      .checked=${liveValue(profile?.get('consent') === true)}
                      ?disabled=${ro}
                      @change=${(e: Event) => setKey(profile, 'consent', (e.target as HTMLInputElement).checked)}
                    />${t('clients.field.consent')}</label
                  >${consent.button}
                </div>
                ${problems.consent ? html`<span class="field-error">${problems.consent}</span>` : nothing}
              </div>
            </div>
          </section>
          <crm-client-guardians
            .client=${c}
            .live=${live}
            .who=${who}
            ?readOnly=${ro}
            .problem=${problems.guardians ?? null}
          ></crm-client-guardians>
          <section class="card" aria-labelledby="traits-h">
            <h2 id="traits-h">${t('clients.fileTab.traits')}</h2>
            <div class="grid">
              ${f(traits, 'traits', 'needs', t('clients.fileTab.needs'), { type: 'textarea', rows: 2, placeholder: t('clients.fileTab.needsPlaceholder') })}
              ${f(traits, 'traits', 'preferences', t('clients.fileTab.preferences'), { type: 'textarea', rows: 2, placeholder: t('clients.fileTab.preferencesPlaceholder') })}
            </div>
            ${scale('perseverance', t('clients.fileTab.perseverance'), t('clients.fileTab.perseveranceHint'), t('clients.fileTab.perseveranceLow'), t('clients.fileTab.perseveranceHigh'))}
            ${f(traits, 'traits', 'perseveranceNote', t('clients.fileTab.perseveranceNote'), { placeholder: t('clients.fileTab.optionalPlaceholder') })}
            ${scale('sensitivity', t('clients.fileTab.sensitivity'), t('clients.fileTab.sensitivityHint'), t('clients.fileTab.sensitivityLow'), t('clients.fileTab.sensitivityHigh'))}
            ${f(traits, 'traits', 'sensitivityNote', t('clients.fileTab.sensitivityNote'), { placeholder: t('clients.fileTab.optionalPlaceholder') })}
          </section>
          <section class="card" aria-labelledby="physical-h">
            <h2 id="physical-h">${t('clients.fileTab.physical')}</h2>
            <div class="grid">
              ${liveSelect({ id: 'physical-fitnessLevel', label: t('clients.fileTab.fitness'), focus: 'physical.fitnessLevel', map: physical, key: 'fitnessLevel', options: [{ value: '', label: '—' }, ...FITNESS_LEVELS.map((value) => ({ value, label: fitnessLabel(value) }))], readOnly: ro, presence, who })}
              <div></div>
              <div class="wide">
                ${f(physical, 'physical', 'limitations', t('clients.fileTab.limitations'), { type: 'textarea', rows: 2, placeholder: t('clients.fileTab.limitationsPlaceholder') })}
              </div>
            </div>
          </section>
          <section class="card" aria-labelledby="notes-h">${this.renderNotes(ro, who)}</section>
        </div>
        <div class="stack side">
          <crm-client-observations
            .clientId=${c.id}
            .branchId=${c.branchId}
            .live=${live}
            ?canObserve=${this.canObserve}
          ></crm-client-observations>
        </div>
      </div>
    `
  }

  private renderNotes(ro: boolean, who: FieldWho) {
    const marks = editingMarks(this.live.presence, 'notes')
    const author = whoMarks(who, 'notes', t('clients.fileTab.notes'))
    return html`<div class="field live" title=${author.title ?? ''}>
      <div class="label-row">
        <h2 id="notes-h"><label for="notes" class="notes-label">${t('clients.fileTab.notes')}</label></h2>
        ${author.button}${marks.tag}
      </div>
      <textarea
        id="notes"
        rows="5"
        data-focus="notes"
        ?readonly=${ro}
        style=${styleMap(marks.style)}
        placeholder=${ro ? '' : t('clients.fileTab.notesPlaceholder')}
      ></textarea>
    </div>`
  }

  /** The notes textarea edits the document's Y.Text (several people type at once without losing words). */
  private bindNotes() {
    const live = this.live
    const el = this.renderRoot.querySelector<HTMLTextAreaElement>('textarea#notes')
    const text = live?.synced && el ? notesOf(live.doc) : null
    if (this.notes && this.notes.el === el && this.notes.text === text) return
    this.unbindNotes()
    if (el && text) this.notes = { el, text, off: bindText(el, text) }
  }

  private unbindNotes() {
    this.notes?.off()
    this.notes = null
  }

  private onFocusIn = (e: FocusEvent) => {
    const el = e.composedPath()[0] as HTMLElement
    this.live?.setFocus(el?.dataset?.focus ?? null)
  }

  private onFocusOut = (e: FocusEvent) => {
    // moving to another field sets the new focus in focusin; leaving the body clears it
    const to = e.relatedTarget as Node | null
    if (!to || !(e.currentTarget as HTMLElement).contains(to)) this.live?.setFocus(null)
  }
}

/**
 * The server's view of what is missing (the open client_file_incomplete alert's details: each
 * field's problem as a message id), by field, in the language shown. A value that is not a
 * message id (nothing the server writes) shows as the generic "Invalid value", never as stored.
 */
function fileProblems(c: ClientDetail): Record<string, string> {
  const alert = c.alerts.find((a) => a.kind === 'client_file_incomplete')
  const p = (alert?.details as { problems?: unknown } | null)?.problems
  if (!p || typeof p !== 'object') return {}
  return Object.fromEntries(Object.entries(p).map(([field, id]) => [field, t(isMessageId(id) ? id : 'errors.field.invalid')]))
}

declare global {
  interface HTMLElementTagNameMap {
    'crm-client-file-tab': CrmClientFileTab
  }
}
