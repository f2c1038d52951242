// `npm run restore -- <backup file> [--force]`: restores a backup into the database the server is
// configured for (DATABASE_URL, else the embedded database in DATA_DIR), refusing one that holds data
// unless --force; `--check <file>` verifies a backup without touching any database. See
// docs/OPERATIONS.md, "Restore". The work is server/modules/backups/cli.ts.
import { tsImport } from 'tsx/esm/api'

const cli = await tsImport('../server/modules/backups/cli.ts', import.meta.url)
process.exitCode = await cli.main(['restore', ...process.argv.slice(2)])
