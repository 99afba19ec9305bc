-- The bus's directory (members, systems, services, grants, and the org nodes they name) is read on every call
-- through the gateway and changes rarely: each process keeps what it has read, for as long as this generation has
-- not moved. Every change to those tables moves it, in the same transaction, whichever process or tool made it.
CREATE TABLE interop_directory_generation (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  n BIGINT NOT NULL
);
INSERT INTO interop_directory_generation (id, n) VALUES (1, 0);

CREATE FUNCTION interop_directory_moved() RETURNS trigger LANGUAGE plpgsql AS
'BEGIN UPDATE interop_directory_generation SET n = n + 1 WHERE id = 1; RETURN NULL; END';

CREATE TRIGGER interop_members_moves_directory AFTER INSERT OR UPDATE OR DELETE ON interop_members
  FOR EACH STATEMENT EXECUTE FUNCTION interop_directory_moved();

CREATE TRIGGER interop_systems_moves_directory AFTER INSERT OR UPDATE OR DELETE ON interop_systems
  FOR EACH STATEMENT EXECUTE FUNCTION interop_directory_moved();

CREATE TRIGGER interop_services_moves_directory AFTER INSERT OR UPDATE OR DELETE ON interop_services
  FOR EACH STATEMENT EXECUTE FUNCTION interop_directory_moved();

CREATE TRIGGER interop_grants_moves_directory AFTER INSERT OR UPDATE OR DELETE ON interop_grants
  FOR EACH STATEMENT EXECUTE FUNCTION interop_directory_moved();

CREATE TRIGGER org_nodes_moves_directory AFTER INSERT OR UPDATE OR DELETE ON org_nodes
  FOR EACH STATEMENT EXECUTE FUNCTION interop_directory_moved();
