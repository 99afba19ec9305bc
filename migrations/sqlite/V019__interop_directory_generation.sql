-- The bus's directory (members, systems, services, grants, and the org nodes they name) is read on every call
-- through the gateway and changes rarely: each process keeps what it has read, for as long as this generation has
-- not moved. Every change to those tables moves it, in the same transaction, whichever process or tool made it.
CREATE TABLE interop_directory_generation (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  n BIGINT NOT NULL
);
INSERT INTO interop_directory_generation (id, n) VALUES (1, 0);

CREATE TRIGGER interop_members_insert_moves_directory AFTER INSERT ON interop_members
BEGIN
  UPDATE interop_directory_generation SET n = n + 1 WHERE id = 1;
END;

CREATE TRIGGER interop_members_update_moves_directory AFTER UPDATE ON interop_members
BEGIN
  UPDATE interop_directory_generation SET n = n + 1 WHERE id = 1;
END;

CREATE TRIGGER interop_members_delete_moves_directory AFTER DELETE ON interop_members
BEGIN
  UPDATE interop_directory_generation SET n = n + 1 WHERE id = 1;
END;

CREATE TRIGGER interop_systems_insert_moves_directory AFTER INSERT ON interop_systems
BEGIN
  UPDATE interop_directory_generation SET n = n + 1 WHERE id = 1;
END;

CREATE TRIGGER interop_systems_update_moves_directory AFTER UPDATE ON interop_systems
BEGIN
  UPDATE interop_directory_generation SET n = n + 1 WHERE id = 1;
END;

CREATE TRIGGER interop_systems_delete_moves_directory AFTER DELETE ON interop_systems
BEGIN
  UPDATE interop_directory_generation SET n = n + 1 WHERE id = 1;
END;

CREATE TRIGGER interop_services_insert_moves_directory AFTER INSERT ON interop_services
BEGIN
  UPDATE interop_directory_generation SET n = n + 1 WHERE id = 1;
END;

CREATE TRIGGER interop_services_update_moves_directory AFTER UPDATE ON interop_services
BEGIN
  UPDATE interop_directory_generation SET n = n + 1 WHERE id = 1;
END;

CREATE TRIGGER interop_services_delete_moves_directory AFTER DELETE ON interop_services
BEGIN
  UPDATE interop_directory_generation SET n = n + 1 WHERE id = 1;
END;

CREATE TRIGGER interop_grants_insert_moves_directory AFTER INSERT ON interop_grants
BEGIN
  UPDATE interop_directory_generation SET n = n + 1 WHERE id = 1;
END;

CREATE TRIGGER interop_grants_update_moves_directory AFTER UPDATE ON interop_grants
BEGIN
  UPDATE interop_directory_generation SET n = n + 1 WHERE id = 1;
END;

CREATE TRIGGER interop_grants_delete_moves_directory AFTER DELETE ON interop_grants
BEGIN
  UPDATE interop_directory_generation SET n = n + 1 WHERE id = 1;
END;

CREATE TRIGGER org_nodes_insert_moves_directory AFTER INSERT ON org_nodes
BEGIN
  UPDATE interop_directory_generation SET n = n + 1 WHERE id = 1;
END;

CREATE TRIGGER org_nodes_update_moves_directory AFTER UPDATE ON org_nodes
BEGIN
  UPDATE interop_directory_generation SET n = n + 1 WHERE id = 1;
END;

CREATE TRIGGER org_nodes_delete_moves_directory AFTER DELETE ON org_nodes
BEGIN
  UPDATE interop_directory_generation SET n = n + 1 WHERE id = 1;
END;
