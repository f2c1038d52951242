import { LitElement, html } from 'lit'
import { customElement, property } from 'lit/decorators.js'
import type { Branch } from '../../data/types'
import type { PageContext } from '../../types'

/** (being built) */
@customElement('crm-staff-employees')
export class CrmStaffEmployees extends LitElement {
  @property({ attribute: false }) ctx!: PageContext
  @property({ attribute: false }) branch!: Branch

  render() {
    return html``
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'crm-staff-employees': CrmStaffEmployees
  }
}
