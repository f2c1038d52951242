import { css } from 'lit'

/** crm-groups-page: the list's toolbar and table come from setup-list.styles. */
export const groupsPageStyles = css``
