-- Every user opens on their own branch, remembered per user (issue #17): the branch they last chose,
-- kept on the server so another browser opens on it too (PUT /api/me/preferences, returned by
-- /api/auth/me). Only an addition (docs/CONTRIBUTING.md, expand / contract): a nullable column;
-- null is "not chosen yet" (the client opens on the user's first branch).
ALTER TABLE "users" ADD COLUMN "last_branch_id" uuid REFERENCES "branches"("id") ON DELETE SET NULL;
