-- Attachment quotas count what one person attached in the last day; the figures page lists a
-- reception's feedback comments, newest first.
CREATE INDEX attachments_uploader ON attachments (uploader_id, at);
CREATE INDEX feedback_comments ON feedback (reception_id, at, ticket_id) WHERE comment <> '';
