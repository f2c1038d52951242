import { LitElement, html, nothing } from 'lit'
import { customElement, property, state } from 'lit/decorators.js'
import { live } from 'lit/directives/live.js'
import { repeat } from 'lit/directives/repeat.js'
import type * as Y from 'yjs'
import type { PresenceEntry } from '../../data/live-doc'
import { SubscriptionController } from '../../controllers/subscription-controller'
import { type TodoView, addTodo, moveTodo, newTodoId, nextOrder, sortedTodos, subscribeTodos } from '../../data/workspace'
import { t } from '../../i18n/locale'
import { LocaleController } from '../../i18n/locale-controller'
import { baseStyles } from '../../resources/styles'
import { todoListStyles } from './crm-todo-list.styles'

/**
 * The to-do list of a workspace, bound to its `todos` Y.Map: add, tick, edit, reorder, delete.
 * Every change is a Yjs transaction, so other tabs see it at once and it merges offline.
 * Shows who else is on which item (from presence focus `todo:<id>`).
 */
@customElement('crm-todo-list')
export class CrmTodoList extends LitElement {
  @property({ attribute: false }) todos!: Y.Map<Y.Map<unknown>>
  @property({ type: Boolean }) readOnly = false
  @property({ attribute: false }) presence: PresenceEntry[] = []
  /** Tells the document what we are on. */
  @property({ attribute: false }) onFocusChange: (focus: string | null) => void = () => {}
  @state() private version = 0
  private changes = new SubscriptionController(
    this,
    () => [this.todos],
    () => (this.todos ? subscribeTodos(this.todos, this.onChange) : null),
  )

  private readonly locale = new LocaleController(this)

  static styles = [baseStyles, todoListStyles]

  private onChange = () => this.version++

  render() {
    if (!this.todos) return nothing
    const list = sortedTodos(this.todos)
    const open = list.filter((t) => !t.done).length
    return html`
      ${
        this.readOnly
          ? nothing
          : html`<form class="add" @submit=${this.add}>
              <label for="new-todo" class="visually-hidden">${t('workspace.todo.new')}</label>
              <input
                id="new-todo"
                name="text"
                placeholder=${t('workspace.todo.newPlaceholder')}
                autocomplete="off"
                maxlength="500"
              />
              <button class="primary" type="submit">${t('workspace.todo.add')}</button>
            </form>`
      }
      ${
        list.length === 0
          ? html`<p class="empty">${this.readOnly ? t('workspace.todo.none') : t('workspace.todo.noneYet')}</p>`
          : html`<ul aria-label=${t('workspace.todo.list')}>
              ${repeat(
                list,
                (todo) => todo.id,
                (todo, i) => this.renderItem(todo, i, list),
              )}
            </ul>`
      }
      ${list.length ? html`<p class="summary">${t('workspace.todo.summary', { open, done: list.length - open })}</p>` : nothing}
    `
  }

  private renderItem(todo: TodoView, index: number, list: TodoView[]) {
    const others = this.presence.filter((p) => !p.self && p.focus === `todo:${todo.id}`)
    return html`<li
      class=${todo.done ? 'done' : ''}
      data-todo=${todo.id}
      @focusin=${() => this.onFocusChange(`todo:${todo.id}`)}
      @focusout=${() => this.onFocusChange(null)}
    >
      <input
        type="checkbox"
        .checked=${live(todo.done)}
        ?disabled=${this.readOnly}
        aria-label=${t('workspace.todo.done', { text: todo.text || t('workspace.todo.untitled') })}
        @change=${(e: Event) => todo.map.set('done', (e.target as HTMLInputElement).checked)}
      />
      <input
        class="text"
        aria-label=${t('workspace.todo.text')}
        .value=${live(todo.text)}
        ?readonly=${this.readOnly}
        maxlength="500"
        @input=${(e: Event) => todo.map.set('text', (e.target as HTMLInputElement).value)}
        @keydown=${(e: KeyboardEvent) => this.onItemKey(e, todo, index, list)}
        @blur=${(e: Event) => this.onBlur(e, todo)}
      />
      ${
        others.length
          ? html`<span class="others" title=${t('workspace.todo.alsoHere', { names: others.map((o) => o.user.name).join(', ') })}
              >${others.map((o) => html`<span style="background:${o.user.colour}"></span>`)}</span
            >`
          : nothing
      }
      ${
        this.readOnly
          ? nothing
          : html`<span class="tools">
              <button
                class="icon"
                type="button"
                aria-label=${t('workspace.todo.moveUp', { text: todo.text })}
                ?disabled=${index === 0}
                @click=${() => this.move(list, index, -1)}
              >
                ↑
              </button>
              <button
                class="icon"
                type="button"
                aria-label=${t('workspace.todo.moveDown', { text: todo.text })}
                ?disabled=${index === list.length - 1}
                @click=${() => this.move(list, index, 1)}
              >
                ↓
              </button>
              <button
                class="icon"
                type="button"
                aria-label=${t('workspace.todo.delete', { text: todo.text })}
                @click=${() => this.deleteTodo(todo)}
              >
                ✕
              </button>
            </span>`
      }
    </li>`
  }

  private add(e: Event) {
    e.preventDefault()
    const input = (e.target as HTMLFormElement).elements.namedItem('text') as HTMLInputElement
    const text = input.value.trim()
    if (!text || this.readOnly) return
    const doc = this.todos.doc
    if (!doc) return
    addTodo(doc, newTodoId(), { text, order: nextOrder(sortedTodos(this.todos)) })
    input.value = ''
    input.focus()
  }

  private move(list: TodoView[], index: number, step: -1 | 1) {
    const changes = moveTodo(list, index, step)
    if (!changes.length) return
    this.todos.doc?.transact(() => {
      for (const c of changes) c.map.set('order', c.order)
    })
  }

  private deleteTodo(t: TodoView) {
    this.todos.delete(t.id)
    this.renderRoot.querySelector<HTMLInputElement>('#new-todo')?.focus()
  }

  private onItemKey(e: KeyboardEvent, t: TodoView, index: number, list: TodoView[]) {
    if (e.key === 'Enter') {
      e.preventDefault()
      this.renderRoot.querySelector<HTMLInputElement>('#new-todo')?.focus()
    } else if (e.altKey && (e.key === 'ArrowUp' || e.key === 'ArrowDown')) {
      e.preventDefault()
      this.move(list, index, e.key === 'ArrowUp' ? -1 : 1)
      void this.updateComplete.then(() =>
        this.renderRoot.querySelector<HTMLInputElement>(`li[data-todo="${t.id}"] input.text`)?.focus(),
      )
    }
  }

  /** A to-do emptied and left is removed (an empty line helps nobody). */
  private onBlur(e: Event, t: TodoView) {
    if (!this.readOnly && (e.target as HTMLInputElement).value.trim() === '' && this.todos.has(t.id)) this.todos.delete(t.id)
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'crm-todo-list': CrmTodoList
  }
}
