-- The search statements main sent (capped count, page 20 newest first) and pubsearch2's (first 1,001 by id), on the
-- database bench/SearchBeside/postgres-million.sql makes: psql … -f bench/SearchBeside/postgres-first-matches.sql
SET jit = off;
\set w '"LetterId" = 1 AND ("SignerName" ILIKE ''%смирнова%'' OR "OrganisationName" ILIKE ''%смирнова%'' OR "Email" ILIKE ''%смирнова%'')'
EXPLAIN (ANALYZE, BUFFERS OFF, COSTS OFF) SELECT COUNT(*) FROM (SELECT 1 FROM "Signatures" WHERE :w LIMIT 1001) t;
EXPLAIN (ANALYZE, COSTS OFF) SELECT "Id" FROM "Signatures" WHERE :w ORDER BY "CreatedAt" DESC, "Id" DESC LIMIT 50 OFFSET 950;
EXPLAIN (ANALYZE, COSTS OFF) SELECT "Id" FROM "Signatures" WHERE :w ORDER BY "Id" LIMIT 1001;
\set w '"LetterId" = 1 AND ("SignerName" ILIKE ''%org%'' OR "OrganisationName" ILIKE ''%org%'' OR "Email" ILIKE ''%org%'')'
EXPLAIN (ANALYZE, COSTS OFF) SELECT COUNT(*) FROM (SELECT 1 FROM "Signatures" WHERE :w LIMIT 1001) t;
EXPLAIN (ANALYZE, COSTS OFF) SELECT "Id" FROM "Signatures" WHERE :w ORDER BY "CreatedAt" DESC, "Id" DESC LIMIT 50 OFFSET 950;
EXPLAIN (ANALYZE, COSTS OFF) SELECT "Id" FROM "Signatures" WHERE :w ORDER BY "Id" LIMIT 1001;
\set w '"LetterId" = 1 AND ("SignerName" ILIKE ''%rare person%'' OR "OrganisationName" ILIKE ''%rare person%'' OR "Email" ILIKE ''%rare person%'')'
EXPLAIN (ANALYZE, COSTS OFF) SELECT COUNT(*) FROM (SELECT 1 FROM "Signatures" WHERE :w LIMIT 1001) t;
EXPLAIN (ANALYZE, COSTS OFF) SELECT "Id" FROM "Signatures" WHERE :w ORDER BY "Id" LIMIT 1001;
\set w '"LetterId" = 1 AND ("SignerName" ILIKE ''%organisation 12%'' OR "OrganisationName" ILIKE ''%organisation 12%'' OR "Email" ILIKE ''%organisation 12%'')'
EXPLAIN (ANALYZE, COSTS OFF) SELECT COUNT(*) FROM (SELECT 1 FROM "Signatures" WHERE :w LIMIT 1001) t;
EXPLAIN (ANALYZE, COSTS OFF) SELECT "Id" FROM "Signatures" WHERE :w ORDER BY "CreatedAt" DESC, "Id" DESC LIMIT 50 OFFSET 950;
EXPLAIN (ANALYZE, COSTS OFF) SELECT "Id" FROM "Signatures" WHERE :w ORDER BY "Id" LIMIT 1001;
\set w '"LetterId" = 1 AND ("SignerName" ILIKE ''%p777.%'' OR "OrganisationName" ILIKE ''%p777.%'' OR "Email" ILIKE ''%p777.%'')'
EXPLAIN (ANALYZE, COSTS OFF) SELECT "Id" FROM "Signatures" WHERE :w ORDER BY "Id" LIMIT 1001;
