import { createCipheriv, createDecipheriv, randomBytes, scrypt, type CipherGCM, type DecipherGCM } from 'node:crypto'
import { Transform, type TransformCallback } from 'node:stream'

/**
 * Encryption of a whole backup file with the key from configuration (BACKUP_KEY): AES-256-GCM
 * (authenticated: a changed byte or a wrong key is refused, never read as data) with a key derived
 * by scrypt from BACKUP_KEY and a random salt per file, so no two files share a key.
 *
 * Layout: MAGIC (8) · log2 N, r, p (3) · salt (16) · nonce (12) · ciphertext · tag (16). The
 * header is authenticated too (additional data). The tag is checked when the stream ends: a
 * restore unpacks into a scratch folder and loads nothing before the end has been verified.
 */
export const MAGIC = Buffer.from('CRBKENC1', 'ascii')
const HEADER_BYTES = MAGIC.length + 3 + 16 + 12
const TAG_BYTES = 16
const KDF = { logN: 15, r: 8, p: 1 }

/** The wrong key, or a file changed after it was written. */
export class DecryptionError extends Error {}

function deriveKey(secret: string, salt: Buffer, logN: number, r: number, p: number): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(secret, salt, 32, { N: 2 ** logN, r, p, maxmem: 256 * 1024 * 1024 }, (err, key) => (err ? reject(err) : resolve(key))),
  )
}

/** Does a file starting with these bytes hold an encrypted backup? */
export const isEncrypted = (head: Buffer): boolean => head.subarray(0, MAGIC.length).equals(MAGIC)

/** A stream that encrypts what goes through it (header first, tag last). */
export async function encryptStream(secret: string): Promise<Transform> {
  const salt = randomBytes(16)
  const nonce = randomBytes(12)
  const header = Buffer.concat([MAGIC, Buffer.from([KDF.logN, KDF.r, KDF.p]), salt, nonce])
  const cipher: CipherGCM = createCipheriv('aes-256-gcm', await deriveKey(secret, salt, KDF.logN, KDF.r, KDF.p), nonce)
  cipher.setAAD(header)
  let started = false
  return new Transform({
    transform(chunk: Buffer, _enc, done: TransformCallback) {
      if (!started) {
        started = true
        this.push(header)
      }
      done(null, cipher.update(chunk))
    },
    flush(done: TransformCallback) {
      if (!started) this.push(header)
      this.push(cipher.final())
      done(null, cipher.getAuthTag())
    },
  })
}

/**
 * A stream that decrypts an encrypted backup. It errs with DecryptionError when the key is wrong or
 * the file was changed (at its end: what it passed on before must then be thrown away).
 */
export function decryptStream(secret: string): Transform {
  let head: Buffer = Buffer.alloc(0)
  let decipher: DecipherGCM | null = null
  // the last TAG_BYTES seen are held back: they may be the tag
  let tail: Buffer = Buffer.alloc(0)
  const take = (bytes: Buffer): Buffer => {
    const all = Buffer.concat([tail, bytes])
    const cut = Math.max(0, all.length - TAG_BYTES)
    tail = Buffer.from(all.subarray(cut))
    return (decipher as DecipherGCM).update(all.subarray(0, cut))
  }
  return new Transform({
    transform(chunk: Buffer, _enc, done: TransformCallback) {
      if (decipher) return done(null, take(chunk))
      // (chunks come one at a time: the next waits for `done`)
      head = Buffer.concat([head, chunk])
      if (head.length < HEADER_BYTES) return done()
      if (!isEncrypted(head)) return done(new DecryptionError('not an encrypted Clubroom backup'))
      const [logN, r, p] = head.subarray(MAGIC.length, MAGIC.length + 3)
      const salt = head.subarray(MAGIC.length + 3, MAGIC.length + 19)
      const nonce = head.subarray(MAGIC.length + 19, HEADER_BYTES)
      deriveKey(secret, salt, logN, r, p).then(
        (key) => {
          decipher = createDecipheriv('aes-256-gcm', key, nonce)
          decipher.setAAD(head.subarray(0, HEADER_BYTES))
          done(null, take(head.subarray(HEADER_BYTES)))
        },
        (err: unknown) => done(err as Error),
      )
    },
    flush(done: TransformCallback) {
      if (!decipher || tail.length < TAG_BYTES) return done(new DecryptionError('the encrypted backup is cut short'))
      try {
        decipher.setAuthTag(tail)
        done(null, decipher.final())
      } catch {
        done(new DecryptionError('the backup cannot be decrypted: wrong BACKUP_KEY, or the file was changed'))
      }
    },
  })
}
