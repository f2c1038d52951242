/**
 * The architecture, as rules (`npm run arch`; CI fails on any violation). See docs/ARCHITECTURE.md.
 * @type {import('dependency-cruiser').IConfiguration}
 */
module.exports = {
  forbidden: [
    {
      name: 'client-not-server',
      comment: 'The browser client talks to the server over HTTP and sockets only; shared rules live in domain/.',
      severity: 'error',
      from: { path: '^client/' },
      to: { path: '^(server|db)/' },
    },
    {
      name: 'db-not-server',
      comment: 'db/ holds the schema and migrations; it imports nothing of the server (demo seeding is the modules’ seed steps).',
      severity: 'error',
      from: { path: '^db/' },
      to: { path: '^server/' },
    },
    {
      name: 'domain-is-pure',
      comment: 'domain/ holds pure rules shared by server and client: it imports nothing of ours but domain/.',
      severity: 'error',
      from: { path: '^domain/' },
      to: { path: '^(server|client|db|test|bench|scripts)/' },
    },
    {
      name: 'modules-meet-at-their-index',
      comment:
        'An area uses another area only through what its manifest file (server/modules/<area>/index.ts) exports: its commands, queries, policies and types.',
      severity: 'error',
      from: { path: '^server/modules/([^/]+)/' },
      to: { path: '^server/modules/([^/]+)/.+', pathNot: ['^server/modules/$1/', '^server/modules/[^/]+/index\\.ts$'] },
    },
    {
      name: 'realtime-not-app-or-modules',
      comment:
        'The document hub and the socket server get what they need from the registry at boot, never from app.ts or a module.',
      severity: 'error',
      from: { path: '^server/realtime/', pathNot: '\\.test\\.ts$' },
      to: { path: '^server/(app\\.ts|modules/)' },
    },
    {
      name: 'no-cycles',
      comment: 'No import cycles.',
      severity: 'error',
      from: {},
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(node_modules|dist|data)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
    reporterOptions: { text: { highlightFocused: true } },
  },
}
