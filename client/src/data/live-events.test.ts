import { EventEmitter } from 'node:events'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { LiveEvents, RECONNECT_AFTER_SERVER_DISCONNECT_MS } from './live-events'

/** Just what LiveEvents uses of a socket.io-client Socket. */
class FakeSocket extends EventEmitter {
  recovered = false
  connect = vi.fn()
  disconnect = vi.fn()
  override emit(event: string | symbol, ...args: unknown[]): boolean {
    return super.emit(event, ...args)
  }
}

function make(onUnauthenticated = vi.fn()) {
  const socket = new FakeSocket()
  const live = new LiveEvents({ onUnauthenticated }, socket as never)
  return { socket, live, onUnauthenticated }
}

afterEach(() => vi.useRealTimers())

describe('LiveEvents after the server drops the connection', () => {
  it('connects again when the server disconnected it (roles or branches changed)', () => {
    vi.useFakeTimers()
    const { socket, live } = make()
    socket.emit('connect')
    socket.emit('disconnect', 'io server disconnect')
    expect(live.status).toBe('disconnected')
    vi.advanceTimersByTime(RECONNECT_AFTER_SERVER_DISCONNECT_MS)
    expect(socket.connect).toHaveBeenCalledTimes(1)
  })

  it('leaves other disconnects to socket.io, and does nothing once closed', () => {
    vi.useFakeTimers()
    const { socket, live } = make()
    socket.emit('connect')
    socket.emit('disconnect', 'transport close')
    vi.advanceTimersByTime(RECONNECT_AFTER_SERVER_DISCONNECT_MS * 2)
    expect(socket.connect).not.toHaveBeenCalled()
    socket.emit('disconnect', 'io server disconnect')
    live.close()
    vi.advanceTimersByTime(RECONNECT_AFTER_SERVER_DISCONNECT_MS * 2)
    expect(socket.connect).not.toHaveBeenCalled()
  })

  it('asks the app to check the session when the new handshake is refused', () => {
    const { socket, onUnauthenticated } = make()
    socket.emit('connect_error', new Error('unauthenticated'))
    expect(onUnauthenticated).toHaveBeenCalledTimes(1)
  })

  it('tells resync listeners after a fresh (not recovered) reconnect', () => {
    const { socket, live } = make()
    const resync = vi.fn()
    live.onResync(resync)
    socket.emit('connect')
    expect(resync).not.toHaveBeenCalled()
    socket.emit('disconnect', 'io server disconnect')
    socket.emit('connect')
    expect(resync).toHaveBeenCalledTimes(1)
  })
})

describe('LiveEvents delivery', () => {
  it('gives every listener of an event each event once, however many listen (a repeat of an eventId is dropped for all)', () => {
    const { socket, live } = make()
    const toasts = vi.fn()
    const list = vi.fn()
    live.on('alert.raised', toasts)
    const off = live.on('alert.raised', list)
    const raised = { eventId: 'e1', id: '1', kind: 'k', subject: 'client:1', severity: 'warning', message: 'm' }
    socket.emit('alert.raised', raised)
    socket.emit('alert.raised', raised)
    expect(toasts).toHaveBeenCalledTimes(1)
    expect(list).toHaveBeenCalledTimes(1)
    off()
    socket.emit('alert.raised', { ...raised, eventId: 'e2' })
    expect(toasts).toHaveBeenCalledTimes(2)
    expect(list).toHaveBeenCalledTimes(1)
  })
})
