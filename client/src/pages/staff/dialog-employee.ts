import { css, html, nothing } from 'lit'
import { customElement, state } from 'lit/decorators.js'
import { fireEvent } from '../../common/fire-event'
import { dialogForm } from '../../components/dialog-form'
import { CrmDialogElement } from '../../components/dialogs'
import { dateInput } from '../../components/date-input'
import { field } from '../../components/field'
import { FormController } from '../../controllers/form-controller'
import { fetchBranches } from '../../data/branches'
import { createEmployee, fetchLogins, updateEmployee, type EmployeeFile, type EmployeeInput } from '../../data/staff'
import type { Branch } from '../../data/types'
import { LocaleController } from '../../i18n/locale-controller'
import { t } from '../../i18n/locale'
import { baseStyles } from '../../resources/styles'

/**
 * What the dialog opens with: a branch to add an employee in, or an employee's file to edit
 * (with the branches the viewer works in, null: every branch; only those can be ticked or unticked).
 */
export type EmployeeDialogParams = { branch: Branch } | { employee: EmployeeFile; myBranchIds: readonly string[] | null }

const FIELDS = ['name', 'positions', 'userId', 'phone', 'email', 'hiredOn', 'branchIds']

/** Positions as typed: "teacher, methodologist". */
const positionsOf = (text: string) =>
  text
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean)

const same = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, i) => x === b[i])

/**
 * "New employee" in a branch (name, positions, a login if they have one, phone, hired on) or
 * "Edit <name>" (also their branches, the first being where they are paid, and their login: linked
 * later, changed or unlinked). The login list is the logins no other employee has (GET
 * /api/staff/logins); the server's refusals sit beside their fields. Resolves with the file.
 * @example const saved = await showDialog(this, 'crm-dialog-employee', { employee: file, myBranchIds: null }, () => import('./dialog-employee'))
 */
@customElement('crm-dialog-employee')
export class CrmDialogEmployee extends CrmDialogElement<EmployeeDialogParams, EmployeeFile> {
  private form = new FormController(this, { fields: FIELDS })
  private readonly locale = new LocaleController(this)
  @state() private logins: Array<{ id: string; login: string; name: string }> = []
  @state() private branches: Branch[] = []
  /** The employee's branches as ticked, in order (the first is where they are paid). */
  @state() private branchIds: string[] = []
  static styles = [
    baseStyles,
    css`
      .branch-grid {
        display: grid;
        grid-template-columns: repeat(auto-fill, minmax(10rem, 1fr));
        gap: 8px 16px;
        margin-block: 6px;
      }
      .branch-grid label {
        display: flex;
        align-items: center;
        gap: 8px;
        font-weight: 400;
        overflow-wrap: anywhere;
      }
    `,
  ]

  showDialog(params: EmployeeDialogParams, close: (result?: EmployeeFile) => void) {
    super.showDialog(params, close)
    const editing = 'employee' in params ? params.employee : null
    void fetchLogins(editing?.id).then((l) => (this.logins = l))
    if (editing) {
      this.branchIds = [...editing.branchIds]
      void fetchBranches().then(
        (b) => (this.branches = b),
        () => (this.branches = []),
      )
    }
  }

  render() {
    const p = this.params
    if (!p) return nothing
    const e = 'employee' in p ? p.employee : null
    const fe = this.form.fieldErrors
    const input = (id: string, type = 'text', value = '') =>
      html`<input
        id=${id}
        name=${id}
        type=${type}
        .value=${value}
        aria-invalid=${this.form.invalid(id)}
        aria-describedby=${fe[id] ? `${id}-error` : nothing}
      />`
    return dialogForm(
      {
        heading: e
          ? t('staff.screens.employees.editTitle', { name: e.name })
          : t('staff.screens.employees.newIn', { branch: 'branch' in p ? p.branch.name : '' }),
        state: this.form,
        submitLabel: t('common.save'),
        onSubmit: this.submit,
        onClose: () => this.close(),
      },
      html`${field('name', t('staff.screens.employees.name'), input('name', 'text', e?.name ?? ''), { error: fe.name ?? (e ? undefined : fe.branchIds) })}
      ${field('positions', t('staff.screens.employees.positions'), input('positions', 'text', e?.positions.join(', ') ?? ''), {
        error: fe.positions,
        hint: t('staff.screens.employees.positionsHint'),
      })}
      ${e && 'myBranchIds' in p ? this.branchField(p.myBranchIds, fe.branchIds) : nothing}
      ${field(
        'userId',
        t('staff.screens.employees.login'),
        html`<select
          id="userId"
          name="userId"
          aria-invalid=${this.form.invalid('userId')}
          aria-describedby=${fe.userId ? 'userId-error' : nothing}
        >
          <option value="" ?selected=${!e?.userId}>${t('staff.screens.employees.noLogin')}</option>
          ${this.logins.map((u) => html`<option value=${u.id} ?selected=${u.id === e?.userId}>${u.name} (${u.login})</option>`)}
        </select>`,
        { error: fe.userId, hint: t('staff.screens.employees.loginHint') },
      )}
      ${field('phone', t('staff.screens.employees.phone'), input('phone', 'tel', e?.phone ?? ''), { error: fe.phone })}
      ${field(
        'hiredOn',
        t('staff.screens.employees.hiredOn'),
        dateInput({ id: 'hiredOn', name: 'hiredOn', value: e?.hiredOn ?? '', onChange: () => {}, invalid: !!fe.hiredOn }),
        { error: fe.hiredOn },
      )}`,
    )
  }

  /** The branches as checkboxes: those the viewer does not work in are shown as they are, not changeable. */
  private branchField(mine: readonly string[] | null, error: string | undefined) {
    const first = this.branches.find((b) => b.id === this.branchIds[0])
    const shown = this.branches.filter((b) => !mine || mine.includes(b.id) || this.branchIds.includes(b.id))
    return html`<fieldset aria-describedby=${error ? 'branchIds-error' : nothing}>
      <legend>${t('staff.screens.employees.branches')}</legend>
      <div class="branch-grid">
        ${shown.map(
          (b) =>
            html`<label
              ><input
                type="checkbox"
                name="branchIds"
                value=${b.id}
                .checked=${this.branchIds.includes(b.id)}
                ?disabled=${!!mine && !mine.includes(b.id)}
                @change=${this.onBranch}
              />${b.name}</label
            >`,
        )}
      </div>
      <span class="hint"
        >${
          first
            ? t('staff.screens.employees.paidIn', { branch: first.name })
            : this.branchIds.length
              ? nothing
              : t('staff.screens.employees.wholeCenter')
        }</span
      >
      ${error ? html`<span class="field-error" id="branchIds-error">${error}</span>` : nothing}
    </fieldset>`
  }

  /** Ticking adds the branch after the others; unticking removes it (the order of the rest is kept). */
  private onBranch = (ev: Event) => {
    const box = ev.target as HTMLInputElement
    this.branchIds = box.checked
      ? [...this.branchIds.filter((b) => b !== box.value), box.value]
      : this.branchIds.filter((b) => b !== box.value)
  }

  private submit = (data: FormData) => {
    const p = this.params
    if (!p) return
    const str = (k: string) => String(data.get(k) ?? '').trim()
    if (!str('name')) return this.form.refuse({ name: t('staff.nameRequired') })
    const fields = {
      name: str('name'),
      positions: positionsOf(str('positions')),
      userId: str('userId') || null,
      phone: str('phone') || null,
      hiredOn: str('hiredOn') || null,
    }
    void this.form.send(async () => {
      if (!('employee' in p)) {
        const saved = await createEmployee({ ...fields, branchIds: [p.branch.id] })
        fireEvent(this, 'crm-toast', { message: () => t('staff.screens.employees.saved', { name: saved.name }), kind: 'success' })
        return this.close(saved)
      }
      // only what changed
      const e = p.employee
      const patch: Partial<EmployeeInput> = {}
      if (fields.name !== e.name) patch.name = fields.name
      if (!same(fields.positions, e.positions)) patch.positions = fields.positions
      if (!same(this.branchIds, e.branchIds)) patch.branchIds = this.branchIds
      if (fields.userId !== e.userId) patch.userId = fields.userId
      if (fields.phone !== (e.phone ?? null)) patch.phone = fields.phone
      if (fields.hiredOn !== (e.hiredOn ?? null)) patch.hiredOn = fields.hiredOn
      const saved = Object.keys(patch).length ? await updateEmployee(e.id, patch) : e
      fireEvent(this, 'crm-toast', { message: () => t('staff.screens.employees.updated', { name: saved.name }), kind: 'success' })
      this.close(saved)
    })
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'crm-dialog-employee': CrmDialogEmployee
  }
}
