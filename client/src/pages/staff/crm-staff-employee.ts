import { LitElement, css, html, nothing } from 'lit'
import { customElement, property, state } from 'lit/decorators.js'
import { fireEvent } from '../../common/fire-event'
import { navigate } from '../../common/navigate'
import { showDialog } from '../../components/dialogs'
import { SubscriptionController } from '../../controllers/subscription-controller'
import { ApiError } from '../../data/api'
import { fetchBranches } from '../../data/branches'
import {
  addNote,
  documentUrl,
  fetchEmployee,
  staffAbilities,
  subscribeStaffChanges,
  uploadEmployeeDocument,
  type EmployeeFile,
} from '../../data/staff'
import type { Branch } from '../../data/types'
import { LocaleController } from '../../i18n/locale-controller'
import { t } from '../../i18n/locale'
import { baseStyles, pageStyles } from '../../resources/styles'
import type { PageContext } from '../../types'
import { day, hours, money, month, schemeDates, schemeWords } from './crm-staff-employee-words'

/** The month before or after a month (YYYY-MM). */
function shift(ym: string, by: number): string {
  const d = new Date(`${ym}-01T00:00:00Z`)
  d.setUTCMonth(d.getUTCMonth() + by)
  return d.toISOString().slice(0, 7)
}

const today = () => new Intl.DateTimeFormat('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date())

/**
 * An employee's file (/staff/employees/<id>): the person, pay schemes with their dates ("Change
 * pay from…"), bonuses and deductions, what they gave in a month (lessons and other services,
 * hours, clients taught), observations and documents.
 */
@customElement('crm-staff-employee')
export class CrmStaffEmployee extends LitElement {
  @property({ attribute: false }) ctx!: PageContext
  @property() employeeId = ''
  @state() private file: EmployeeFile | null = null
  @state() private month = ''
  @state() private error: string | null = null
  @state() private noteError: string | null = null
  @state() private uploadError: string | null = null
  /** The center's branches, for the names of the employee's. */
  @state() private branches: Branch[] = []
  private readonly locale = new LocaleController(this)
  private changes = new SubscriptionController(
    this,
    () => [this.ctx?.live, this.employeeId, this.month],
    () => {
      void this.load()
      return subscribeStaffChanges(this.ctx.live, () => void this.load())
    },
  )

  static styles = [
    baseStyles,
    pageStyles,
    css`
      section {
        margin-block: 1.5rem;
      }
      section h2 {
        display: flex;
        gap: 0.75rem;
        align-items: center;
        flex-wrap: wrap;
        font-size: 1.15rem;
      }
      section h2 .spacer {
        flex: 1;
      }
      dl.person {
        display: grid;
        grid-template-columns: max-content 1fr;
        gap: 0.25rem 1rem;
      }
      dl.person dt {
        color: var(--crm-muted, #555);
      }
      table {
        border-collapse: collapse;
        width: 100%;
      }
      th,
      td {
        text-align: start;
        padding: 0.35rem 0.5rem;
        border-bottom: 1px solid var(--crm-border, #ddd);
        overflow-wrap: anywhere;
      }
      td.num,
      th.num {
        text-align: end;
        white-space: nowrap;
      }
      .totals {
        display: flex;
        gap: 1.5rem;
        flex-wrap: wrap;
      }
      .month-nav {
        display: inline-flex;
        gap: 0.5rem;
        align-items: center;
      }
      .note-form {
        display: flex;
        gap: 0.5rem;
        align-items: flex-end;
        flex-wrap: wrap;
      }
      .note-form textarea {
        flex: 1;
        min-width: 16rem;
      }
      ul.plain {
        list-style: none;
        padding: 0;
      }
      ul.plain li {
        padding-block: 0.3rem;
      }
    `,
  ]

  connectedCallback() {
    super.connectedCallback()
    void fetchBranches().then(
      (b) => (this.branches = b),
      () => (this.branches = []),
    )
  }

  private async load() {
    try {
      this.file = await fetchEmployee(this.employeeId, this.month || undefined)
      this.month ||= this.file.month
      this.error = null
    } catch (e) {
      this.error = e instanceof ApiError ? e.userMessage : t('staff.screens.loadError')
    }
  }

  render() {
    const f = this.file
    if (!f)
      return html`${this.error ? html`<p class="alert error" role="alert">${this.error}</p>` : html`<p class="muted">${t('staff.screens.loading')}</p>`}`
    const can = staffAbilities(this.ctx.user.roles)
    return html`<p><a href="/staff" @click=${this.back}>← ${t('staff.screens.file.back')}</a></p>
      <div class="page-header">
        <div>
          <h1>${f.name}</h1>
          <p data-positions>${f.positions.join(', ')}</p>
        </div>
        ${can.manage ? html`<button class="primary" data-edit @click=${this.edit}>${t('staff.screens.employees.edit')}</button>` : nothing}
      </div>
      ${this.error ? html`<p class="alert error" role="alert">${this.error}</p>` : nothing} ${this.person(f)}
      ${this.schemes(f, can.setPay)} ${this.adjustments(f, can.setPay)} ${this.given(f, can.manage)} ${this.notes(f, can.manage)}
      ${this.documents(f, can.manage)}`
  }

  private person(f: EmployeeFile) {
    const row = (label: string, value: unknown) =>
      html`<dt>${label}</dt>
        <dd>${value}</dd>`
    return html`<section aria-labelledby="h-person">
      <h2 id="h-person">${t('staff.screens.file.person')}</h2>
      <dl class="person">
        ${row(t('staff.screens.employees.login'), html`<span data-login>${f.login ?? t('staff.screens.employees.noLogin')}</span>`)}
        ${row(
          t('staff.screens.employees.branches'),
          f.branchIds.length
            ? f.branchIds.map((id) => this.branches.find((b) => b.id === id)?.name ?? '…').join(', ')
            : t('staff.screens.employees.wholeCenter'),
        )}
        ${f.phone ? row(t('staff.screens.employees.phone'), f.phone) : nothing}
        ${f.email ? row(t('staff.screens.employees.email'), f.email) : nothing}
        ${f.hiredOn ? row(t('staff.screens.employees.hiredOn'), day(f.hiredOn)) : nothing}
        ${row(
          t('staff.screens.employees.scheme'),
          f.currentScheme ? schemeWords(f.currentScheme) : t('staff.screens.employees.noScheme'),
        )}
      </dl>
    </section>`
  }

  private schemes(f: EmployeeFile, canPay: boolean) {
    return html`<section aria-labelledby="h-schemes">
      <h2 id="h-schemes">
        ${t('staff.screens.file.schemes')}<span class="spacer"></span>
        ${canPay ? html`<button class="small primary" @click=${this.changePay}>${t('staff.screens.scheme.changeButton')}</button>` : nothing}
      </h2>
      ${
        f.schemes.length
          ? html`<table>
              <thead>
                <tr>
                  <th scope="col">${t('staff.screens.scheme.period')}</th>
                  <th scope="col">${t('staff.screens.scheme.rates')}</th>
                  <th scope="col">${t('staff.screens.scheme.note')}</th>
                </tr>
              </thead>
              <tbody>
                ${[...f.schemes].reverse().map(
                  (s) =>
                    html`<tr data-scheme=${s.validFrom}>
                      <td>${schemeDates(s)}</td>
                      <td>${schemeWords(s)}</td>
                      <td>${s.note}</td>
                    </tr>`,
                )}
              </tbody>
            </table>`
          : html`<p class="muted">${t('staff.screens.employees.noScheme')}</p>`
      }
    </section>`
  }

  private adjustments(f: EmployeeFile, canPay: boolean) {
    return html`<section aria-labelledby="h-adjustments">
      <h2 id="h-adjustments">
        ${t('staff.screens.file.adjustments')}<span class="spacer"></span>
        ${canPay ? html`<button class="small" @click=${this.addAdjustment}>${t('staff.screens.adjustment.addButton')}</button>` : nothing}
      </h2>
      ${
        f.adjustments.length
          ? html`<table>
              <thead>
                <tr>
                  <th scope="col">${t('staff.screens.adjustment.on')}</th>
                  <th scope="col">${t('staff.screens.adjustment.kind')}</th>
                  <th scope="col" class="num">${t('staff.screens.adjustment.amount')}</th>
                  <th scope="col">${t('staff.screens.adjustment.reason')}</th>
                </tr>
              </thead>
              <tbody>
                ${f.adjustments.map(
                  (a) =>
                    html`<tr>
                      <td>${day(a.on)}</td>
                      <td>${t(`staff.screens.adjustment.${a.kind}`)}</td>
                      <td class="num">${money(a.kind === 'deduction' ? -a.amount : a.amount)}</td>
                      <td>${a.reason}</td>
                    </tr>`,
                )}
              </tbody>
            </table>`
          : html`<p class="muted">${t('staff.screens.adjustment.none')}</p>`
      }
    </section>`
  }

  private given(f: EmployeeFile, canManage: boolean) {
    return html`<section aria-labelledby="h-given">
      <h2 id="h-given">
        ${t('staff.screens.file.given')}
        <span class="month-nav">
          <button
            class="small"
            @click=${() => (this.month = shift(this.month, -1))}
            aria-label=${t('staff.screens.file.prevMonth')}
          >
            ‹
          </button>
          <span>${month(f.month)}</span>
          <button
            class="small"
            @click=${() => (this.month = shift(this.month, 1))}
            aria-label=${t('staff.screens.file.nextMonth')}
          >
            ›
          </button>
        </span>
        <span class="spacer"></span>
        ${canManage ? html`<button class="small" @click=${this.addService}>${t('staff.screens.service.addButton')}</button>` : nothing}
      </h2>
      <p class="totals">
        <span>${t('staff.screens.file.lessonsCount', { n: f.totals.lessons })}</span>
        <span>${t('staff.screens.file.hoursTotal', { hours: hours(f.totals.minutes) })}</span>
        <span>${t('staff.screens.file.clientsTaught', { n: f.totals.clientsTaught })}</span>
      </p>
      ${
        f.lessons.length || f.services.length
          ? html`<table>
              <thead>
                <tr>
                  <th scope="col">${t('staff.screens.file.day')}</th>
                  <th scope="col">${t('staff.screens.file.what')}</th>
                  <th scope="col" class="num">${t('staff.screens.file.minutes')}</th>
                  <th scope="col" class="num">${t('staff.screens.file.attending')}</th>
                </tr>
              </thead>
              <tbody>
                ${f.lessons.map(
                  (l) =>
                    html`<tr>
                      <td>${day(l.day)}</td>
                      <td>${[l.groupName, l.activityName].filter(Boolean).join(' · ')}</td>
                      <td class="num">${l.minutes}</td>
                      <td class="num">${l.attending}</td>
                    </tr>`,
                )}
                ${f.services.map(
                  (s) =>
                    html`<tr>
                      <td>${day(s.on)}</td>
                      <td>
                        ${t(`staff.screens.service.${s.kind}`)}${s.note ? ` · ${s.note}` : ''}${s.fee ? ` · ${money(s.fee)}` : ''}
                      </td>
                      <td class="num">${s.minutes}</td>
                      <td class="num">${s.clients}</td>
                    </tr>`,
                )}
              </tbody>
            </table>`
          : html`<p class="muted">${t('staff.screens.file.nothingGiven')}</p>`
      }
    </section>`
  }

  private notes(f: EmployeeFile, canManage: boolean) {
    return html`<section aria-labelledby="h-notes">
      <h2 id="h-notes">${t('staff.screens.file.notes')}</h2>
      ${
        canManage
          ? html`<form class="note-form" @submit=${this.onNote}>
              <div class="field grow">
                <label for="note">${t('staff.screens.file.newNote')}</label>
                <textarea id="note" name="text" rows="2"></textarea>
                ${this.noteError ? html`<span class="field-error">${this.noteError}</span>` : nothing}
              </div>
              <button type="submit">${t('staff.screens.file.addNote')}</button>
            </form>`
          : nothing
      }
      ${
        f.notes.length
          ? html`<ul class="plain">
              ${f.notes.map(
                (n) =>
                  html`<li>
                    <span class="muted">${day(n.at.slice(0, 10))}${n.byName ? ` · ${n.byName}` : ''}</span><br />${n.text}
                  </li>`,
              )}
            </ul>`
          : html`<p class="muted">${t('staff.screens.file.noNotes')}</p>`
      }
    </section>`
  }

  private documents(f: EmployeeFile, canManage: boolean) {
    return html`<section aria-labelledby="h-docs">
      <h2 id="h-docs">${t('staff.screens.file.documents')}</h2>
      ${
        canManage
          ? html`<div class="note-form">
              <div class="field">
                <label for="doc-kind">${t('staff.screens.file.docKind')}</label>
                <select id="doc-kind">
                  ${(['contract', 'certificate', 'other'] as const).map((k) => html`<option value=${k}>${t(`staff.screens.doc.${k}`)}</option>`)}
                </select>
              </div>
              <div class="field">
                <label class="button">
                  ${t('staff.screens.file.upload')}
                  <input
                    id="doc-file"
                    class="visually-hidden"
                    type="file"
                    accept="application/pdf,image/jpeg,image/png,.pdf,.jpg,.jpeg,.png"
                    @change=${this.onUpload}
                  />
                </label>
                ${this.uploadError ? html`<span class="field-error">${this.uploadError}</span>` : nothing}
              </div>
            </div>`
          : nothing
      }
      ${
        f.documents.length
          ? html`<ul class="plain">
              ${f.documents.map(
                (d) =>
                  html`<li>
                    <a href=${documentUrl(f.id, d.id)} download=${d.fileName}>${d.fileName}</a>
                    <span class="muted"
                      >· ${t(`staff.screens.doc.${d.kind as 'contract' | 'certificate' | 'other'}`)} ·
                      ${day(d.createdAt.slice(0, 10))}</span
                    >
                  </li>`,
              )}
            </ul>`
          : html`<p class="muted">${t('staff.screens.file.noDocuments')}</p>`
      }
    </section>`
  }

  private back = (e: Event) => {
    e.preventDefault()
    navigate('/staff')
  }

  private edit = async () => {
    const f = this.file
    if (!f) return
    const u = this.ctx.user
    const saved = await showDialog(
      this,
      'crm-dialog-employee',
      { employee: f, myBranchIds: u.roles.includes('owner') || !u.branchIds.length ? null : u.branchIds },
      () => import('./dialog-employee'),
    )
    if (saved) await this.load()
  }

  private changePay = async () => {
    const f = this.file
    if (!f) return
    const saved = await showDialog(
      this,
      'crm-dialog-scheme',
      { employeeId: f.id, name: f.name, current: f.currentScheme },
      () => import('./dialog-scheme'),
    )
    if (saved) await this.load()
  }

  private addAdjustment = async () => {
    const f = this.file
    if (!f) return
    const saved = await showDialog(
      this,
      'crm-dialog-adjustment',
      { employeeId: f.id, name: f.name, today: today() },
      () => import('./dialog-adjustment'),
    )
    if (saved) await this.load()
  }

  private addService = async () => {
    const f = this.file
    if (!f) return
    const saved = await showDialog(
      this,
      'crm-dialog-service',
      { employeeId: f.id, name: f.name, today: today() },
      () => import('./dialog-service'),
    )
    if (saved) await this.load()
  }

  private onNote = async (e: Event) => {
    e.preventDefault()
    const form = e.target as HTMLFormElement
    const text = String(new FormData(form).get('text') ?? '').trim()
    if (!text) return void (this.noteError = t('staff.noteRequired'))
    try {
      await addNote(this.employeeId, text)
      form.reset()
      this.noteError = null
      await this.load()
    } catch (err) {
      this.noteError = err instanceof ApiError ? err.userMessage : t('staff.screens.loadError')
    }
  }

  private onUpload = async (e: Event) => {
    const input = e.target as HTMLInputElement
    const file = input.files?.[0]
    if (!file) return
    const kind = this.renderRoot.querySelector<HTMLSelectElement>('#doc-kind')?.value ?? 'other'
    try {
      await uploadEmployeeDocument(this.employeeId, file, kind)
      this.uploadError = null
      input.value = ''
      fireEvent(this, 'crm-toast', { message: () => t('staff.screens.file.uploaded', { name: file.name }), kind: 'success' })
      await this.load()
    } catch (err) {
      this.uploadError = err instanceof ApiError ? (err.fields?.file ?? err.userMessage) : t('staff.screens.loadError')
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'crm-staff-employee': CrmStaffEmployee
  }
}
