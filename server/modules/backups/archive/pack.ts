import { createHash } from 'node:crypto'
import { createReadStream, createWriteStream, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { open } from 'node:fs/promises'
import { basename, join } from 'node:path'
import { Transform, type TransformCallback } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { create as createTar, extract as extractTar } from 'tar'
import { decryptStream, encryptStream, isEncrypted, MAGIC } from './crypto'
import { MANIFEST_FILE, isManifest, type BackupManifest } from './format'

/** A file that is no Clubroom backup, or one that needs a key we lack. */
export class BackupFileError extends Error {}

/** Counts and hashes what goes through. */
function measure() {
  const hash = createHash('sha256')
  let bytes = 0
  const stream = new Transform({
    transform(chunk: Buffer, _enc, done: TransformCallback) {
      hash.update(chunk)
      bytes += chunk.length
      done(null, chunk)
    },
  })
  return { stream, result: () => ({ sizeBytes: bytes, sha256: hash.digest('hex') }) }
}

/** The checksum file beside a backup (`sha256sum -c` reads it). */
export const checksumFile = (file: string) => `${file}.sha256`

/**
 * Packs a dumped folder (manifest + data) into one backup file: tar, gzip, and AES-256-GCM when a
 * key is given. Written under a temporary name and renamed when complete (a half-written backup
 * never has a backup's name); a `<file>.sha256` beside it.
 */
export async function packBackup(dir: string, manifest: BackupManifest, dest: string, key?: string) {
  writeFileSync(join(dir, MANIFEST_FILE), JSON.stringify(manifest, null, 2))
  const partial = `${dest}.partial`
  const m = measure()
  try {
    const tar = createTar({ gzip: { level: 6 }, cwd: dir, portable: true, noMtime: false }, [MANIFEST_FILE, 'data'])
    const steps = key ? [tar, await encryptStream(key), m.stream] : [tar, m.stream]
    await pipeline([...steps, createWriteStream(partial)] as unknown as NodeJS.ReadWriteStream[])
    renameSync(partial, dest)
  } finally {
    rmSync(partial, { force: true })
  }
  const result = m.result()
  writeFileSync(checksumFile(dest), `${result.sha256}  ${basename(dest)}\n`)
  return result
}

/** SHA-256 of a file. */
export async function sha256OfFile(file: string): Promise<string> {
  const hash = createHash('sha256')
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer)
  return hash.digest('hex')
}

/** The checksum the `.sha256` file beside a backup records, if there is one. */
export function recordedChecksum(file: string): string | null {
  try {
    return readFileSync(checksumFile(file), 'utf8').trim().split(/\s+/)[0] || null
  } catch {
    return null
  }
}

/** Is the backup file encrypted (by its first bytes)? */
export async function fileIsEncrypted(file: string): Promise<boolean> {
  const fh = await open(file, 'r')
  try {
    const head = Buffer.alloc(MAGIC.length)
    await fh.read(head, 0, head.length, 0)
    return isEncrypted(head)
  } finally {
    await fh.close()
  }
}

/**
 * Unpacks a backup file into `dir` (decrypting with `key` when it is encrypted) and returns its
 * manifest. An encrypted file is authenticated as a whole before this returns: when it throws,
 * what was unpacked must be thrown away.
 */
export async function unpackBackup(file: string, dir: string, key?: string): Promise<BackupManifest> {
  let archive = file
  if (await fileIsEncrypted(file)) {
    if (!key) throw new BackupFileError('the backup is encrypted: set BACKUP_KEY to the key it was made with')
    // decrypted and authenticated whole before anything of it is read
    archive = join(dir, '.decrypted.tar.gz')
    await pipeline(createReadStream(file), decryptStream(key), createWriteStream(archive))
  }
  try {
    await pipeline(createReadStream(archive), extractTar({ cwd: dir, strict: true }) as unknown as NodeJS.WritableStream)
  } catch (err) {
    throw new BackupFileError(`not a readable Clubroom backup (${err instanceof Error ? err.message : String(err)})`)
  } finally {
    if (archive !== file) rmSync(archive, { force: true })
  }
  let manifest: unknown
  try {
    manifest = JSON.parse(readFileSync(join(dir, MANIFEST_FILE), 'utf8'))
  } catch {
    throw new BackupFileError('not a Clubroom backup: it holds no manifest.json')
  }
  if (!isManifest(manifest)) throw new BackupFileError('not a Clubroom backup of a format this version reads')
  return manifest
}
