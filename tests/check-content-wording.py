#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Checks the wording of the bundled content against errors a reader could act on.

  check-content-wording.py SOURCE_ROOT

Reads data/content/ (articles, PDF sources, contacts.json), the built-in numbers'
texts in src/dial/ and the translations in po/, and fails when:
  - the acute number and the urgent number are offered as alternatives
    ("112 eller 114 14"): in acute danger the reader must call 112;
  - the brochure's "prostitution är brott" comes back (selling sex is no crime in
    Sweden; the sentence can be read as blaming the exploited person);
  - a text points to a page of the app that does not exist (a "Kontakter" tab), or
    names a page other than the app's pages and content sections;
  - the about-the-app article names the example badge other than the UI spells it;
  - the Ukrainian texts use terms we replaced (one name for Migrationsverket, the
    legal terms, "Зараз зачинено" for a closed line), or the Russian texts stray
    from the terms they share with them.
"""

import glob
import json
import os
import re
import sys

LANGS = ('sv', 'en', 'uk', 'ru')

# Whatever the language: 112 and 114 14 never offered as either/or.
FORBIDDEN_EVERYWHERE = [
    (r'112\s+(eller|or|чи|або|или)\s+114\s*14', 'offers 112 and 114 14 as alternatives'),
    (r'114\s*14\s+(eller|or|чи|або|или)\s+112', 'offers 114 14 and 112 as alternatives'),
    (r'prostitution\s+(är|are|is)\s+(ett\s+|a\s+)?(brott|crimes?)\b',
     'calls prostitution a crime (in Sweden buying sex is the crime)'),
    (r'\bfliken\b|\bflikar\b|\btabs?\b|вкладк', 'refers to a tab: the app has pages, no tabs'),
    (r'\bKontakter\b|\b(see|under|in) Contacts\b|«Контакти»',
     'refers to a "Contacts" page the app does not have'),
]

# Ukrainian terms we settled on; the forms replaced must not come back.
FORBIDDEN_UK = [
    (r'Міграційн\w*\s+управлін', 'Migrationsverket is «Міграційна служба Швеції»'),
    (r'попередн\w*\s+розслідуван', 'förundersökning is «досудове розслідування»'),
    (r'жертв\w*\s+торгівлі', 'say «особа, яка постраждала від торгівлі людьми»'),
    (r'опікун\w*\s*\(god man\)', 'god man is «представник (god man)»'),
    (r'час на роздуми|період роздумів', 'betänketid is «період для роздумів»'),
    (r'Не працює|не працює\b', 'a closed line is «Зараз зачинено»'),
]

# The same choices in Russian.
FORBIDDEN_RU = [
    (r'Миграционн\w*\s+управлени', 'Migrationsverket is «Миграционная служба Швеции»'),
    (r'жертв\w*\s+торговли', 'say «лицо, пострадавшее от торговли людьми»'),
    (r'опекун\w*\s*\(god man\)', 'god man is «представитель (god man)»'),
    (r'время на размышлени|период размышлени', 'betänketid is «период для размышлений»'),
    (r'досудебн\w*\s+расследовани', 'förundersökning is «предварительное расследование»'),
]

# How a text names a page of the app: "sidan *Regionkoordinatorer*",
# "the *Coordinators* page", "розділ *Повернення*".
PAGE_REFERENCES = {
    'sv': r'\b(?:sidan|sidorna|avsnittet)\s+\*([^*]+)\*',
    'en': r'\bthe\s+\*([^*]+)\*\s+(?:page|section)\b',
    'uk': r'(?:сторінк|розділ)\w*\s+\*([^*]+)\*',
    'ru': r'(?:страниц|раздел)\w*\s+\*([^*]+)\*',
}

# The window's fixed pages (src/ui/falt-window.c) by their English names.
FIXED_PAGES = ('Get Help Now', 'Library', 'Coordinators', 'Search')
BADGE = 'Example data'


def normalise(text):
    return re.sub(r'\s+', ' ', text.replace('**', ''))


def po_entries(path):
    """msgid → msgstr for the plain entries of a .po file."""
    entries = {}
    with open(path, encoding='utf-8') as f:
        text = f.read()
    for block in text.split('\n\n'):
        if block.lstrip().startswith('#~') or 'msgctxt' in block:
            continue
        m = re.search(r'^msgid ((?:".*"\n?)+)msgstr ((?:".*"\n?)+)', block, re.M)
        if m:
            def join(s):
                return ''.join(re.findall(r'"((?:[^"\\]|\\.)*)"', s))
            entries[join(m.group(1))] = join(m.group(2))
    return entries


def strings_in_json(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, list):
        for v in value:
            yield from strings_in_json(v)
    elif isinstance(value, dict):
        for k, v in value.items():
            for s in strings_in_json(v):
                yield s


def main():
    top = sys.argv[1] if len(sys.argv) > 1 else '.'
    content = os.path.join(top, 'data', 'content')
    problems = []

    # text by (file, language); language None when it is mixed or unknown
    texts = []
    for path in sorted(glob.glob(os.path.join(content, 'articles', '*.md'))
                       + glob.glob(os.path.join(content, 'pdf-src', '*.txt'))):
        lang = os.path.basename(path).split('.')[-2]
        with open(path, encoding='utf-8') as f:
            texts.append((path, lang, f.read()))
    with open(os.path.join(content, 'contacts.json'), encoding='utf-8') as f:
        for contact in json.load(f):
            for key in ('names', 'when'):
                for lang, text in (contact.get(key) or {}).items():
                    texts.append(('contacts.json ' + contact['id'], lang, text))
    for path in sorted(glob.glob(os.path.join(top, 'src', 'dial', '*.c'))):
        with open(path, encoding='utf-8') as f:
            texts.append((path, 'en', f.read()))
    po = {lang: po_entries(os.path.join(top, 'po', lang + '.po')) for lang in ('sv', 'uk')}
    # The Russian UI translation may not exist yet: then no Russian page name is known.
    ru_po = os.path.join(top, 'po', 'ru.po')
    po['ru'] = po_entries(ru_po) if os.path.exists(ru_po) else {}
    for lang, entries in po.items():
        for msgid, msgstr in entries.items():
            if msgid:
                texts.append(('po/%s.po “%s”' % (lang, msgid[:40]), lang, msgstr))

    for where, lang, text in texts:
        flat = normalise(text)
        rules = FORBIDDEN_EVERYWHERE + {'uk': FORBIDDEN_UK, 'ru': FORBIDDEN_RU}.get(lang, [])
        for pattern, why in rules:
            m = re.search(pattern, flat)
            if m:
                problems.append('%s: “%s”: %s' % (where, m.group(0), why))

    # Page references name real pages: the fixed pages and the content sections.
    with open(os.path.join(content, 'sections.json'), encoding='utf-8') as f:
        sections = json.load(f)
    pages = {lang: {s['titles'][lang] for s in sections if lang in s['titles']} for lang in LANGS}
    pages['en'] |= set(FIXED_PAGES)
    for lang in ('sv', 'uk', 'ru'):
        for name in FIXED_PAGES:
            if po[lang].get(name):
                pages[lang].add(po[lang][name])
    for where, lang, text in texts:
        if lang not in PAGE_REFERENCES or not where.endswith(('.md', '.txt')):
            continue
        for m in re.finditer(PAGE_REFERENCES[lang], normalise(text)):
            if m.group(1) not in pages[lang]:
                problems.append('%s: names the page “%s”; the app has: %s'
                                % (where, m.group(1), ', '.join(sorted(pages[lang]))))

    # The about text names the example badge as the UI spells it.
    for lang in LANGS:
        badge = BADGE if lang == 'en' else po[lang].get(BADGE)
        path = os.path.join(content, 'articles', 'om-appen.%s.md' % lang)
        if not os.path.exists(path) or not badge:
            continue
        with open(path, encoding='utf-8') as f:
            if '*%s*' % badge not in f.read():
                problems.append('%s: does not name the badge as the UI shows it: *%s*' % (path, badge))

    for p in problems:
        print(p)
    print('%d texts checked, %d problems' % (len(texts), len(problems)))
    return 1 if problems else 0


if __name__ == '__main__':
    sys.exit(main())
