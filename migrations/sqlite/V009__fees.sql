-- The fee of an application, computed by the system from the service version it was filed under and its data, in
-- whole rupiah. No page or API writes it: only submission (and resubmission after a correction) does.
ALTER TABLE applications ADD COLUMN fee_amount INTEGER NOT NULL DEFAULT 0;
