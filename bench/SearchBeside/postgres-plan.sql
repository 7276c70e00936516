-- PostgreSQL's plan of the coordinators' search count (as EF sends it: the letter, the three ILIKEs,
-- up to 1,001 rows) for a 5,000-signature letter beside one of 1,000,000 (issue 20), first with the
-- trigram indexes on the column alone (before), then with the letter in each GIN index (btree_gin,
-- SignatureSearch.ModelOnPostgres). A scratch table "search_beside"; dropped at the end.
-- usage: psql -h HOST -p PORT -U postgres -f bench/SearchBeside/postgres-plan.sql
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE EXTENSION IF NOT EXISTS btree_gin;
DROP TABLE IF EXISTS search_beside;
CREATE TABLE search_beside ("Id" serial PRIMARY KEY, "LetterId" int NOT NULL, "SignerName" text NOT NULL, "OrganisationName" text, "Email" text,
    "CreatedAt" timestamptz NOT NULL DEFAULT now());
-- Letter 2 takes one row in 201 (5,000), letter 1 the rest; 12 first names and 10 surnames, so a surname matches one row in ten.
INSERT INTO search_beside ("LetterId", "SignerName", "OrganisationName", "Email")
SELECT CASE WHEN i % 201 = 0 THEN 2 ELSE 1 END,
  (ARRAY['John','Maria','Anna','Peter','Olga','Ahmed','Li','Sofia','Ivan','Chen','Marta','Jean'])[1 + (i * 7) % 12] || ' '
    || (ARRAY['Smith','Martin','Garcia','Ivanov','Müller','Rossi','Nguyen','Kowalski','Dubois','Silva'])[1 + (i * 13) % 10] || ' ' || i,
  CASE WHEN i % 5 = 0 THEN 'Org ' || (i % 997) END, 'p' || i || '@example.org'
FROM generate_series(1, 1005000) i;
CREATE INDEX ON search_beside ("LetterId", "CreatedAt", "Id");
CREATE INDEX search_beside_name ON search_beside USING gin ("SignerName" gin_trgm_ops);
CREATE INDEX search_beside_org ON search_beside USING gin ("OrganisationName" gin_trgm_ops);
CREATE INDEX search_beside_email ON search_beside USING gin ("Email" gin_trgm_ops);
ANALYZE search_beside;
\echo '== before: the column alone'
PREPARE search_count AS SELECT count(*) FROM (SELECT 1 FROM search_beside s WHERE s."LetterId" = 2 AND (s."SignerName" ILIKE '%smith%' ESCAPE '\'
    OR (s."OrganisationName" IS NOT NULL AND s."OrganisationName" ILIKE '%smith%' ESCAPE '\') OR (s."Email" IS NOT NULL AND s."Email" ILIKE '%smith%' ESCAPE '\')) LIMIT 1001) x;
-- Three times: the first reads the index from disk.
EXPLAIN (ANALYZE, COSTS OFF) EXECUTE search_count;
EXPLAIN (ANALYZE, COSTS OFF) EXECUTE search_count;
EXPLAIN (ANALYZE, COSTS OFF) EXECUTE search_count;
DEALLOCATE search_count;
DROP INDEX search_beside_name; DROP INDEX search_beside_org; DROP INDEX search_beside_email;
CREATE INDEX ON search_beside USING gin ("LetterId", "SignerName" gin_trgm_ops);
CREATE INDEX ON search_beside USING gin ("LetterId", "OrganisationName" gin_trgm_ops);
CREATE INDEX ON search_beside USING gin ("LetterId", "Email" gin_trgm_ops);
ANALYZE search_beside;
\echo '== after: the letter in each GIN index'
PREPARE search_count AS SELECT count(*) FROM (SELECT 1 FROM search_beside s WHERE s."LetterId" = 2 AND (s."SignerName" ILIKE '%smith%' ESCAPE '\'
    OR (s."OrganisationName" IS NOT NULL AND s."OrganisationName" ILIKE '%smith%' ESCAPE '\') OR (s."Email" IS NOT NULL AND s."Email" ILIKE '%smith%' ESCAPE '\')) LIMIT 1001) x;
-- Three times: the first reads the index from disk.
EXPLAIN (ANALYZE, COSTS OFF) EXECUTE search_count;
EXPLAIN (ANALYZE, COSTS OFF) EXECUTE search_count;
EXPLAIN (ANALYZE, COSTS OFF) EXECUTE search_count;
DEALLOCATE search_count;
DROP TABLE search_beside;
