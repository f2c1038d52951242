import { css } from 'lit'

/** The wall's board: sized in em (the page sets the scale), coloured by its theme's variables. */
export const wallBoardStyles = css`
  :host {
    --wall-bg: var(--crm-bg, #f5f6f4);
    --wall-card: var(--crm-surface, #ffffff);
    --wall-text: var(--crm-text, #1f2a28);
    --wall-muted: var(--crm-muted, #5e6b68);
    --wall-border: var(--crm-border, #d9dedb);
    --wall-accent: var(--crm-primary, #2f6f6a);
    --wall-grid: rgb(0 0 0 / 8%);
    --wall-red: #b42318;
    --wall-red-soft: #fdecea;
    --wall-amber: #8a5a00;
    --wall-amber-soft: #fff4d6;
    --wall-green: #1f7a3d;
    display: grid;
    gap: 1em;
    grid-template-columns: minmax(0, 1.6fr) minmax(0, 1fr) minmax(0, 1fr);
    grid-template-areas:
      'totals totals totals'
      'rooms flags passes';
    grid-template-rows: auto minmax(0, 1fr);
    color: var(--wall-text);
  }
  /* a screen on the wall: one screenful, the long lists cut at its bottom (each says how many more) */
  :host([fit]) {
    height: 100%;
    min-height: 0;
  }
  :host([fit]) .flags,
  :host([fit]) .passes,
  :host([fit]) .rooms {
    overflow: hidden;
    min-height: 0;
  }
  :host([theme='dark']) {
    --wall-bg: #0f1514;
    --wall-card: #1a2322;
    --wall-text: #eef3f1;
    --wall-muted: #a3b3af;
    --wall-border: #2e3b39;
    --wall-accent: #5fc2b7;
    --wall-grid: rgb(255 255 255 / 10%);
    --wall-red: #ff8a80;
    --wall-red-soft: #4a1c19;
    --wall-amber: #ffcc66;
    --wall-amber-soft: #3d3013;
    --wall-green: #7ddc9a;
  }
  @media (max-width: 1100px) {
    :host {
      grid-template-columns: minmax(0, 1fr) minmax(0, 1fr);
      grid-template-areas: 'totals totals' 'rooms rooms' 'flags passes';
      grid-template-rows: none;
    }
    :host([fit]) {
      height: auto;
    }
  }
  @media (max-width: 700px) {
    :host {
      grid-template-columns: minmax(0, 1fr);
      grid-template-areas: 'totals' 'rooms' 'flags' 'passes';
    }
  }
  h2 {
    font-size: 1.05em;
    font-weight: 600;
    color: var(--wall-muted);
    text-transform: none;
    margin-bottom: 0.5em;
  }
  h3 {
    font-size: 1.1em;
  }
  ul {
    list-style: none;
    margin: 0;
    padding: 0;
  }
  .muted {
    color: var(--wall-muted);
  }
  .card {
    background: var(--wall-card);
    border: 1px solid var(--wall-border);
    border-radius: 0.6em;
    padding: 0.8em 1em;
    min-width: 0;
  }
  .empty {
    font-size: 1.1em;
  }

  .totals {
    grid-area: totals;
    display: grid;
    gap: 1em;
    grid-template-columns: minmax(0, 1fr) minmax(0, 1fr) minmax(0, 2fr);
  }
  @media (max-width: 900px) {
    .totals {
      grid-template-columns: minmax(0, 1fr) minmax(0, 1fr);
    }
    .chart-card {
      grid-column: 1 / -1;
    }
  }
  .big {
    font-size: 3em;
    font-weight: 700;
    line-height: 1.05;
    font-variant-numeric: tabular-nums;
    overflow-wrap: anywhere;
  }
  .compare {
    margin-top: 0.4em;
    color: var(--wall-muted);
  }
  .trend {
    font-weight: 600;
    white-space: nowrap;
  }
  .trend.up {
    color: var(--wall-green);
  }
  .trend.down {
    color: var(--wall-red);
  }
  .chart-card {
    display: flex;
    flex-direction: column;
  }
  .chart-card crm-wall-chart {
    flex: 1;
    min-height: 7em;
  }
  .legend {
    margin-top: 0.3em;
    color: var(--wall-muted);
    font-size: 0.85em;
    display: flex;
    align-items: center;
    gap: 0.4em;
  }
  .key {
    display: inline-block;
    width: 1.2em;
    height: 0.6em;
    border-radius: 2px;
  }
  .key.today {
    background: var(--wall-accent);
  }
  .key.last {
    border-top: 2px dashed var(--wall-muted);
    height: 0;
    margin-left: 0.8em;
  }

  .rooms {
    grid-area: rooms;
    min-width: 0;
  }
  .room-grid {
    display: grid;
    gap: 0.8em;
    grid-template-columns: repeat(auto-fill, minmax(16em, 1fr));
  }
  .room {
    display: flex;
    flex-direction: column;
    gap: 0.45em;
  }
  .room.busy {
    border-left: 0.35em solid var(--wall-accent);
  }
  .room-head {
    display: flex;
    justify-content: space-between;
    align-items: baseline;
    gap: 0.5em;
  }
  .room-head h3 {
    overflow-wrap: anywhere;
  }
  .occupancy {
    font-weight: 700;
    font-variant-numeric: tabular-nums;
    white-space: nowrap;
  }
  .bar {
    height: 0.45em;
    border-radius: 0.3em;
    background: var(--wall-grid);
    overflow: hidden;
  }
  .bar span {
    display: block;
    height: 100%;
    background: var(--wall-accent);
  }
  .slot {
    display: grid;
    grid-template-columns: auto 1fr;
    column-gap: 0.5em;
    align-items: baseline;
  }
  .slot .tag {
    grid-row: span 3;
    font-size: 0.75em;
    font-weight: 700;
    text-transform: uppercase;
    letter-spacing: 0.04em;
    color: var(--wall-muted);
    min-width: 4.5em;
  }
  .slot.now .what {
    font-size: 1.2em;
    font-weight: 700;
    border-left: 0.25em solid var(--lesson, transparent);
    padding-left: 0.3em;
  }
  .slot .what {
    overflow-wrap: anywhere;
  }
  .slot .when,
  .slot .attendance {
    grid-column: 2;
    color: var(--wall-muted);
  }
  .slot .attendance {
    color: var(--wall-text);
    font-weight: 600;
  }
  .slot.next {
    border-top: 1px solid var(--wall-border);
    padding-top: 0.4em;
  }

  .flags {
    grid-area: flags;
  }
  .kinds {
    display: flex;
    flex-direction: column;
    gap: 0.7em;
  }
  .kind h3 {
    display: flex;
    gap: 0.4em;
    align-items: baseline;
    margin-bottom: 0.25em;
  }
  .kind .count {
    min-width: 1.8em;
    padding: 0 0.35em;
    border-radius: 0.8em;
    text-align: center;
    background: var(--wall-red-soft);
    color: var(--wall-red);
    font-variant-numeric: tabular-nums;
  }
  .kind[data-kind='pass_running_out'] .count,
  .kind[data-kind='debt'] .count {
    background: var(--wall-amber-soft);
    color: var(--wall-amber);
  }
  .flag,
  .pass {
    display: grid;
    grid-template-columns: minmax(0, 1fr) auto;
    column-gap: 0.6em;
    padding: 0.3em 0 0.3em 0.6em;
    border-left: 0.25em solid var(--wall-amber);
    margin-bottom: 0.3em;
  }
  .flag.critical,
  .pass.red {
    border-left-color: var(--wall-red);
  }
  .who {
    font-weight: 600;
    overflow-wrap: anywhere;
  }
  .group,
  .until {
    grid-column: 1;
    color: var(--wall-muted);
    font-size: 0.9em;
    overflow-wrap: anywhere;
  }
  .at {
    grid-column: 2;
    grid-row: 1;
    color: var(--wall-muted);
    font-variant-numeric: tabular-nums;
  }
  .more {
    padding-left: 0.85em;
    font-size: 0.9em;
  }

  .passes {
    grid-area: passes;
  }
  .pass .left {
    grid-column: 2;
    grid-row: 1;
    font-weight: 700;
    white-space: nowrap;
    color: var(--wall-amber);
  }
  .pass.red {
    background: var(--wall-red-soft);
  }
  .pass.red .left {
    color: var(--wall-red);
  }
`
