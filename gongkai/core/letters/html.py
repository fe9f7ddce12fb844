"""A letter as a small HTML page (for the PDF renderer and the in-browser preview)."""

from __future__ import annotations

from html import escape

from gongkai.core.letters.model import LetterText, chinese_date

# Fonts are installed system fonts (Noto CJK); nothing is fetched from the network.
STYLE = """
@page { size: A4; margin: 3.7cm 2.6cm 3.5cm 2.8cm; }
body { font-family: "Noto Serif CJK SC", "Noto Serif CJK", "Songti SC", serif;
       font-size: 16pt; line-height: 1.75; }
h1 { font-family: "Noto Sans CJK SC", sans-serif; font-size: 21pt; text-align: center;
     font-weight: bold; margin: 0 0 .4em; }
.number { text-align: center; margin: 0 0 1.2em; }
p { margin: 0; text-indent: 2em; text-align: justify; }
p.addressee { text-indent: 0; }
.signature { text-align: right; margin-top: 2em; }
.signature p { text-indent: 0; text-align: right; }
.attachments { margin-top: 1em; }
.attachments p { text-indent: 2em; }
.attachments p + p { text-indent: 5em; }
.notes { margin-top: 2em; font-size: 12pt; }
.notes p { text-indent: 0; }
"""


def _attachments(letter: LetterText) -> list[str]:
    if not letter.attachments:
        return []
    lines = [f"<p>{escape(line)}</p>" for line in letter.attachment_lines]
    return ['<div class="attachments">', *lines, "</div>"]


def letter_html(letter: LetterText, *, standalone: bool = True) -> str:
    letter = letter.printable()
    body = [
        f"<h1>{escape(letter.title)}</h1>",
        f'<div class="number">{escape(letter.number)}</div>',
        f'<p class="addressee">{escape(letter.addressee)}</p>',
        *(f"<p>{escape(paragraph)}</p>" for paragraph in letter.paragraphs),
        *_attachments(letter),
        '<div class="signature">',
        f"<p>{escape(letter.signer)}</p>",
        f"<p>{escape(chinese_date(letter.dated))}</p>",
        "</div>",
    ]
    if letter.notes:
        body.append('<div class="notes">')
        body += [f"<p>{escape(note)}</p>" for note in letter.notes]
        body.append("</div>")
    content = "\n".join(body)
    if not standalone:
        return f'<article class="letter">\n{content}\n</article>'
    return (
        '<!doctype html>\n<html lang="zh-CN"><head><meta charset="utf-8">'
        f"<title>{escape(letter.title)}</title><style>{STYLE}</style></head>"
        f"<body>\n{content}\n</body></html>"
    )
