// Loaded with --import before the reference server when it is profiled: SIGTERM exits normally,
// so that `--cpu-prof` writes its profile (the server's own code is unchanged).
process.on('SIGTERM', () => process.exit(0))
