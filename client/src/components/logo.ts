import { html } from 'lit'

/** The Clubroom mark: a "C" on the primary colour (styles: `logoStyles` in logo.styles.ts). */
export const logo = html`<span class="logo" aria-hidden="true">C</span>`
