#!/usr/bin/env python3
"""The group commit's SQL per burst, timed on copies of two trees' SQLite schemas (CPU time, one
process, alternated), with the rows a load run stored: what the database work of a signature costs
in each tree, and what each index of "Signatures" adds to it (docs/benchmarks.md, "Signing cost
found (branch signcost)").

usage: signing-burst-sql.py OLD_DB NEW_DB [BURST] [ROUNDS] [--drop-each]
  OLD_DB, NEW_DB: bench.db files left by the load benchmark of each tree (their schema and the
  signatures it stored); BURST signatures per transaction (default 32).
  --drop-each: also the new schema with each index of "Signatures" dropped in turn.
Per burst, as SignatureRowInsert and ConfirmationMailer run it on SQLite: BEGIN IMMEDIATE; (if the
schema has the FTS5 index: the deferral row); one prepared INSERT … RETURNING per signature and one
INSERT per event; (the FTS5 INSERT … SELECT of the burst's ids and the deferral row's DELETE); the
tallies' upsert; COMMIT; then the mailer's UPDATE clearing the burst's "confirmation owed" marks.
"""
import os, random, sqlite3, statistics, sys, tempfile, time

args = [a for a in sys.argv[1:] if not a.startswith('--')]
old_db, new_db = args[0], args[1]
burst = int(args[2]) if len(args) > 2 else 32
rounds = int(args[3]) if len(args) > 3 else 3
PRELOAD, MEASURED = 10000, 4000

def source(path):
    c = sqlite3.connect(f'file:{path}?mode=ro', uri=True)
    schema = [r[0] for r in c.execute("select sql from sqlite_master where sql is not null and name not like 'sqlite_%' "
                                         "and name not glob 'SignatureSearch_*' and tbl_name not glob '__EF*' order by type='table' desc, type='index' desc, rowid")]
    cols = [r[1] for r in c.execute('pragma table_info("Signatures")') if r[1] != 'Id']
    ecols = [r[1] for r in c.execute('pragma table_info("SignatureEvents")') if r[1] != 'Id']
    rows = c.execute(f'select Id, {", ".join(chr(34)+x+chr(34) for x in cols)} from "Signatures" where "ConfirmationTokenHash" is not null order by Id desc limit 4000').fetchall()
    events = {}
    for r in c.execute(f'select {", ".join(chr(34)+x+chr(34) for x in ecols)} from "SignatureEvents" where "SignatureId" >= ?', (rows[-1][0],)):
        events.setdefault(r[ecols.index('SignatureId')], []).append(r)
    return schema, cols, ecols, rows, events

def q(x): return '"' + x + '"'

def run(src, drop=None):
    schema, cols, ecols, rows, events = src
    path = os.path.join(tempfile.gettempdir(), 'signing-burst-sql.db')
    for s in ('', '-wal', '-shm'):
        if os.path.exists(path + s): os.remove(path + s)
    c = sqlite3.connect(path, isolation_level=None)
    c.execute('pragma journal_mode=wal')
    for sql in schema:
        if drop and f'"{drop}"' in sql.split(' ON ')[0]:
            continue
        try:
            c.execute(sql)
        except sqlite3.OperationalError as e:
            if 'already exists' not in str(e): raise
    fts = any('SignatureSearch' in s for s in schema)
    # The letter-keyed, contentless index (contentless_delete) needs SQLite 3.43 or later in this Python.
    keyed = any('contentless_delete' in s for s in schema)
    # The letters, versions… the rows point at: foreign keys are not enforced here (the app's
    # connections enforce them, at a cost both trees share).
    ins = f'insert into "Signatures" ({", ".join(map(q, cols))}) values ({", ".join("?" * len(cols))}) returning "Id"'
    eins = f'insert into "SignatureEvents" ({", ".join(map(q, ecols))}) values ({", ".join("?" * len(ecols))})'
    si = ecols.index('SignatureId')
    tok = [cols.index(x) for x in ('ConfirmationTokenHash', 'WithdrawTokenHash') if x in cols]
    email = [cols.index(x) for x in ('Email', 'EmailKey') if x in cols]
    rnd = random.Random(1)
    serial = [0]
    def one_burst():
        c.execute('begin immediate')
        if fts: c.execute('insert into "SignatureSearchDeferred"("Deferred") values (1)')
        ids = []
        for _ in range(burst):
            r = list(rows[rnd.randrange(len(rows))])
            old_id = r[0]; r = r[1:]
            serial[0] += 1
            for i in tok: r[i] = f'{serial[0]:064x}'
            for i in email: r[i] = f'n{serial[0]}.' + (r[i] or 'x@example.org')
            new_id = c.execute(ins, r).fetchone()[0]
            ids.append(new_id)
            for e in events.get(old_id, []):
                e = list(e); e[si] = new_id
                c.execute(eins, e)
        if fts:
            # Keyed by letter and id where the index is contentless (SignatureSearch.IndexDeferredSql), by id before.
            key = '("LetterId" << 32) + "Id"' if keyed else '"Id"'
            c.execute(f'insert into "SignatureSearch"(rowid, "SignerName", "OrganisationName", "Email") select {key}, "SignerName", "OrganisationName", "Email" from "Signatures" where "Id" between ? and ? order by 1', (ids[0], ids[-1]))
            c.execute('delete from "SignatureSearchDeferred"')
        c.execute('insert into "SignatureTallies" ("LetterId", "Facet", "Key", "Count") values (1, \'state\', \'0\', ?), (1, \'country\', \'FR\', ?) '
                  'on conflict ("LetterId", "Facet", "Key") do update set "Count" = "SignatureTallies"."Count" + excluded."Count"', (burst, burst))
        c.execute('commit')
        c.execute(f'update "Signatures" set "ConfirmationMailDueAt" = null where "Id" in ({", ".join("?" * len(ids))})', ids)
    for _ in range(PRELOAD // burst):
        one_burst()
    t = time.process_time()
    for _ in range(MEASURED // burst):
        one_burst()
    used = time.process_time() - t
    c.close()
    return used * 1e6 / (MEASURED // burst * burst)

old, new = source(old_db), source(new_db)
variants = [('old', old, None), ('new', new, None)]
if '--drop-each' in sys.argv:
    c = sqlite3.connect(f'file:{new_db}?mode=ro', uri=True)
    for (name,) in c.execute("select name from sqlite_master where type='index' and tbl_name='Signatures' and sql is not null"):
        variants.append((f'new without {name}', new, name))
    variants.append(('new without the FTS5 index', (
        [s for s in new[0] if 'SignatureSearch' not in s], *new[1:]), None))
results = {name: [] for name, _, _ in variants}
for _ in range(rounds):
    for name, src, drop in variants:
        results[name].append(run(src, drop))
        print(f'  {results[name][-1]:7.1f}  {name}', file=sys.stderr, flush=True)
base = statistics.median(results['new'])
print(f'burst of {burst}, {MEASURED} signatures after {PRELOAD}, median of {rounds} alternated rounds, CPU µs per signature:')
for name, values in results.items():
    m = statistics.median(values)
    print(f'  {m:7.1f}  ({m - base:+6.1f} vs new)  {name}   [{", ".join(f"{v:.1f}" for v in values)}]')
