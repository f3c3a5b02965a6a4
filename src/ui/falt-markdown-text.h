/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * FaltMarkdownStyle:
 *
 * What a stretch of an article's text looks like; the view makes one text
 * tag of each (falt-markdown-render.c).
 */
typedef enum
{
  FALT_MARKDOWN_STYLE_ZOOM,           /* all of the text: its scale */
  FALT_MARKDOWN_STYLE_H1,
  FALT_MARKDOWN_STYLE_H2,
  FALT_MARKDOWN_STYLE_H3,
  FALT_MARKDOWN_STYLE_PARAGRAPH,
  FALT_MARKDOWN_STYLE_ITEM,
  FALT_MARKDOWN_STYLE_EMPHASIS,
  FALT_MARKDOWN_STYLE_STRONG,
  FALT_MARKDOWN_STYLE_STRIKETHROUGH,
  FALT_MARKDOWN_STYLE_CODE,
  FALT_MARKDOWN_STYLE_CODE_BLOCK,
  FALT_MARKDOWN_STYLE_RULE,
  FALT_MARKDOWN_STYLE_QUOTE,          /* depth: 1 for a quote, 2 in a quote… */
  FALT_MARKDOWN_STYLE_LIST,           /* depth from 0, in quote_depth quotes */
  FALT_MARKDOWN_STYLE_LINK,           /* url */
} FaltMarkdownStyle;

/* A style over the characters [start, end) of the text. */
typedef struct
{
  FaltMarkdownStyle style;
  guint             depth;
  guint             quote_depth;
  char             *url;
  int               start;
  int               end;
} FaltMarkdownSpan;

/* A heading: where its line starts, its level (1-3) and GitHub anchor. */
typedef struct
{
  int   offset;
  int   level;
  char *anchor;
} FaltMarkdownHeading;

typedef struct
{
  guint    row;
  guint    column;
  char    *markup;   /* Pango markup, links as <a href> */
  gboolean header;
  float    xalign;
} FaltMarkdownCell;

/* A table, shown as a widget at one character of the text. */
typedef struct
{
  int     offset;
  GArray *cells;     /* FaltMarkdownCell */
} FaltMarkdownTableBlock;

/**
 * FaltMarkdownText:
 * @text: the text as shown, U+FFFC where a table goes
 * @n_chars: its length in characters
 * @spans: (element-type FaltMarkdownSpan): by start, outer first
 * @headings: (element-type FaltMarkdownHeading): in order
 * @tables: (element-type FaltMarkdownTableBlock): in order
 *
 * An article as the view shows it, without GTK: made on any thread, then
 * put into a text buffer piece by piece on the main one.
 */
typedef struct
{
  char      *text;
  int        n_chars;
  GArray    *spans;
  GArray    *headings;
  GPtrArray *tables;
} FaltMarkdownText;

FaltMarkdownText *falt_markdown_text_new            (const char       *markdown);
void              falt_markdown_text_free           (FaltMarkdownText *text);
char             *falt_markdown_text_get_plain      (FaltMarkdownText *text);
const FaltMarkdownHeading *falt_markdown_text_find_heading (FaltMarkdownText *text,
                                                            const char       *anchor);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FaltMarkdownText, falt_markdown_text_free)

G_END_DECLS
