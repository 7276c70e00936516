PREPARE q(int, text, int) AS SELECT s."Id" FROM (SELECT * FROM "Signatures" WHERE "SearchText" LIKE lower($2) ESCAPE '\') AS s WHERE s."LetterId" = $1 ORDER BY s."Id" LIMIT $3;
