#!/usr/bin/env python3
# Writes one Unicode list per CJK region: the characters of that region's national standard
# character set, plus kana, Hangul, CJK punctuation and full-width forms (shared by all).
import sys
def codec_chars(codec, lead, trail):
    out=set()
    for a in lead:
        for b in trail:
            try: s=bytes([a,b]).decode(codec)
            except UnicodeDecodeError: continue
            out.update(ord(c) for c in s)
    return out
common=set(range(0x3000,0x3040))|set(range(0x3040,0x3100))|set(range(0x31F0,0x3200))|set(range(0xFF00,0xFFF0))|set(range(0x3200,0x3300))
common|=set(range(0x2E80,0x2FE0))  # radicals
hangul=set(range(0xAC00,0xD7A4))|set(range(0x1100,0x1200))|set(range(0x3130,0x3190))
jp=codec_chars('euc_jp',range(0xA1,0xFF),range(0xA1,0xFF))
sc=codec_chars('gb2312',range(0xA1,0xF8),range(0xA1,0xFF))
tc=codec_chars('big5',range(0xA1,0xFA),list(range(0x40,0x7F))+list(range(0xA1,0xFF)))
hk=codec_chars('big5hkscs',range(0x87,0xFF),list(range(0x40,0x7F))+list(range(0xA1,0xFF)))
kr=codec_chars('euc_kr',range(0xA1,0xFF),range(0xA1,0xFF))
sets={'JP':jp|common,'SC':sc|common,'TC':tc|common,'KR':kr|hangul|common,'HK':hk|common}
import unicodedata
for k,v in sets.items():
    # A national set may encode a character only as a compatibility ideograph (KS X 1001 gives
    # 郎 as U+F92C), but text is typed with the unified one (U+90CE): keep both, or a Korean name
    # with 郎 falls to another region's face.
    v|={ord(unicodedata.normalize('NFD',chr(c))) for c in v if 0xF900<=c<=0xFAFF or 0x2F800<=c<=0x2FA1F}
    v={c for c in v if c>=0x2000}
    open(k+'.txt','w').write(','.join('U+%04X'%c for c in sorted(v)))
    print(k,len(v))
