import type { ReactiveController, ReactiveControllerHost } from 'lit'
import { fetchBranches, fetchRooms } from '../../data/branches'
import type { LiveEvents } from '../../data/live-events'
import { type Activity, type Group, type Teacher, fetchActivities, fetchGroups, fetchTeachers } from '../../data/timetable'
import type { TimetableDataDetail } from '../../data/timetable-marks'
import type { Branch, Room, User } from '../../data/types'

export interface BranchDataHooks {
  /** Something the grid draws arrived (the host has already been asked to update). */
  took(detail: TimetableDataDetail): void
  /** The branches the user works in arrived: the host picks the one to show. */
  branches(branches: Branch[]): void
  failed(e: unknown): void
}

/** A promise whose rejection is handled where it is used (not reported as unhandled if it never is). */
function quiet<T>(p: Promise<T>): Promise<T> {
  p.catch(() => {})
  return p
}

/**
 * What the timetable names and places lessons by: the branches the user works in, the rooms and
 * groups of the branch on screen (whose Socket.IO room it joins, to follow its changes), and every
 * activity and teacher.
 */
export class BranchDataController implements ReactiveController {
  branches: Branch[] = []
  rooms: Room[] = []
  groups: Group[] = []
  activities: Activity[] = []
  teachers: Teacher[] = []
  /** The branch whose rooms have arrived (its `rooms`, maybe none): '' while they are on their way. */
  roomsOf = ''
  private shown = ''
  private branchRoom: { dispose: () => void } | null = null
  /** Rooms and groups of the URL's branch, asked for before the branch list arrived (see load). */
  private prefetched: { id: string; rooms: Promise<Room[]>; groups: Promise<Group[]> } | null = null

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly context: () => { user: User; live: LiveEvents | null },
    private readonly hooks: BranchDataHooks,
  ) {
    host.addController(this)
  }

  hostDisconnected() {
    this.branchRoom?.dispose()
  }

  /**
   * Starts loading: the branches (then `hooks.branches`), every activity and teacher, and beside
   * them the rooms and groups of `branchId` (the URL's, when it names one).
   */
  load(branchId: string) {
    if (branchId) this.prefetched = { id: branchId, rooms: quiet(fetchRooms(branchId)), groups: quiet(fetchGroups(branchId)) }
    void this.loadBranches()
    void fetchActivities().then((a) => this.set({ activities: a }, 'activities'), this.hooks.failed)
    void fetchTeachers().then((t) => this.set({ teachers: t }, 'teachers'), this.hooks.failed)
  }

  /** Shows a branch: its rooms and groups (empty until they arrive), and its changes followed. */
  show(id: string) {
    this.shown = id
    this.rooms = []
    this.roomsOf = ''
    this.groups = []
    this.host.requestUpdate()
    const pre = this.prefetched?.id === id ? this.prefetched : null
    this.prefetched = null
    void (pre?.rooms ?? fetchRooms(id)).then((r) => {
      if (id !== this.shown) return
      this.roomsOf = id
      this.set({ rooms: r }, 'rooms')
    }, this.hooks.failed)
    void (pre?.groups ?? fetchGroups(id)).then((g) => {
      if (id === this.shown) this.set({ groups: g }, 'groups')
    }, this.hooks.failed)
    // owners and managers may follow another branch's changes; others are refused (harmless)
    this.branchRoom?.dispose()
    this.branchRoom = this.context().live?.subscribe(`branch:${id}`) ?? null
  }

  private async loadBranches() {
    try {
      // the branches the user works in (the server refuses the others' weeks); none listed: every branch
      const all = await fetchBranches()
      const { roles, branchIds } = this.context().user
      const mine = roles.includes('owner') || branchIds.length === 0 ? all : all.filter((b) => branchIds.includes(b.id))
      this.branches = mine.length ? mine : all
      this.host.requestUpdate()
      this.hooks.branches(this.branches)
    } catch (e) {
      this.hooks.failed(e)
    }
  }

  private set(patch: Partial<Pick<this, 'rooms' | 'groups' | 'activities' | 'teachers'>>, what: TimetableDataDetail['what']) {
    Object.assign(this, patch)
    this.host.requestUpdate()
    this.hooks.took({ what })
  }
}
