import { createServer } from 'node:http'
import { describe, expect, it } from 'vitest'
import * as wsModule from 'ws'
import WebSocket, { WebSocketServer } from 'ws'
import { shareFrame, shareFrames, writeShared } from './frames'

describe('shareFrame', () => {
  it.each([0, 1, 125, 126, 65_535, 65_536, 70_000])(
    'frames %i bytes exactly as ws does for an unmasked binary message',
    (len) => {
      const payload = new Uint8Array(len).map((_, i) => i % 251)
      const ws = (wsModule as unknown as { Sender: { frame(d: Buffer, o: object): Buffer[] } }).Sender.frame(
        Buffer.from(payload),
        { fin: true, opcode: 2, mask: false, readOnly: false, rsv1: false },
      )
      expect(Buffer.compare(shareFrame(payload).frame, Buffer.concat(ws))).toBe(0)
    },
  )
})

describe('shareFrames', () => {
  it('puts several messages back to back, each framed as ws frames it', () => {
    const payloads = [1, 130, 70_000, 0].map((len) => new Uint8Array(len).fill(len % 256))
    const ws = (wsModule as unknown as { Sender: { frame(d: Buffer, o: object): Buffer[] } }).Sender
    const one = (p: Uint8Array) =>
      Buffer.concat(ws.frame(Buffer.from(p), { fin: true, opcode: 2, mask: false, readOnly: false, rsv1: false }))
    expect(Buffer.compare(shareFrames(payloads).frame, Buffer.concat(payloads.map(one)))).toBe(0)
  })
})

describe('writeShared', () => {
  it('delivers shared frames and ordinary sends to a real client in order', async () => {
    const http = createServer()
    const wss = new WebSocketServer({ server: http, perMessageDeflate: false })
    await new Promise<void>((r) => http.listen(0, '127.0.0.1', () => r()))
    const port = (http.address() as { port: number }).port
    const got: number[][] = []
    const done = new Promise<void>((resolve) => {
      const client = new WebSocket(`ws://127.0.0.1:${port}`)
      client.binaryType = 'nodebuffer'
      client.on('message', (data: Buffer) => {
        got.push([data.length, data[0] ?? -1])
        if (got.length === 7) {
          client.close()
          resolve()
        }
      })
    })
    const server = await new Promise<WebSocket>((r) => wss.once('connection', r))
    writeShared(server, shareFrame(new Uint8Array([1, 2, 3])))
    server.send(new Uint8Array(200).fill(2))
    writeShared(server, shareFrame(new Uint8Array(300).fill(3)))
    writeShared(server, shareFrame(new Uint8Array(70_000).fill(4)))
    writeShared(server, shareFrame(new Uint8Array(0)))
    // one write, two messages
    writeShared(server, shareFrames([new Uint8Array([5, 5]), new Uint8Array(140).fill(6)]))
    await done
    expect(got).toEqual([
      [3, 1],
      [200, 2],
      [300, 3],
      [70_000, 4],
      [0, -1],
      [2, 5],
      [140, 6],
    ])
    wss.close()
    http.close()
  })
})
