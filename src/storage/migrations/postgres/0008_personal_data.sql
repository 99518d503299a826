-- Personal data by the Law of the RK No. 94-V (issue 8): which version of the consent text a
-- citizen accepted and when, for each question and each account; questions whose personal
-- data were erased (at the citizen's request or when the retention period ran out) keep
-- what the figures count and lose the rest.
ALTER TABLE tickets ADD COLUMN consent_version TEXT NOT NULL DEFAULT '';
ALTER TABLE tickets ADD COLUMN consent_at BIGINT;
ALTER TABLE tickets ADD COLUMN erased_at BIGINT;
ALTER TABLE users ADD COLUMN consent_version TEXT NOT NULL DEFAULT '';
ALTER TABLE users ADD COLUMN consent_at BIGINT;
-- The retention job's search: ended questions not yet erased, oldest first.
CREATE INDEX tickets_to_erase ON tickets (ended_at) WHERE erased_at IS NULL AND ended_at IS NOT NULL;
