"""Tags the languages of the seed's names from the pages that state them (#31).

One-off helper that wrote `nameLanguage` and `{ "value", "lang" }` aliases into
seed/*.json and seed/ecosystem/*.json; the rule is in seed/ecosystem/FORMAT.md
("Languages of names"). Prints the counts; writes only with --write. Tags already
given are recomputed, so review the diff after running it.

    python3 scripts/tag-name-languages.py [--write]
"""
import json, glob, re, collections, sys, os
ROOT=os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'seed')+'/'
files=sorted(glob.glob(ROOT+'ecosystem/*.json'))+sorted(glob.glob(ROOT+'*.json'))
KANA=re.compile(r'[\u3040-\u30ff]')
HAN=re.compile(r'[\u3400-\u9fff]')
# Characters written one way in Japanese (shinjitai) and another in Traditional Chinese.
JA_FORMS=set('医楽亜戸団栄関発県沢広変労売読対総経済実写拠辺継続弁険検験図声気鉄囲国圧価仮伝児剤効単営巣区協号台専帯徳応恵悪戦挙様権歓浜渉満滞瀬焼猟献画当尽県研礼称稲穂竜粋絵継縄聴脳臓与芸薬蔵処覚観訳読譲豊賛転軽辺郷酔釈鉱銭録隆雑鶏麦黒齢済斎斉')
ZH_FORMS=set('辦區醫樂亞戶團榮關發縣澤廣變勞賣讀對總經濟實寫據邊繼續辦險檢驗圖聲氣鐵圍國壓價假傳兒劑效單營巢區協號臺專帶德應惠惡戰舉樣權歡濱涉滿滯瀨燒獵獻畫當盡研禮稱稻穗龍粹繪繩聽腦臟與藝藥藏處覺觀譯讓豐贊轉輕鄉醉釋礦錢錄隆雜雞麥黑齡齊灣為會學員體術產業際')
_both=JA_FORMS&ZH_FORMS
JA_FORMS-=set('台'); ZH_FORMS-=set('業際術員為')
JA_FORMS-=_both; ZH_FORMS-=_both
ZH_WORDS=['股份有限公司','財團法人','基金會','協會','生技','醫院']
JA_WORDS=['株式会社','財団','法人']  # 財団/法人 are also Japanese-only forms with 団
srclang={}
data={}
for f in files:
    d=json.load(open(f)); data[f]=d
    if d.get('format')==2:
        for s in d['sources']: srclang[s['id']]=s['language']
    else:
        srclang[d['source']['id']]=d['source']['language']
# entity-wide page languages
ent_langs=collections.defaultdict(set)
def node_sources(f,d,n):
    if d.get('format')==2: return [c['source'] for c in n.get('citations',[])]
    return [d['source']['id']]
for f,d in data.items():
    for n in d['nodes']:
        for s in node_sources(f,d,n): ent_langs[n['id']].add(srclang[s])
def tag(name, file_langs, entity_langs, person=False):
    if KANA.search(name): return 'ja'
    # An English phrase of ours that quotes a Han name ("Anchor Kobe–嘉義… basic agreement").
    if ' ' in name and re.search(r'(?<![A-Za-z\u3400-\u9fff])[a-z]{2,}(?![A-Za-z])', name): return 'en'
    if HAN.search(name):
        cjk_here={'ja' if l=='ja' else 'zh-Hant' for l in file_langs if l in ('ja','zh')}
        cjk_any={'ja' if l=='ja' else 'zh-Hant' for l in entity_langs|file_langs if l in ('ja','zh')}
        ja=any(c in JA_FORMS for c in name) or '株式会社' in name
        zh=any(c in ZH_FORMS for c in name) or any(w in name for w in ZH_WORDS)
        # The name's own character forms (医 in Japanese, 醫 in Chinese) say which of the
        # languages whose pages state the entity writes it; a page may quote the other's.
        if person: ja = zh = False  # personal names keep old forms (澤, 國) in Japanese too
        if ja and not zh: return 'ja' if 'ja' in cjk_any else 'und'
        if zh and not ja: return 'zh-Hant' if 'zh-Hant' in cjk_any else 'und'
        if ja and zh: return 'und'
        # Forms shared by both: the language of the pages of this file that state it.
        if len(cjk_here)==1: return next(iter(cjk_here))
        return 'und'
    # Latin letters: the English (or romanised) form; neither Japanese nor Chinese writes names so.
    if re.search(r'[A-Za-z]', name): return 'en'
    return 'und'
stats=collections.Counter()
for f,d in data.items():
    for n in d['nodes']:
        fl={srclang[s] for s in node_sources(f,d,n)}
        el=ent_langs[n['id']]
        if 'name' in n and 'mention' not in n:
            t=tag(n['name'],fl,el,n['label']=='Person'); n['nameLanguage']=t; stats[t]+=1
        new=[]
        for a in n.get('aliases',[]):
            v=a['value'] if isinstance(a,dict) else a
            t=tag(v,fl,el,n['label']=='Person'); stats[t]+=1
            new.append({'value':v,'lang':t})
        if 'aliases' in n: n['aliases']=new
    if '--write' in sys.argv:
        open(f,'w').write(json.dumps(d,indent=2,ensure_ascii=False)+'\n')
print(stats)
