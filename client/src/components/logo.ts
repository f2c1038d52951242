import { html } from 'lit'

/** The mark's letter: part of the brand, the same in every language. */
const MARK = 'C'

/** The Clubroom mark: a "C" on the primary colour (styles: `logoStyles` in logo.styles.ts). */
export const logo = html`<span class="logo" aria-hidden="true">${MARK}</span>`
