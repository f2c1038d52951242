import * as encoding from 'lib0/encoding'
import * as Y from 'yjs'

/**
 * Yjs updates (format v1) written from a document's struct store, for two jobs Yjs has no public
 * call for:
 * - `encodeTransactionUpdate`: the update one transaction made, exactly the bytes of Yjs' own
 *   'update' event, but only when asked. Yjs encodes every transaction for any 'update' listener,
 *   including the server's 1 MB week arriving in a browser that only needs to forward local edits.
 * - `encodeStateInSlices`: a document's state for a peer, cut into updates of about `maxBytes`
 *   each (whole structs, in clock order per client), so a large document arrives as several
 *   messages a browser applies in separate tasks instead of one long one.
 * Both write structs with the structs' own `write` methods and the delete set the way Yjs does
 * (yjs/src/utils/encoding.js writeStructs, writeClientsStructs; DeleteSet.js writeDeleteSet).
 */

type Struct = Y.Item | Y.GC

function structsOf(doc: Y.Doc, client: number): Struct[] {
  return doc.store.clients.get(client) ?? []
}

/** Structs of one client from `clock` to the store's end (`clock` may fall inside a struct). */
function writeStructsFrom(
  encoder: Y.UpdateEncoderV1,
  structs: Struct[],
  client: number,
  clock: number,
  endIndex = structs.length,
) {
  clock = Math.max(clock, structs[0].id.clock)
  const start = Y.findIndexSS(structs, clock)
  encoding.writeVarUint(encoder.restEncoder, endIndex - start)
  encoder.writeClient(client)
  encoding.writeVarUint(encoder.restEncoder, clock)
  structs[start].write(encoder, clock - structs[start].id.clock)
  for (let i = start + 1; i < endIndex; i++) structs[i].write(encoder, 0)
}

type DeleteSet = { clients: Map<number, Array<{ clock: number; len: number }>> }

function writeDeleteSet(encoder: Y.UpdateEncoderV1, ds: DeleteSet) {
  encoding.writeVarUint(encoder.restEncoder, ds.clients.size)
  for (const [client, items] of [...ds.clients.entries()].sort((a, b) => b[0] - a[0])) {
    encoder.resetDsCurVal()
    encoding.writeVarUint(encoder.restEncoder, client)
    encoding.writeVarUint(encoder.restEncoder, items.length)
    for (const item of items) {
      encoder.writeDsClock(item.clock)
      encoder.writeDsLen(item.len)
    }
  }
}

/**
 * The update a transaction made (null when it changed nothing), byte for byte what Yjs passes to
 * 'update' listeners. Call it from the document's 'afterTransactionCleanup' event, when Yjs has
 * garbage-collected and merged the structs just as it has for 'update'.
 */
export function encodeTransactionUpdate(tr: Y.Transaction): Uint8Array | null {
  const store = tr.doc.store
  const from = new Map<number, number>()
  for (const [client, clock] of tr.afterState) {
    const before = tr.beforeState.get(client) ?? 0
    if (clock > before) from.set(client, before)
  }
  const ds = tr.deleteSet
  if (from.size === 0 && ds.clients.size === 0) return null
  const encoder = new Y.UpdateEncoderV1()
  // clients that gained structs since the transaction began (a nested transaction's too: Yjs writes
  // from beforeState to the store's end), higher client ids first, as Yjs does
  const clients = [...from].filter(([client, clock]) => Y.getState(store, client) > clock).sort((a, b) => b[0] - a[0])
  encoding.writeVarUint(encoder.restEncoder, clients.length)
  for (const [client, clock] of clients) writeStructsFrom(encoder, structsOf(tr.doc, client), client, clock)
  writeDeleteSet(encoder, ds)
  return encoder.toUint8Array()
}

/**
 * What `doc` has beyond `stateVector`, as slices of about `maxBytes` (a struct larger than that is a
 * slice of its own) and a last update that holds the rest and the whole delete set: applying them in
 * order gives the same document as `Y.encodeStateAsUpdate(doc, stateVector)`. Every slice but the
 * last carries an empty delete set. Clients with the most structs go first (a bulk writer's structs
 * rarely depend on a later editor's); a struct whose origin is in a later slice waits in Yjs'
 * pending store until that slice arrives, so any order converges.
 */
export function encodeStateInSlices(
  doc: Y.Doc,
  stateVector: Uint8Array,
  maxBytes: number,
): { slices: Uint8Array[]; last: Uint8Array } {
  const known = Y.decodeStateVector(stateVector)
  const runs: Array<{ client: number; clock: number; structs: Struct[] }> = []
  for (const [client, structs] of doc.store.clients as Map<number, Struct[]>) {
    const clock = known.get(client) ?? 0
    if (Y.getState(doc.store, client) > clock) runs.push({ client, clock, structs })
  }
  runs.sort((a, b) => b.structs.length - a.structs.length || b.client - a.client)

  const slices: Uint8Array[] = []
  // per slice: where each client it carries ends
  const ends: Array<Map<number, number>> = []
  let sliceEnds = new Map<number, number>()
  let slice: Array<{ client: number; clock: number; bytes: Uint8Array; count: number }> = []
  let sliceBytes = 0
  const closeSlice = () => {
    if (!slice.length) return
    const encoder = new Y.UpdateEncoderV1()
    encoding.writeVarUint(encoder.restEncoder, slice.length)
    for (const run of slice) {
      encoding.writeVarUint(encoder.restEncoder, run.count)
      encoder.writeClient(run.client)
      encoding.writeVarUint(encoder.restEncoder, run.clock)
      encoding.writeUint8Array(encoder.restEncoder, run.bytes)
    }
    encoding.writeVarUint(encoder.restEncoder, 0) // empty delete set
    slices.push(encoder.toUint8Array())
    ends.push(sliceEnds)
    sliceEnds = new Map()
    slice = []
    sliceBytes = 0
  }
  for (const { client, clock: fromClock, structs } of runs) {
    let i = Y.findIndexSS(structs, Math.max(fromClock, structs[0].id.clock))
    let clock = Math.max(fromClock, structs[0].id.clock)
    while (i < structs.length) {
      // structs of this client into this slice until it is full
      const body = new Y.UpdateEncoderV1()
      const first = i
      const startClock = clock
      structs[i].write(body, clock - structs[i].id.clock)
      i++
      while (i < structs.length && sliceBytes + encoding.length(body.restEncoder) < maxBytes) {
        structs[i].write(body, 0)
        i++
      }
      const last = structs[i - 1]
      clock = last.id.clock + last.length
      slice.push({ client, clock: startClock, bytes: body.toUint8Array(), count: i - first })
      sliceBytes += encoding.length(body.restEncoder)
      sliceEnds.set(client, clock)
      if (sliceBytes >= maxBytes) closeSlice()
    }
  }
  closeSlice()
  // the last slice goes out as the rest: what is left after the others, with the delete set
  slices.pop()
  ends.pop()
  const before = new Map(known)
  for (const e of ends) for (const [client, clock] of e) before.set(client, clock)
  const last = Y.encodeStateAsUpdate(doc, Y.encodeStateVector(before))
  return { slices, last }
}
