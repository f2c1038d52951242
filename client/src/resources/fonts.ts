/**
 * The faces the client ships, so every script renders the same on any machine (no system fonts
 * relied on): Noto Sans Armenian for Armenian, Noto Sans for Latin and Cyrillic. Each file declares
 * its unicode-range, so a browser downloads only the subsets a page shows. The stack is
 * `--crm-font` in index.html.
 */
import '@fontsource/noto-sans-armenian/armenian-400.css'
import '@fontsource/noto-sans-armenian/armenian-500.css'
import '@fontsource/noto-sans-armenian/armenian-600.css'
import '@fontsource/noto-sans-armenian/armenian-700.css'
import '@fontsource/noto-sans/latin-400.css'
import '@fontsource/noto-sans/latin-500.css'
import '@fontsource/noto-sans/latin-600.css'
import '@fontsource/noto-sans/latin-700.css'
import '@fontsource/noto-sans/latin-ext-400.css'
import '@fontsource/noto-sans/latin-ext-600.css'
import '@fontsource/noto-sans/cyrillic-400.css'
import '@fontsource/noto-sans/cyrillic-500.css'
import '@fontsource/noto-sans/cyrillic-600.css'
import '@fontsource/noto-sans/cyrillic-700.css'
