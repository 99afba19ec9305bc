-- The outbox sender: a lease so two senders never take the same message, and the last failure for the operator.
ALTER TABLE notification_outbox ADD COLUMN claimed_until TEXT;
ALTER TABLE notification_outbox ADD COLUMN last_error TEXT;
CREATE INDEX notification_outbox_pending ON notification_outbox (sent_at, id);
