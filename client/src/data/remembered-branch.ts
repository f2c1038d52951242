/**
 * The branch each user last chose on the timetable, remembered in this browser per user (a shared
 * front-desk computer keeps each receptionist's own), so the timetable opens where they work.
 */
const key = (userId: string) => `clubroom.branch.${userId}`

export function rememberedBranch(userId: string): string | null {
  try {
    return localStorage.getItem(key(userId))
  } catch {
    return null
  }
}

export function rememberBranch(userId: string, branchId: string): void {
  try {
    localStorage.setItem(key(userId), branchId)
  } catch {
    // private mode or storage full: the user's first branch will do
  }
}

/**
 * The branch to open: the link's (an alert's, a shared address) when the user may see it, else the
 * one they last chose, else the first of their own branches, else the first listed.
 */
export function branchToOpen<B extends { id: string }>(
  branches: readonly B[],
  user: { id: string; branchIds: readonly string[] },
  fromUrl: string | null,
  remembered: string | null = rememberedBranch(user.id),
): B | undefined {
  const listed = (id: string | null) => (id ? branches.find((b) => b.id === id) : undefined)
  return listed(fromUrl) ?? listed(remembered) ?? branches.find((b) => user.branchIds.includes(b.id)) ?? branches[0]
}
