// `npm run backup`: one backup of the database the server is configured for (DATABASE_URL, else the
// embedded database in DATA_DIR) into BACKUP_DIR (default DATA_DIR/backups), encrypted with BACKUP_KEY
// when it is set. See docs/OPERATIONS.md, "Backups". The work is server/modules/backups/cli.ts.
import { tsImport } from 'tsx/esm/api'

const cli = await tsImport('../server/modules/backups/cli.ts', import.meta.url)
process.exitCode = await cli.main(['backup', ...process.argv.slice(2)])
