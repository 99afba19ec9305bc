-- Single sign-on tied to the portal session it was given in: signing out of the portal (or everywhere) revokes what
-- the applications hold from that session, found by the session's hash.
CREATE INDEX sso_grants_session ON sso_grants (session_hash);

-- The scope each token carries: a refresh may ask for less than the person agreed to, and userinfo then releases
-- only that. '' on tokens issued before this column: the grant's scope.
ALTER TABLE sso_tokens ADD COLUMN scope TEXT NOT NULL DEFAULT '';
