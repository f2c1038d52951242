import { LitElement, html, nothing } from 'lit'
import { customElement, property, state } from 'lit/decorators.js'
import { live } from 'lit/directives/live.js'
import { repeat } from 'lit/directives/repeat.js'
import type * as Y from 'yjs'
import type { PresenceEntry } from '../../data/live-doc'
import { SubscriptionController } from '../../controllers/subscription-controller'
import { type TodoView, addTodo, moveTodo, newTodoId, nextOrder, sortedTodos, subscribeTodos } from '../../data/workspace'
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
              <label for="new-todo" class="visually-hidden">New to-do</label>
              <input id="new-todo" name="text" placeholder="Add a to-do…" autocomplete="off" maxlength="500" />
              <button class="primary" type="submit">Add</button>
            </form>`
      }
      ${
        list.length === 0
          ? html`<p class="empty">${this.readOnly ? 'No to-dos.' : 'Nothing to do yet. Add your first to-do above.'}</p>`
          : html`<ul aria-label="To-dos">
              ${repeat(
                list,
                (t) => t.id,
                (t, i) => this.renderItem(t, i, list),
              )}
            </ul>`
      }
      ${list.length ? html`<p class="summary">${open} open · ${list.length - open} done</p>` : nothing}
    `
  }

  private renderItem(t: TodoView, index: number, list: TodoView[]) {
    const others = this.presence.filter((p) => !p.self && p.focus === `todo:${t.id}`)
    return html`<li
      class=${t.done ? 'done' : ''}
      data-todo=${t.id}
      @focusin=${() => this.onFocusChange(`todo:${t.id}`)}
      @focusout=${() => this.onFocusChange(null)}
    >
      <input
        type="checkbox"
        .checked=${live(t.done)}
        ?disabled=${this.readOnly}
        aria-label="Done: ${t.text || 'untitled to-do'}"
        @change=${(e: Event) => t.map.set('done', (e.target as HTMLInputElement).checked)}
      />
      <input
        class="text"
        aria-label="To-do text"
        .value=${live(t.text)}
        ?readonly=${this.readOnly}
        maxlength="500"
        @input=${(e: Event) => t.map.set('text', (e.target as HTMLInputElement).value)}
        @keydown=${(e: KeyboardEvent) => this.onItemKey(e, t, index, list)}
        @blur=${(e: Event) => this.onBlur(e, t)}
      />
      ${
        others.length
          ? html`<span class="others" title="Also here: ${others.map((o) => o.user.name).join(', ')}"
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
                aria-label="Move up: ${t.text}"
                ?disabled=${index === 0}
                @click=${() => this.move(list, index, -1)}
              >
                ↑
              </button>
              <button
                class="icon"
                type="button"
                aria-label="Move down: ${t.text}"
                ?disabled=${index === list.length - 1}
                @click=${() => this.move(list, index, 1)}
              >
                ↓
              </button>
              <button class="icon" type="button" aria-label="Delete: ${t.text}" @click=${() => this.deleteTodo(t)}>✕</button>
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
