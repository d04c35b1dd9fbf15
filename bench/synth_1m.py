# Synthetic 1M-member directory for `crmlens bench match` until `crmlens demo-data` lands: names,
# titles, locations and companies resampled from DEV (seed 7). Writes /tmp/synth1m/{members,companies,member_queries}.jsonl.gz.
import gzip,json,random
random.seed(7)
D='/work/shared/data/dev/'
mem=[json.loads(l) for l in gzip.open(D+'members.jsonl.gz','rt')]
comp=[json.loads(l) for l in gzip.open(D+'companies.jsonl.gz','rt')]
firsts=[m['first_name'] for m in mem]; lasts=[m['last_name'] for m in mem]; titles=[m['title'] for m in mem]; locs=[m['location'] for m in mem]
words=['Alpha','Nova','Vertex','Summit','Harbor','Pioneer','Quantum','Cedar','Atlas','Orion','Zenith','Vista','Crest','Apex','Delta','Lumen','Nimbus','Sierra','Titan','Aurora']
NC=100000; NM=1000000
companies=[]
with gzip.open('/tmp/synth1m/companies.jsonl.gz','wt') as f:
    for i in range(NC):
        c=comp[i%len(comp)]
        name=c['name'] if i<len(comp) else f"{random.choice(words)} {c['name']}"
        dom=''.join(ch for ch in name.lower() if ch.isalnum())[:20]+'.com'
        r=dict(id=f"c{i:07d}",name=name,industry=c['industry'],location=c['location'],website='https://www.'+dom,size=c['size'],description='')
        companies.append(r); f.write(json.dumps(r,ensure_ascii=False)+'\n')
weights=[1.0/(1+i%500)**0.8 for i in range(NC)]
cids=random.choices(range(NC),weights=weights,k=NM)
sample=[]
with gzip.open('/tmp/synth1m/members.jsonl.gz','wt') as f:
    for i in range(NM):
        c=companies[cids[i]]; fn=random.choice(firsts); ln=random.choice(lasts)
        emails=[f"{fn.lower()}.{ln.lower()}@{c['website'][12:]}".replace(' ','')] if random.random()<0.3 else []
        r=dict(id=f"m{i:07d}",first_name=fn,last_name=ln,headline='',title=random.choice(titles),company_id=c['id'],company_name=c['name'],location=random.choice(locs),emails=emails,past_companies=[])
        f.write(json.dumps(r,ensure_ascii=False)+'\n')
        if i%200==0: sample.append(r)
with gzip.open('/tmp/synth1m/member_queries.jsonl.gz','wt') as f:
    for j,r in enumerate(sample[:5000]):
        ln=r['last_name']
        if j%5==0 and len(ln)>4: ln=ln[:2]+ln[3:]
        q=dict(record_id=f"q{j}",crm='salesforce',object='lead',first_name=r['first_name'],last_name=ln,company=r['company_name'] if j%3 else None,title=r['title'] if j%2 else None,email=(r['emails'][0] if r['emails'] and j%4==0 else None))
        f.write(json.dumps(q,ensure_ascii=False)+'\n')
print('ok')
