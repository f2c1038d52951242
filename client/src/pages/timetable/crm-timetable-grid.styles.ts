import { css } from 'lit'
import { GUTTER } from './grid-geometry'

/**
 * The grid's styles. Deliberately not the shared baseStyles: thousands of blocks would be matched
 * against every form, table and button rule; style recalculation is a large part of a week's render.
 */
export const gridStyles = css`
  :host {
    box-sizing: border-box;
    display: block;
    position: relative;
    min-height: 0;
    /* the same colours as LINES (the body's lines are an image drawn from those) */
    --line-slot: #eef0ee;
    --line-hour: #dde1de;
    --line-col: #e4e8e5;
    --line-day: #9aa5a1;
    --head-h: 34px;
  }
  :host([view='week']) {
    --head-h: 58px;
  }
  .scroller {
    position: absolute;
    inset: 0;
    overflow: auto;
    background: var(--crm-surface);
    border: 1px solid var(--crm-border);
    border-radius: calc(var(--crm-radius) + 2px);
    overscroll-behavior: contain;
  }
  .scroller:focus-visible {
    outline: 2px solid var(--crm-focus);
    outline-offset: 1px;
  }
  .scroller,
  .canvas,
  .lesson,
  .ghost,
  .head > div {
    box-sizing: border-box;
  }
  .canvas {
    position: relative;
    display: grid;
    grid-template-columns: ${GUTTER}px auto;
    grid-template-rows: var(--head-h) auto;
  }
  .corner {
    position: sticky;
    top: 0;
    left: 0;
    z-index: 4;
    background: var(--crm-surface);
    border-bottom: 1px solid var(--line-hour);
    border-right: 1px solid var(--line-hour);
  }
  .head {
    position: sticky;
    top: 0;
    z-index: 3;
    background: var(--crm-surface);
    border-bottom: 1px solid var(--line-hour);
  }
  .head .day,
  .head .room {
    position: absolute;
    overflow: hidden;
    white-space: nowrap;
    text-overflow: ellipsis;
    padding: 0 6px;
    font-size: 0.8125rem;
  }
  .head .day {
    top: 0;
    height: 26px;
    line-height: 26px;
    font-weight: 600;
    border-left: 2px solid var(--line-day);
    overflow: visible;
  }
  /* the day's name stays in view while its rooms scroll under the hour column */
  .head .day span {
    position: sticky;
    left: ${GUTTER + 6}px;
  }
  .head .day.today {
    color: var(--crm-primary);
  }
  .head .room {
    bottom: 0;
    height: 30px;
    line-height: 30px;
    color: var(--crm-muted);
    font-weight: 500;
    border-left: 1px solid var(--line-col);
  }
  /* week columns are narrow: room names and lessons a little tighter, so that "Art Studio" or
     "Painting" fits rather than "Art Stu…" */
  :host([view='week']) .head .room {
    font-size: 0.75rem;
    padding: 0 4px;
  }
  :host([view='week']) .lesson {
    padding: 1px 3px 2px 5px;
    letter-spacing: -0.01em;
  }
  :host([view='day']) .head .room {
    font-weight: 600;
    color: var(--crm-text);
    height: var(--head-h);
    line-height: var(--head-h);
  }
  .gutter {
    position: sticky;
    left: 0;
    z-index: 2;
    background: var(--crm-surface);
    border-right: 1px solid var(--line-hour);
  }
  .gutter span {
    position: absolute;
    right: 6px;
    transform: translateY(-50%);
    font-size: 0.75rem;
    color: var(--crm-muted);
    font-variant-numeric: tabular-nums;
  }
  .gutter span:first-child {
    transform: none;
  }
  .body {
    position: relative;
    touch-action: none;
    user-select: none;
    outline: none;
  }
  :host([editable]) .body {
    cursor: cell;
  }
  .lesson {
    position: absolute;
    overflow: hidden;
    display: block;
    padding: 1px 5px 2px 7px;
    border-radius: 5px;
    /* colours come inline, worked out once per activity colour (see tint): no per-block
       custom properties or color-mix, so thousands of blocks restyle cheaply */
    border: 1px solid #c9d0cd;
    border-left-width: 4px;
    background: #f1f3f2;
    font-size: 0.75rem;
    line-height: 15px;
    color: #3d4a47;
    cursor: pointer;
    /* a block's size is set here, never by its content: lay it out on its own */
    contain: strict;
    /* one text node, a line per fact (name, time, group, teacher), each cut with an ellipsis:
       one element per lesson instead of five keeps a week of thousands cheap to style and lay out */
    white-space: pre;
    text-overflow: ellipsis;
  }
  .lesson::first-line {
    font-weight: 650;
    color: var(--crm-text);
  }
  /* members / capacity, top right */
  .lesson[data-count]::before {
    content: attr(data-count);
    float: right;
    margin-left: 6px;
    font-variant-numeric: tabular-nums;
    font-weight: 600;
    color: #3d4a47;
  }
  :host([editable]) .lesson {
    cursor: grab;
  }
  .lesson:focus-visible {
    outline: 2px solid var(--crm-focus);
    outline-offset: 1px;
    z-index: 2;
  }
  .lesson .badges {
    position: absolute;
    bottom: 2px;
    right: 3px;
    display: flex;
    gap: 2px;
  }
  .badge {
    font-size: 0.6875rem;
    line-height: 1;
    padding: 2px 4px;
    border-radius: 4px;
    font-weight: 700;
    background: #fff;
    white-space: nowrap;
  }
  .badge.done {
    background: var(--crm-success);
    color: #fff;
  }
  .badge.clash {
    background: var(--crm-danger);
    color: #fff;
  }
  .badge.owes {
    background: #fff;
    color: var(--crm-danger);
    border: 1px solid var(--crm-danger);
  }
  .lesson.selected {
    box-shadow:
      0 0 0 2px var(--crm-primary),
      0 4px 12px rgb(16 24 40 / 20%);
    z-index: 1;
  }
  .lesson.red {
    background: #fbe3e0 !important;
    border-color: #f1b5ae !important;
    border-left-color: var(--crm-danger) !important;
    border-left-width: 6px;
  }
  .lesson.clash {
    outline: 2px solid var(--crm-danger);
    outline-offset: 0;
    box-shadow: 0 0 0 4px rgb(180 35 24 / 18%);
  }
  .lesson.clash.selected {
    box-shadow: 0 0 0 4px var(--crm-primary);
  }
  .lesson.invalid {
    background-image: repeating-linear-gradient(135deg, rgb(0 0 0 / 9%) 0 5px, transparent 5px 11px);
    border-style: dashed;
    border-left-style: solid;
  }
  .lesson.cancelled {
    opacity: 0.6;
    background: #f1f3f2 !important;
    border-color: #c9d0cd !important;
    border-left-color: #8d9794 !important;
  }
  .lesson.cancelled {
    text-decoration: line-through;
  }
  /* "Highlight since audit": added or changed since the last audit closed (a dashed outline a little
     outside the block, over a clash's red outline: the clash keeps its glow and badge) */
  .lesson.since-audit {
    outline: 2px dashed var(--crm-audit-outline, #7c3aed);
    outline-offset: 2px;
  }
  /* who else is on it: their initials in their colour, like their avatar */
  /* bottom right, where the text is shortest (left it covered the teacher's name) */
  .lesson.remote::after {
    content: attr(data-initials);
    position: absolute;
    bottom: 2px;
    right: 2px;
    width: 18px;
    height: 18px;
    border-radius: 50%;
    font-size: 0.5625rem;
    line-height: 18px;
    text-align: center;
    font-weight: 700;
    color: #fff;
    background: var(--mark);
  }
  .lesson.remote {
    box-shadow: 0 0 0 3px var(--mark);
    z-index: 1;
  }
  .lesson.remote .badges {
    right: 22px;
  }
  .lesson.origin {
    opacity: 0.35;
  }
  .body.resizing-edge,
  .body.resizing-edge .lesson {
    cursor: ns-resize;
  }
  .ghost {
    position: absolute;
    z-index: 5;
    border-radius: 5px;
    border: 2px dashed var(--crm-primary);
    background: rgb(47 111 106 / 14%);
    font-size: 0.75rem;
    font-weight: 600;
    padding: 2px 5px;
    pointer-events: none;
    color: var(--crm-primary-hover);
    white-space: nowrap;
    overflow: hidden;
  }
  .ghost.remote {
    border-color: var(--mark);
    background: color-mix(in srgb, var(--mark) 14%, transparent);
    color: var(--mark);
  }
  /* drawn before the blocks: a lesson's text stays readable where "now" crosses it */
  .now {
    position: absolute;
    height: 2px;
    background: #e5484d;
    pointer-events: none;
  }
  .empty {
    position: absolute;
    inset: 40% 0 auto;
    margin: 0;
    text-align: center;
    color: var(--crm-muted);
    pointer-events: none;
  }
`
