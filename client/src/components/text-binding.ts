import type * as Y from 'yjs'
import { type TextDelta, diffText, transformIndex } from '../common/text-diff'

/**
 * Binding a plain <textarea>/<input> to a shared Y.Text so that several people can type in
 * the same notes at once: local edits become the smallest insert/delete (never "replace all",
 * which would wipe a concurrent edit), and remote edits keep the local caret where it was.
 */

/** Applies the smallest edit that makes `ytext` read `next`, in one transaction. */
export function applyTextDiff(ytext: Y.Text, next: string): void {
  const edit = diffText(ytext.toString(), next)
  if (!edit) return
  const run = () => {
    if (edit.remove) ytext.delete(edit.index, edit.remove)
    if (edit.insert) ytext.insert(edit.index, edit.insert)
  }
  if (ytext.doc) ytext.doc.transact(run)
  else run()
}

/**
 * Keeps a textarea (or text input) and a Y.Text in step. Returns a disposer.
 * @example const off = bindText(this.renderRoot.querySelector('textarea')!, notesOf(doc))
 */
export function bindText(el: HTMLTextAreaElement | HTMLInputElement, ytext: Y.Text): () => void {
  if (el.value !== ytext.toString()) el.value = ytext.toString()
  const onInput = () => applyTextDiff(ytext, el.value)
  const observer = (event: Y.YTextEvent, tr: Y.Transaction) => {
    const text = ytext.toString()
    if (el.value === text) return
    const root = el.getRootNode() as Document | ShadowRoot
    const focused = root.activeElement === el
    const start = el.selectionStart ?? 0
    const end = el.selectionEnd ?? 0
    const delta = event.delta as TextDelta
    el.value = text
    if (focused && !tr.local) el.setSelectionRange(transformIndex(delta, start), transformIndex(delta, end))
  }
  el.addEventListener('input', onInput)
  ytext.observe(observer)
  return () => {
    el.removeEventListener('input', onInput)
    ytext.unobserve(observer)
  }
}
