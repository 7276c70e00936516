# The SQLite search index's insert cost: the per-row trigger against one INSERT ... SELECT per batch
# (docs/benchmarks.md, "The search index filled once per batch"). CPU per row; usage: python3 THIS 20 2000
import sqlite3, time, os, random, sys, tempfile
def run(mode, cols, batch=20, n=20000):
    p=os.path.join(tempfile.gettempdir(), 'fts5-trigger-vs-batch.db')
    for s in ['', '-wal', '-shm']:
        try: os.remove(p+s)
        except: pass
    c=sqlite3.connect(p, isolation_level=None)
    c.execute('pragma journal_mode=wal'); c.execute('pragma synchronous=normal')
    c.execute('create table S(Id integer primary key, LetterId int, SignerName text, OrganisationName text, Email text, Role text, Country text, CreatedAt text)')
    cl=', '.join(cols)
    if mode!='none':
        c.execute(f"create virtual table F using fts5({cl}, content='S', content_rowid='Id', tokenize='trigram')")
    if mode=='trigger':
        c.execute(f"create trigger T after insert on S begin insert into F(rowid,{cl}) values (new.Id, {', '.join('new.'+x for x in cols)}); end")
    if mode=='marker':
        c.execute("create table M(x integer primary key)")
        c.execute(f"create trigger T after insert on S when not exists (select 1 from M) begin insert into F(rowid,{cl}) values (new.Id, {', '.join('new.'+x for x in cols)}); end")
    rnd=random.Random(1)
    t=time.process_time()
    for b in range(n//batch):
        c.execute('begin immediate')
        if mode=='marker': c.execute('insert into M values(1)')
        ids=[]
        for i in range(batch):
            k=b*batch+i
            cur=c.execute('insert into S(LetterId,SignerName,OrganisationName,Email,Role,Country,CreatedAt) values (?,?,?,?,?,?,?) returning Id',
              (1, f'Name{rnd.randint(0,10**6)} Surname{k}', f'Organisation {rnd.randint(0,5000)} of things', f'someone.{k}@example{rnd.randint(0,99)}.org','Director','FR','2026-12-05T03:00:00'))
            ids.append(cur.fetchone()[0])
        if mode in('batch','marker'):
            c.execute(f'insert into F(rowid,{cl}) select Id,{cl} from S where Id between ? and ?',(ids[0],ids[-1]))
        if mode=='marker': c.execute('delete from M')
        c.execute('commit')
    return time.process_time()-t
for batch in (int(a) for a in sys.argv[1:]):
  for rep in range(2):
    for mode,cols in [('none',[]),('trigger',['SignerName','OrganisationName','Email']),('marker',['SignerName','OrganisationName','Email']),('trigger',['SignerName','OrganisationName']),('marker',['SignerName','OrganisationName'])]:
        print(batch, mode, len(cols), round(run(mode,cols,batch)*1e6/20000,1),'us/row')
