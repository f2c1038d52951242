import { LitElement, html } from 'lit'
import { customElement, property } from 'lit/decorators.js'
import type { PresenceEntry } from '../data/live-doc'
import { LocaleController } from '../i18n/locale-controller'
import { t } from '../i18n/locale'
import { avatarBackground } from './avatar-colour'
import { presenceListStyles } from './crm-presence-list.styles'

/** "Anna Petrova" → "AP" */
export function initials(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean)
  if (parts.length === 0) return '?'
  return (parts[0][0] + (parts.length > 1 ? parts[parts.length - 1][0] : '')).toUpperCase()
}

/** The label of one presence entry: "Anna Petrova (you)", "Anna Petrova (another tab)". */
export function presenceLabel(entry: PresenceEntry, selfUserId: string | null): string {
  if (entry.self) return t('common.presence.you', { name: entry.user.name })
  if (entry.user.id === selfUserId) return t('common.presence.otherTab', { name: entry.user.name })
  return entry.user.name
}

/** Who is in a document: coloured initials, names on hover and for screen readers. */
@customElement('crm-presence-list')
export class CrmPresenceList extends LitElement {
  @property({ attribute: false }) presence: PresenceEntry[] = []
  private readonly locale = new LocaleController(this)

  static styles = presenceListStyles

  render() {
    const selfUser = this.presence.find((p) => p.self)?.user.id ?? null
    const shown = this.presence.slice(0, 6)
    const rest = this.presence.length - shown.length
    const names = this.presence.map((p) => presenceLabel(p, selfUser))
    return html`<ul aria-label=${t('common.presence.label', { names: names.join(', ') })} data-testid="presence">
      ${shown.map((p) => {
        const label = presenceLabel(p, selfUser)
        return html`<li data-user=${p.user.id} data-self=${p.self ? 'true' : 'false'} title=${label}>
          <span class="avatar" style="background:${avatarBackground(p.user.colour)}" aria-hidden="true"
            >${initials(p.user.name)}</span
          >
        </li>`
      })}
      ${rest > 0 ? html`<li title=${names.slice(shown.length).join(', ')}><span class="avatar more" aria-hidden="true">+${rest}</span></li>` : ''}
    </ul>`
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'crm-presence-list': CrmPresenceList
  }
}
