import { api } from './api'

/**
 * The branch each user last chose on the timetable, kept on the server per user (PUT
 * /api/me/preferences, given back by /api/auth/me as `lastBranchId`), so every browser of theirs
 * opens where they work. This browser keeps it too, per user (a shared front-desk computer keeps each
 * receptionist's own), for a server that does not keep it yet.
 */
const key = (userId: string) => `clubroom.branch.${userId}`

/** What was chosen in this tab since the page loaded: newer than the profile the tab signed in with. */
const chosenHere = new Map<string, string>()

function storedBranch(userId: string): string | null {
  try {
    return localStorage.getItem(key(userId))
  } catch {
    return null
  }
}

/** The branch the user chose last: in this tab, else their profile's, else this browser's. */
export function rememberedBranch(user: { id: string; lastBranchId?: string | null }): string | null {
  return chosenHere.get(user.id) ?? user.lastBranchId ?? storedBranch(user.id)
}

/** Remembers the user's choice: in the tab, this browser and their profile on the server. */
export function rememberBranch(userId: string, branchId: string): void {
  chosenHere.set(userId, branchId)
  try {
    localStorage.setItem(key(userId), branchId)
  } catch {
    // private mode or storage full: the profile keeps it
  }
  // the profile's copy: a failure (offline, a branch no longer theirs) keeps the one before
  void api('PUT', '/api/me/preferences', { branchId }).catch(() => undefined)
}

/**
 * The branch to open: the link's (an alert's, a shared address) when the user may see it, else the
 * one they last chose, else the first of their own branches, else the first listed.
 */
export function branchToOpen<B extends { id: string }>(
  branches: readonly B[],
  user: { id: string; branchIds: readonly string[]; lastBranchId?: string | null },
  fromUrl: string | null,
  remembered: string | null = rememberedBranch(user),
): B | undefined {
  const listed = (id: string | null) => (id ? branches.find((b) => b.id === id) : undefined)
  return listed(fromUrl) ?? listed(remembered) ?? branches.find((b) => user.branchIds.includes(b.id)) ?? branches[0]
}
