import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import { beforeEach, describe, expect, it } from 'vitest'
import type { WebsocketProvider } from 'y-websocket'
import { paceSyncMessages } from './paced-sync'

/** A provider stand-in: only the handler table the pacing wraps; the handler records what it applied. */
function fakeProvider() {
  const applied: string[] = []
  const handler = (enc: encoding.Encoder, dec: decoding.Decoder) => {
    encoding.writeVarUint(enc, 0)
    const sub = decoding.readVarUint(dec)
    const label = decoding.readVarString(dec)
    applied.push(label)
    if (sub === 0) encoding.writeVarString(enc, `reply to ${label}`)
  }
  return { applied, provider: { messageHandlers: [handler] } as unknown as WebsocketProvider }
}

/** A sync message as the provider hands it over: the type already read, the sub-type next. */
function message(sub: 0 | 1 | 2, label: string, size = 10) {
  const e = encoding.createEncoder()
  encoding.writeVarUint(e, 0)
  encoding.writeVarUint(e, sub)
  encoding.writeVarString(e, label.padEnd(size, '.'))
  const d = decoding.createDecoder(encoding.toUint8Array(e))
  decoding.readVarUint(d)
  return d
}

describe('paceSyncMessages', () => {
  const turns: Array<() => void> = []
  const nextTurn = (fn: () => void) => turns.push(fn)
  const browserTurn = () => turns.shift()?.()
  const deliver = (provider: WebsocketProvider, d: decoding.Decoder) => {
    const enc = encoding.createEncoder()
    provider.messageHandlers[0](enc, d, provider, true, 0)
    return enc
  }
  const trim = (xs: string[]) => xs.map((x) => x.replace(/\.+$/, ''))
  beforeEach(() => {
    turns.length = 0
  })

  it('passes small messages straight through, in order', () => {
    const { applied, provider } = fakeProvider()
    paceSyncMessages(provider, { largeBytes: 1000, nextTurn })
    deliver(provider, message(2, 'a'))
    deliver(provider, message(2, 'b'))
    deliver(provider, message(1, 'c'))
    expect(trim(applied)).toEqual(['a', 'b', 'c'])
    expect(turns).toHaveLength(0)
  })

  it('lets the browser have its turn before a large message; what follows waits, in the server’s order, one per turn on a zero budget', () => {
    const { applied, provider } = fakeProvider()
    paceSyncMessages(provider, { largeBytes: 1000, budgetMs: 0, nextTurn })
    deliver(provider, message(2, 'slice1', 2000))
    deliver(provider, message(2, 'slice2', 2000))
    deliver(provider, message(2, 'edit'))
    deliver(provider, message(1, 'step2', 2000))
    expect(trim(applied)).toEqual([])
    browserTurn()
    expect(trim(applied)).toEqual(['slice1'])
    browserTurn()
    expect(trim(applied)).toEqual(['slice1', 'slice2'])
    browserTurn()
    expect(trim(applied)).toEqual(['slice1', 'slice2', 'edit'])
    browserTurn()
    expect(trim(applied)).toEqual(['slice1', 'slice2', 'edit', 'step2'])
    expect(turns).toHaveLength(0)
    // the queue is empty again: a small message passes straight through
    deliver(provider, message(2, 'later'))
    expect(trim(applied).at(-1)).toBe('later')
  })

  it('applies what waited for up to the budget in one turn', () => {
    const { applied, provider } = fakeProvider()
    paceSyncMessages(provider, { largeBytes: 1000, budgetMs: 1_000, nextTurn })
    deliver(provider, message(2, 'slice1', 2000))
    deliver(provider, message(2, 'slice2', 2000))
    deliver(provider, message(1, 'step2', 2000))
    expect(trim(applied)).toEqual([])
    browserTurn()
    expect(trim(applied)).toEqual(['slice1', 'slice2', 'step2'])
    expect(turns).toHaveLength(0)
  })

  it('answers sync step 1 at once, even behind queued slices', () => {
    const { applied, provider } = fakeProvider()
    paceSyncMessages(provider, { largeBytes: 1000, nextTurn })
    deliver(provider, message(2, 'slice1', 2000))
    deliver(provider, message(2, 'slice2', 2000))
    const reply = deliver(provider, message(0, 'step1'))
    // (not queued: answered before the slices)
    expect(trim(applied)).toEqual(['step1'])
    const d = decoding.createDecoder(encoding.toUint8Array(reply))
    decoding.readVarUint(d)
    expect(decoding.readVarString(d)).toMatch(/^reply to step1\.*$/)
    while (turns.length) browserTurn()
    expect(trim(applied)).toEqual(['step1', 'slice1', 'slice2'])
  })

  it('uses the idle period the browser reports: several messages in a long one, one in a short one', () => {
    const { applied, provider } = fakeProvider()
    const idle: Array<(ms?: number) => void> = []
    paceSyncMessages(provider, { largeBytes: 1000, budgetMs: 0, nextTurn: (fn) => idle.push(fn) })
    for (const l of ['s1', 's2', 's3', 's4']) deliver(provider, message(2, l, 2000))
    idle.shift()!(5) // less than a message's reserve: one message
    expect(trim(applied)).toEqual(['s1'])
    idle.shift()!(50) // a long idle period: the rest
    expect(trim(applied)).toEqual(['s1', 's2', 's3', 's4'])
    expect(idle).toHaveLength(0)
  })

  it('applies everything at once in a hidden tab, also what waited from before it was hidden', () => {
    const { applied, provider } = fakeProvider()
    let hidden = false
    paceSyncMessages(provider, { largeBytes: 1000, budgetMs: 0, nextTurn, isHidden: () => hidden })
    deliver(provider, message(2, 'slice1', 2000))
    deliver(provider, message(2, 'slice2', 2000))
    expect(trim(applied)).toEqual([])
    hidden = true
    deliver(provider, message(2, 'slice3', 2000))
    deliver(provider, message(1, 'step2', 2000))
    expect(trim(applied)).toEqual(['slice1', 'slice2', 'slice3', 'step2'])
    while (turns.length) browserTurn()
    expect(trim(applied)).toEqual(['slice1', 'slice2', 'slice3', 'step2'])
  })

  it('drops what is queued when disposed and hands the table back', () => {
    const { applied, provider } = fakeProvider()
    const original = provider.messageHandlers[0]
    const dispose = paceSyncMessages(provider, { largeBytes: 1000, nextTurn })
    deliver(provider, message(2, 'slice1', 2000))
    browserTurn()
    deliver(provider, message(2, 'slice2', 2000))
    dispose()
    while (turns.length) browserTurn()
    expect(trim(applied)).toEqual(['slice1'])
    expect(provider.messageHandlers[0]).toBe(original)
  })
})
