#!/usr/bin/env python3
"""Writes Resources/SharedResource.<lang>.resx from the translation tables in scripts/translations/.

Each table file (one per area of the app, so people translating different pages do not edit the
same file) defines T: English key -> [fr, es, ru, ar]. The .resx files are what the app reads; a
test checks every language has every English key. Usage: scripts/resx.py (rewrites the files).
"""
import html, importlib.util, os, sys

LANGS = ["fr", "es", "ru", "ar"]
here = os.path.dirname(os.path.abspath(__file__))
T = {}
ENGLISH = {}  # English texts that differ from their key (plural forms)
for name in sorted(os.listdir(os.path.join(here, "translations"))):
    if not name.endswith(".py"):
        continue
    spec = importlib.util.spec_from_file_location(name[:-3], os.path.join(here, "translations", name))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    for key, values in module.T.items():
        if isinstance(values, dict):
            # A count-dependent text: {"en": {"one": …, "other": …}, "fr": {…}, …}, one resource per
            # CLDR category, named "key|category" (see Infrastructure/PluralText.cs).
            for category, text in values["en"].items():
                ENGLISH[f"{key}|{category}"] = text
            categories = sorted({c for lang in ["en"] + LANGS for c in values[lang]})
            for category in categories:
                T[f"{key}|{category}"] = [values[lang].get(category) for lang in LANGS]
            continue
        if len(values) != len(LANGS):
            sys.exit(f"{name}: {key!r} needs {len(LANGS)} translations, has {len(values)}")
        if key in T and T[key] != values:
            sys.exit(f"{name}: {key!r} is translated differently in another table")
        T[key] = values

HEADER = '''<?xml version="1.0" encoding="utf-8"?>
<root>
  <resheader name="resmimetype"><value>text/microsoft-resx</value></resheader>
  <resheader name="version"><value>2.0</value></resheader>
  <resheader name="reader"><value>System.Resources.ResXResourceReader, System.Windows.Forms, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b77a5c561934e089</value></resheader>
  <resheader name="writer"><value>System.Resources.ResXResourceWriter, System.Windows.Forms, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b77a5c561934e089</value></resheader>
'''

def write(path, pairs):
    with open(path, "w", encoding="utf-8") as f:
        f.write(HEADER)
        for key, value in pairs:
            f.write(f'  <data name="{html.escape(key, quote=True)}" xml:space="preserve"><value>{html.escape(value, quote=False)}</value></data>\n')
        f.write("</root>\n")

root = os.path.join(here, "..", "src", "SignOnLetters.Web", "Resources")
os.makedirs(root, exist_ok=True)
write(os.path.join(root, "SharedResource.en.resx"), [(k, ENGLISH.get(k, k)) for k in T if not "|" in k or k in ENGLISH])
for i, lang in enumerate(LANGS):
    write(os.path.join(root, f"SharedResource.{lang}.resx"), [(k, v[i]) for k, v in T.items() if v[i] is not None])
print(f"{len(T)} keys, {len(LANGS) + 1} languages")
