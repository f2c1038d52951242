import { html, nothing } from 'lit'
import { isMessageId } from '../../../../domain/i18n/catalogue'
import { t } from '../../i18n/locale'
import { flagLabel, statusLabel } from './labels'

/** A form error as shown: a rule's message id in the language on screen, a server's text as it came. */
export const errorText = (error: string | undefined): string | undefined => (error && isMessageId(error) ? t(error) : error)

/** A client's status as a coloured chip (styles: `clientStyles` in shared.styles.ts). */
export const statusChip = (status: string) => html`<span class="status ${status}">${statusLabel(status)}</span>`

/** Red badge for an incomplete file, an allergy badge, and any other flag as a soft red badge. */
export function flagBadges(flags: readonly string[]) {
  if (!flags.length) return nothing
  return html`<span class="flags"
    >${flags.map((f) => {
      const cls = f === 'file_incomplete' ? 'red' : f === 'allergy' ? 'allergy' : 'other'
      return html`<span class="badge ${cls}" data-flag=${f}>${f === 'file_incomplete' ? '⚑ ' : ''}${flagLabel(f)}</span>`
    })}</span
  >`
}
