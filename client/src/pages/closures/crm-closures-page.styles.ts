import { css } from 'lit'

/** crm-closures-page: the toolbar and table come from setup-list.styles. */
export const closuresPageStyles = css``
