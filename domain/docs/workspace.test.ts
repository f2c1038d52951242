import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { splitDocName } from './doc-names'
import { userColour } from './presence'
import { addTodo, encodeWorkspaceDocName, initWorkspace, parseWorkspaceDocName, workspaceToJSON } from './workspace'

const uid = '6f1c2a9e-1111-4000-8000-000000000001'

describe('workspace documents', () => {
  it('round-trips its name', () => {
    expect(encodeWorkspaceDocName(uid)).toBe(`workspace:${uid}`)
    expect(parseWorkspaceDocName(`workspace:${uid}`)).toEqual({ userId: uid })
    expect(parseWorkspaceDocName(`client:${uid}`)).toBeNull()
    expect(parseWorkspaceDocName('workspace:nope')).toBeNull()
  })

  it('declares its roots without writing an update', () => {
    const doc = new Y.Doc()
    let updates = 0
    doc.on('update', () => updates++)
    initWorkspace(doc)
    expect(updates).toBe(0)
    expect(workspaceToJSON(doc)).toEqual({ todos: {}, notes: '' })
  })

  it('adds a todo as one whole entry', () => {
    const doc = new Y.Doc()
    let updates = 0
    doc.on('update', () => updates++)
    addTodo(doc, 't1', { text: 'Call', createdAt: '2026-01-01T00:00:00.000Z' })
    expect(updates).toBe(1)
    expect(workspaceToJSON(doc).todos.t1).toEqual({ text: 'Call', done: false, order: 0, createdAt: '2026-01-01T00:00:00.000Z' })
  })
})

describe('names and presence', () => {
  it('splits type:key and refuses anything else', () => {
    expect(splitDocName('timetable:b1:2026-W48')).toEqual({ type: 'timetable', key: 'b1:2026-W48' })
    expect(splitDocName('no key')).toBeNull()
    expect(splitDocName('a:b c')).toBeNull()
  })

  it('gives each user a stable #rrggbb colour', () => {
    expect(userColour(uid)).toMatch(/^#[0-9a-f]{6}$/)
    expect(userColour(uid)).toBe(userColour(uid))
    expect(userColour(uid)).not.toBe(userColour('6f1c2a9e-1111-4000-8000-000000000002'))
  })
})
