-- Teacher performance (issue #20): why a client left a group, as the desk typed it when taking
-- them out (never translated; null for those who left before, or without a reason). Only an addition.
ALTER TABLE "group_members" ADD COLUMN IF NOT EXISTS "left_reason" text;
