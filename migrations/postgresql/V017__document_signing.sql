-- Official outputs (issue 13). Each PDF carries an embedded PAdES signature (CMS over its byte ranges) made with
-- the agency's key and an X.509 certificate issued by the platform's own certificate authority, so any PDF reader
-- checks it offline; the Ed25519 signature over the file's SHA-256 stays for the QR verification. Documents carry
-- an official number from a pattern the agency sets and a yearly sequence per agency that is never reused and has no
-- gaps (it is taken in the unit of work that records the document).
CREATE TABLE certificate_authority (
  id BIGSERIAL PRIMARY KEY,
  certificate TEXT NOT NULL,               -- PEM, self-signed root
  key_sealed TEXT NOT NULL,                -- sealed PEM private key, like the agencies' keys
  status TEXT NOT NULL,                    -- active, retired
  created_at TEXT NOT NULL
);

ALTER TABLE signing_keys ADD COLUMN certificate TEXT NOT NULL DEFAULT '';     -- PEM, issued by the platform CA
ALTER TABLE signing_keys ADD COLUMN cms_key_sealed TEXT NOT NULL DEFAULT '';  -- sealed PEM key of that certificate

ALTER TABLE documents ADD COLUMN number TEXT NOT NULL DEFAULT '';       -- the official number, as printed
ALTER TABLE documents ADD COLUMN signer_nip TEXT NOT NULL DEFAULT '';
CREATE INDEX documents_number ON documents (number);

CREATE TABLE document_numbering (
  node_id BIGINT PRIMARY KEY REFERENCES org_nodes (id),
  pattern TEXT NOT NULL,                   -- e.g. {klasifikasi}/{nomor}/{unit}/{bulan_romawi}/{tahun}
  classification TEXT NOT NULL,            -- the archive classification code, e.g. 503
  unit TEXT NOT NULL,                      -- the agency's short code, e.g. DPMPTSP
  updated_at TEXT NOT NULL
);

CREATE TABLE document_sequences (
  node_id BIGINT NOT NULL REFERENCES org_nodes (id),
  year INTEGER NOT NULL,
  last_number BIGINT NOT NULL,
  PRIMARY KEY (node_id, year)
);
