-- Lectern's first migration: the extensions later ones rely on.
-- btree_gin lets one GIN index cover (collection, tsvector), so a query inside one group's texts
-- reads only that group's entries. It is a trusted extension (PostgreSQL 13+): the database's
-- owner may create it without being a superuser.
CREATE EXTENSION IF NOT EXISTS btree_gin;
