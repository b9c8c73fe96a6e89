-- Whether the caller's output cap was clamped to the serving target's maximum or caused targets to be skipped
-- (usage event field output_cap_action; null when the cap fit).
ALTER TABLE requests ADD COLUMN output_cap_action TEXT;
