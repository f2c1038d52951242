// Types of scripts/build-server.mjs for the TypeScript that imports it (tests, benchmarks).
import type { Plugin } from 'esbuild'

export const ROOT: string
export const SERVER_BUNDLE: string
export const deferPlugin: Plugin
export function newest(path: string): number
export function serverBuildStale(): boolean
export function buildServer(out?: string): Promise<void>
