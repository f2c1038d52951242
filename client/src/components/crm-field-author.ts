import { LitElement, html, nothing } from 'lit'
import { customElement, property } from 'lit/decorators.js'
import { formatDateTime, localTimeZone } from '../common/dates'
import type { FieldAuthor } from '../data/docs-authors'
import { LocaleController } from '../i18n/locale-controller'
import { t } from '../i18n/locale'
import { showDialog } from './dialogs'
import type { ValueText } from './crm-field-history.logic'
import { fieldAuthorStyles } from './crm-field-author.styles'

/** "Changed by Anna Petrosyan, 3 Dec 2026, 16:05" (the system when nobody signed in did it). */
export function changedByText(author: Pick<FieldAuthor, 'name' | 'login' | 'at'>, zone: string): string {
  return t('fieldHistory.changedBy', {
    name: author.name ?? author.login ?? t('fieldHistory.byNobody'),
    time: formatDateTime(author.at, zone),
  })
}

/**
 * Beside a field's label: hovering (or focusing) shows who changed the field last and when;
 * clicking (or Enter) opens the field's whole history. Shows nothing until the field has an author.
 * @example html`<crm-field-author .author=${authorOf(authors, 'profile.phone')} doc=${live.name} path="profile.phone" field=${t('clients.field.phone')} zone=${zone}></crm-field-author>`
 */
@customElement('crm-field-author')
export class CrmFieldAuthor extends LitElement {
  @property({ attribute: false }) author: FieldAuthor | null = null
  /** The document's name (`client:<id>`). */
  @property() doc = ''
  /** The field's dotted path in the document. */
  @property() path = ''
  /** The field's label, as shown. */
  @property() field = ''
  /** The branch's time zone. */
  @property() zone = ''
  /** Words for a stored value the page knows better (a teacher's name for an id). */
  @property({ attribute: false }) valueText: ValueText | undefined = undefined
  private readonly locale = new LocaleController(this)

  static styles = fieldAuthorStyles

  render() {
    const a = this.author
    if (!a || !this.doc || !this.path) return nothing
    const zone = this.zone || localTimeZone()
    const text = changedByText(a, zone)
    return html`<button
        type="button"
        data-testid="author-${this.path}"
        aria-label=${t('fieldHistory.openWithAuthor', { name: a.name ?? a.login ?? t('fieldHistory.byNobody'), time: formatDateTime(a.at, zone) })}
        @click=${this.open}
      >
        <svg viewBox="0 0 16 16" aria-hidden="true" fill="none" stroke="currentColor" stroke-width="1.6">
          <circle cx="8" cy="8" r="6.2"></circle>
          <path d="M8 4.6V8l2.4 1.6" stroke-linecap="round"></path>
        </svg></button
      ><span class="tip" id="tip" role="tooltip" data-testid="author-tip">${text}</span>`
  }

  private open = () => {
    void showDialog(
      this,
      'crm-field-history',
      { doc: this.doc, path: this.path, field: this.field, zone: this.zone || localTimeZone(), valueText: this.valueText },
      () => import('./crm-field-history'),
    )
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'crm-field-author': CrmFieldAuthor
  }
}
