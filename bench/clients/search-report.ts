import { fmt, table, when, type Stored } from '../lib/report'

type Spread = { median: number | null; min: number | null; max: number | null }
type Kind = { kind: string; count: number; p50: Spread; p95: Spread; max: Spread }
type Summary = { p50: number | null; p95: number | null; count: number }
type Before = {
  by_kind: Kind[] | Record<string, Summary>
  startedAt: string | null
  meta?: Stored['meta']
  commit?: string
  same_run?: boolean
}

const range = (s: Spread | undefined) => (s && s.median !== null ? `${fmt(s.median)} (${fmt(s.min)}–${fmt(s.max)})` : '—')

/** The "before" side's figure for a kind: across its seeds, or its single run. */
function beforeOf(before: Before | null, kind: string, p: 'p50' | 'p95'): string {
  if (!before) return '—'
  if (Array.isArray(before.by_kind)) return range(before.by_kind.find((k) => k.kind === kind)?.[p])
  return fmt(before.by_kind[kind]?.[p] ?? null)
}

/** The client search section of docs/BENCHMARKS.md. */
export function renderClientSearch(s: Stored): string {
  const d = s.data
  if (!Array.isArray(d.runs))
    return `Run: ${when(s)}. A result of the earlier in-process benchmark: run \`npm run bench -- clients-search\` again.`
  const runs = d.runs as Array<{
    seed: number
    scripts: Record<string, number>
    guardians: number
    table_size: string
    loadavg_during: number[]
    setup_s: { copy_and_analyze: number }
    slowest: Array<{ ms: number; kind: string; reader: string; params: Record<string, string>; rows: number }>
    by_kind_and_reader: Record<string, Summary>
  }>
  const before = (d.before ?? null) as Before | null
  const first = runs[0]
  const kinds = d.by_kind as Kind[]
  const readers = d.readers as string[]
  return [
    `Run: ${when(s)}. Per seed (${(d.seeds as number[]).join(', ')}): ${fmt(d.clients)} generated clients (${fmt(first.scripts.latin)} Latin with ~5,000 surnames, ${fmt(first.scripts.cyrillic)} Russian in Cyrillic, ${fmt(first.scripts.armenian)} Armenian in Armenian script; families share a surname, guardians and phones of their country; ${fmt(first.guardians)} guardians), rows built by the projection's own \`clientRowFromFile\`, loaded with COPY into a copy of the migrated, demo-seeded template, then VACUUM ANALYZE; table with indexes ${first.table_size}. Each seed runs its own server (\`node --import tsx server/main.ts\`, PostgreSQL), signed in as the manager; every query is \`GET /api/clients?q=…&limit=50\` over HTTP (sorted by name unless the kind says otherwise), one at a time after a warm-up pass, the reader's language rotating through ${readers.join(', ')} (Accept-Language: the order of the list). Terms are drawn from each seed's data. Load average (1 min) during the seeds: ${runs.map((r) => r.loadavg_during.map((x) => fmt(x)).join('→')).join(', ')}.`,
    '',
    `Figures: per kind, each seed's p50 and p95, shown as the median over the seeds (min–max).${
      before?.same_run
        ? ` "Before": the code before this change (commit ${before.commit}, \`git archive\` of it beside this checkout), its own server on a copy of a template migrated and demo-seeded by that code, loaded with the same clients and groups (its search_text as it wrote it), in the same run: per seed the two sides in turn, the before side first on odd seeds.`
        : before?.startedAt
          ? ` "Before": the same benchmark on the code before this change (run ${before.startedAt.slice(0, 16).replace('T', ' ')} UTC${before.commit ? `, commit ${before.commit}` : ''}).`
          : ''
    }`,
    '',
    table(
      ['query kind', 'queries', 'p50 ms before', 'p50 ms', 'p95 ms before', 'p95 ms', 'max ms'],
      kinds.map((k) => [
        k.kind,
        k.count,
        beforeOf(before, k.kind, 'p50'),
        range(k.p50),
        beforeOf(before, k.kind, 'p95'),
        range(k.p95),
        range(k.max),
      ]),
    ),
    '',
    `p95 by the reader's language (first seed):`,
    '',
    table(
      ['query kind', ...readers],
      kinds.map((k) => [k.kind, ...readers.map((r) => fmt(first.by_kind_and_reader[`${k.kind}|${r}`]?.p95 ?? null))]),
    ),
    '',
    'Slowest queries (each seed):',
    '',
    table(
      ['seed', 'ms', 'kind', 'reader', 'query', 'rows'],
      runs.flatMap((r) =>
        r.slowest
          .slice(0, 3)
          .map((x) => [String(r.seed), x.ms, x.kind, x.reader, `\`${new URLSearchParams(x.params).toString()}\``, x.rows]),
      ),
    ),
  ].join('\n')
}
