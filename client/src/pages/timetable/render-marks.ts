import { TIMETABLE_MARKS, type TimetableDataDetail } from '../../data/timetable-marks'

/**
 * The page's side of TIMETABLE_MARKS: `timetable-data` when it takes in data the grid draws,
 * `timetable-update` when the update that shows it starts, `timetable-rendered` once the grid has
 * rendered that update. Marks only; whoever wants timings reads them (bench/timetable/render-probe.ts).
 */
export class RenderMarks {
  /** Data was taken in that no update has shown yet. */
  private unshown = false
  /** The update under way shows data (its grid render is marked in `updated`). */
  private showing = false

  took(detail: TimetableDataDetail) {
    performance.mark(TIMETABLE_MARKS.data, { detail })
    this.unshown = true
  }

  /** In the host's willUpdate, once what it takes in there is taken. */
  updating() {
    if (!this.unshown) return
    this.unshown = false
    this.showing = true
    performance.mark(TIMETABLE_MARKS.update)
  }

  /** In the host's updated: marks the grid rendered when this update showed data. */
  updated(grid: { updateComplete: Promise<boolean> } | undefined) {
    if (!this.showing) return
    this.showing = false
    void Promise.resolve(grid?.updateComplete).then(() => performance.mark(TIMETABLE_MARKS.rendered))
  }
}
