/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * make-pdf: turns the plain-text brochure sources in data/content/pdf-src/
 * into A4 PDFs, so the PDFs the app ships are rebuilt from text in the repo.
 *
 *   make-pdf -o OUTDIR SOURCE.txt…   writes OUTDIR/<basename>.pdf for each source
 *
 * Source format (UTF-8):
 *   title: …          header lines "key: value" up to a line "---";
 *   subtitle: …       keys: title (required), subtitle, author, date
 *   author: …         (YYYY-MM-DD, required: it is the PDF's creation date,
 *   date: 2026-11-23  so the output is byte-for-byte reproducible), lang
 *   lang: sv          (sv, en, uk or ru: footer wording and text language)
 *   ---
 *   # Heading         level-1 heading (also a PDF bookmark)
 *   ## Subheading     level-2 heading (a bookmark under the last heading)
 *   - item            bullet item (continuation lines are joined)
 *   text lines        joined into a paragraph; a blank line ends it
 *   ===               a line of its own: start a new page
 *   **bold**          bold text inside any block
 */

#include "config.h"

#define G_LOG_DOMAIN "make-pdf"

#include <cairo-pdf.h>
#include <glib.h>
#include <pango/pangocairo.h>
#include <stdlib.h>
#include <string.h>

#define PAGE_WIDTH 595.276 /* A4 in points */
#define PAGE_HEIGHT 841.890
#define MARGIN_X 68.0
#define MARGIN_TOP 72.0
#define MARGIN_BOTTOM 84.0
#define FOOTER_Y (PAGE_HEIGHT - 48.0)
#define BULLET_INDENT 16.0
#define BODY_FONT "DejaVu Sans 10.5"
#define HEADING_FONT "Cantarell, DejaVu Sans Bold 17"
#define SUBHEADING_FONT "Cantarell, DejaVu Sans Bold 13"
#define TITLE_FONT "Cantarell, DejaVu Sans Bold 30"
#define SUBTITLE_FONT "Cantarell, DejaVu Sans 15"
#define FOOTER_FONT "DejaVu Sans 8"

#define MAKE_PDF_ERROR (make_pdf_error_quark ())
typedef enum
{
  MAKE_PDF_ERROR_INVALID,
  MAKE_PDF_ERROR_FAILED,
} MakePdfError;

static G_DEFINE_QUARK (make-pdf-error-quark, make_pdf_error)

typedef enum
{
  BLOCK_HEADING1,
  BLOCK_HEADING2,
  BLOCK_PARAGRAPH,
  BLOCK_BULLET,
  BLOCK_PAGE_BREAK,
} BlockKind;

typedef struct
{
  BlockKind kind;
  char *markup; /* Pango markup, already escaped */
  char *plain;  /* for bookmarks */
} Block;

typedef struct
{
  char *title;
  char *subtitle;
  char *author;
  char *date;
  char *lang;
  GPtrArray *blocks;
} Source;

/* Layout state. cr is NULL in the first pass, which only counts pages so the
 * footer can say "page N of M". */
typedef struct
{
  cairo_t *cr;
  cairo_surface_t *surface;
  PangoContext *context;
  const Source *source;
  int page;
  int n_pages;
  double y;
  int outline_parent;
} Renderer;

static void
block_free (gpointer data)
{
  Block *block = data;

  g_free (block->markup);
  g_free (block->plain);
  g_free (block);
}

static void
source_free (Source *source)
{
  g_free (source->title);
  g_free (source->subtitle);
  g_free (source->author);
  g_free (source->date);
  g_free (source->lang);
  g_clear_pointer (&source->blocks, g_ptr_array_unref);
  g_free (source);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Source, source_free)

/* A space between two digits becomes a no-break space, so a phone number
 * such as 020-39 00 00 is never split across lines. */
static char *
join_digit_groups (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == ' ' && p > text && g_ascii_isdigit (p[-1]) && g_ascii_isdigit (p[1]))
        g_string_append (out, "\xc2\xa0");
      else
        g_string_append_c (out, *p);
    }
  return g_string_free (out, FALSE);
}

/* Escapes text for Pango and turns **x** into bold. */
static char *
text_to_markup (const char *text)
{
  g_autofree char *joined = join_digit_groups (text);
  g_autofree char *escaped = g_markup_escape_text (joined, -1);
  g_auto (GStrv) parts = g_strsplit (escaped, "**", -1);
  GString *out = g_string_new (NULL);

  for (guint i = 0; parts[i] != NULL; i++)
    {
      /* An unmatched trailing ** is kept literally instead of opening a tag. */
      if (i > 0 && i % 2 == 1 && parts[i + 1] == NULL)
        g_string_append (out, "**");
      else if (i > 0)
        g_string_append (out, i % 2 == 1 ? "<b>" : "</b>");
      g_string_append (out, parts[i]);
    }
  return g_string_free (out, FALSE);
}

static char *
text_to_plain (const char *text)
{
  g_auto (GStrv) parts = g_strsplit (text, "**", -1);
  return g_strjoinv ("", parts);
}

static void
flush_block (Source *source, BlockKind kind, GString *text)
{
  Block *block;

  if (text->len == 0)
    return;
  block = g_new0 (Block, 1);
  block->kind = kind;
  block->markup = text_to_markup (text->str);
  block->plain = text_to_plain (text->str);
  g_ptr_array_add (source->blocks, block);
  g_string_truncate (text, 0);
}

static gboolean
parse_header_line (Source *source, const char *path, guint lineno, const char *line, GError **error)
{
  const char *colon = strchr (line, ':');
  g_autofree char *key = NULL;
  char **slot = NULL;

  if (colon == NULL)
    {
      g_set_error (error, MAKE_PDF_ERROR, MAKE_PDF_ERROR_INVALID,
                   "%s:%u: expected “key: value” or “---”", path, lineno);
      return FALSE;
    }
  key = g_strstrip (g_strndup (line, colon - line));
  if (g_str_equal (key, "title"))
    slot = &source->title;
  else if (g_str_equal (key, "subtitle"))
    slot = &source->subtitle;
  else if (g_str_equal (key, "author"))
    slot = &source->author;
  else if (g_str_equal (key, "date"))
    slot = &source->date;
  else if (g_str_equal (key, "lang"))
    slot = &source->lang;
  else
    {
      g_set_error (error, MAKE_PDF_ERROR, MAKE_PDF_ERROR_INVALID,
                   "%s:%u: unknown header key “%s”", path, lineno, key);
      return FALSE;
    }
  g_free (*slot);
  *slot = g_strstrip (g_strdup (colon + 1));
  return TRUE;
}

static gboolean
check_header (const Source *source, const char *path, GError **error)
{
  int year, month, day;

  if (source->title == NULL || *source->title == '\0')
    {
      g_set_error (error, MAKE_PDF_ERROR, MAKE_PDF_ERROR_INVALID, "%s: the header has no title", path);
      return FALSE;
    }
  if (source->date == NULL || strlen (source->date) != 10
      || sscanf (source->date, "%4d-%2d-%2d", &year, &month, &day) != 3
      || !g_date_valid_dmy (day, month, year))
    {
      g_set_error (error, MAKE_PDF_ERROR, MAKE_PDF_ERROR_INVALID,
                   "%s: the header needs “date: YYYY-MM-DD”", path);
      return FALSE;
    }
  return TRUE;
}

static Source *
source_load (const char *path, GError **error)
{
  g_autoptr (Source) source = g_new0 (Source, 1);
  g_autofree char *contents = NULL;
  g_auto (GStrv) lines = NULL;
  g_autoptr (GString) text = g_string_new (NULL);
  BlockKind kind = BLOCK_PARAGRAPH;
  gboolean in_header = TRUE;

  if (!g_file_get_contents (path, &contents, NULL, error))
    return NULL;
  if (!g_utf8_validate (contents, -1, NULL))
    {
      g_set_error (error, MAKE_PDF_ERROR, MAKE_PDF_ERROR_INVALID, "%s: not valid UTF-8", path);
      return NULL;
    }
  source->blocks = g_ptr_array_new_with_free_func (block_free);
  lines = g_strsplit (contents, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      char *line = g_strchomp (lines[i]);

      if (in_header)
        {
          if (g_str_equal (line, "---"))
            in_header = FALSE;
          else if (*line != '\0' && !parse_header_line (source, path, i + 1, line, error))
            return NULL;
          continue;
        }

      if (*line == '\0' || g_str_equal (line, "==="))
        {
          flush_block (source, kind, text);
          kind = BLOCK_PARAGRAPH;
          if (*line != '\0')
            {
              Block *page_break = g_new0 (Block, 1);
              page_break->kind = BLOCK_PAGE_BREAK;
              g_ptr_array_add (source->blocks, page_break);
            }
          continue;
        }

      if (g_str_has_prefix (line, "# ") || g_str_has_prefix (line, "## ") || g_str_has_prefix (line, "- "))
        {
          flush_block (source, kind, text);
          if (line[0] == '-')
            kind = BLOCK_BULLET;
          else
            kind = line[1] == '#' ? BLOCK_HEADING2 : BLOCK_HEADING1;
          line = g_strchug (strchr (line, ' '));
          g_string_append (text, line);
          /* A heading is one line: what follows is a new paragraph. */
          if (kind != BLOCK_BULLET)
            {
              flush_block (source, kind, text);
              kind = BLOCK_PARAGRAPH;
            }
          continue;
        }

      if (text->len > 0)
        g_string_append_c (text, ' ');
      g_string_append (text, g_strchug (line));
    }
  flush_block (source, kind, text);

  if (in_header)
    {
      g_set_error (error, MAKE_PDF_ERROR, MAKE_PDF_ERROR_INVALID, "%s: the header has no closing “---”", path);
      return NULL;
    }
  if (!check_header (source, path, error))
    return NULL;
  return g_steal_pointer (&source);
}

static PangoLayout *
make_layout (Renderer *r, const char *font, const char *markup, double width)
{
  PangoLayout *layout = pango_layout_new (r->context);
  g_autoptr (PangoFontDescription) desc = pango_font_description_from_string (font);

  pango_layout_set_font_description (layout, desc);
  pango_layout_set_width (layout, pango_units_from_double (width));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_markup (layout, markup, -1);
  return layout;
}

static double
layout_height (PangoLayout *layout)
{
  int height;

  pango_layout_get_size (layout, NULL, &height);
  return pango_units_to_double (height);
}

static char *
format_page_number (const Source *source, int page, int n_pages)
{
  if (g_strcmp0 (source->lang, "sv") == 0)
    return g_strdup_printf ("Sida %d av %d", page, n_pages);
  if (g_strcmp0 (source->lang, "uk") == 0)
    return g_strdup_printf ("Сторінка %d з %d", page, n_pages);
  if (g_strcmp0 (source->lang, "ru") == 0)
    return g_strdup_printf ("Страница %d из %d", page, n_pages);
  return g_strdup_printf ("Page %d of %d", page, n_pages);
}

static void
draw_footer (Renderer *r)
{
  g_autofree char *escaped_title = g_markup_escape_text (r->source->title, -1);
  g_autofree char *number = format_page_number (r->source, r->page, r->n_pages);
  g_autoptr (PangoLayout) left = make_layout (r, FOOTER_FONT, escaped_title, PAGE_WIDTH - 2 * MARGIN_X - 110);
  g_autoptr (PangoLayout) right = make_layout (r, FOOTER_FONT, number, 110);

  pango_layout_set_ellipsize (left, PANGO_ELLIPSIZE_END);
  pango_layout_set_alignment (right, PANGO_ALIGN_RIGHT);

  cairo_set_source_rgb (r->cr, 0.55, 0.55, 0.55);
  cairo_set_line_width (r->cr, 0.5);
  cairo_move_to (r->cr, MARGIN_X, FOOTER_Y - 6);
  cairo_line_to (r->cr, PAGE_WIDTH - MARGIN_X, FOOTER_Y - 6);
  cairo_stroke (r->cr);

  cairo_set_source_rgb (r->cr, 0.35, 0.35, 0.35);
  cairo_move_to (r->cr, MARGIN_X, FOOTER_Y);
  pango_cairo_show_layout (r->cr, left);
  cairo_move_to (r->cr, PAGE_WIDTH - MARGIN_X - 110, FOOTER_Y);
  pango_cairo_show_layout (r->cr, right);
}

static void
new_page (Renderer *r)
{
  if (r->cr != NULL)
    {
      /* The cover page carries no footer. */
      if (r->page > 1)
        draw_footer (r);
      cairo_show_page (r->cr);
    }
  r->page++;
  r->y = MARGIN_TOP;
}

static void
draw_title_page (Renderer *r)
{
  double width = PAGE_WIDTH - 2 * MARGIN_X;
  g_autofree char *title = g_markup_escape_text (r->source->title, -1);
  g_autoptr (PangoLayout) title_layout = make_layout (r, TITLE_FONT, title, width);
  double y = 300;

  r->page = 1;
  if (r->cr == NULL)
    return;

  /* A coloured band makes the cover recognisable as a printout. */
  cairo_set_source_rgb (r->cr, 0.20, 0.27, 0.40);
  cairo_rectangle (r->cr, 0, 0, PAGE_WIDTH, 180);
  cairo_fill (r->cr);
  cairo_set_source_rgb (r->cr, 0.85, 0.55, 0.25);
  cairo_rectangle (r->cr, 0, 180, PAGE_WIDTH, 8);
  cairo_fill (r->cr);

  cairo_set_source_rgb (r->cr, 0.12, 0.16, 0.26);
  cairo_move_to (r->cr, MARGIN_X, y);
  pango_cairo_show_layout (r->cr, title_layout);
  y += layout_height (title_layout) + 24;

  if (r->source->subtitle != NULL)
    {
      g_autofree char *subtitle = g_markup_escape_text (r->source->subtitle, -1);
      g_autoptr (PangoLayout) layout = make_layout (r, SUBTITLE_FONT, subtitle, width);

      cairo_set_source_rgb (r->cr, 0.25, 0.25, 0.25);
      cairo_move_to (r->cr, MARGIN_X, y);
      pango_cairo_show_layout (r->cr, layout);
    }

  if (r->source->author != NULL)
    {
      g_autofree char *text = g_markup_printf_escaped ("%s\n%s", r->source->author, r->source->date);
      g_autoptr (PangoLayout) layout = make_layout (r, "DejaVu Sans 10", text, width);

      cairo_set_source_rgb (r->cr, 0.3, 0.3, 0.3);
      cairo_move_to (r->cr, MARGIN_X, PAGE_HEIGHT - MARGIN_BOTTOM - layout_height (layout));
      pango_cairo_show_layout (r->cr, layout);
    }
}

static void
add_bookmark (Renderer *r, const Block *block)
{
  g_autofree char *link = NULL;
  int id;

  if (r->cr == NULL)
    return;
  link = g_strdup_printf ("page=%d pos=[%.1f %.1f]", r->page, MARGIN_X, r->y);
  id = cairo_pdf_surface_add_outline (r->surface,
                                      block->kind == BLOCK_HEADING1 ? CAIRO_PDF_OUTLINE_ROOT : r->outline_parent,
                                      block->plain, link, 0);
  if (block->kind == BLOCK_HEADING1)
    r->outline_parent = id;
}

/* Draws a layout line by line, moving to a new page where a line does not
 * fit, so long paragraphs flow across pages. */
static void
flow_layout (Renderer *r, PangoLayout *layout, double x)
{
  PangoLayoutIter *iter = pango_layout_get_iter (layout);
  double consumed = 0; /* height of the layout's lines already placed on earlier pages */
  double top = r->y;

  do
    {
      PangoRectangle logical;
      double line_top, line_bottom;

      pango_layout_iter_get_line_extents (iter, NULL, &logical);
      line_top = pango_units_to_double (logical.y);
      line_bottom = line_top + pango_units_to_double (logical.height);
      if (top + line_bottom - consumed > PAGE_HEIGHT - MARGIN_BOTTOM)
        {
          new_page (r);
          consumed = line_top;
          top = r->y;
        }
      if (r->cr != NULL)
        {
          double baseline = pango_units_to_double (pango_layout_iter_get_baseline (iter));
          cairo_move_to (r->cr, x, top + baseline - consumed);
          pango_cairo_show_layout_line (r->cr, pango_layout_iter_get_line_readonly (iter));
        }
      r->y = top + line_bottom - consumed;
    }
  while (pango_layout_iter_next_line (iter));
  pango_layout_iter_free (iter);
}

static void
draw_heading (Renderer *r, const Block *block, gboolean first_on_page)
{
  double width = PAGE_WIDTH - 2 * MARGIN_X;
  gboolean level1 = block->kind == BLOCK_HEADING1;
  g_autoptr (PangoLayout) layout = make_layout (r, level1 ? HEADING_FONT : SUBHEADING_FONT, block->markup, width);
  double space_before = first_on_page ? 0 : (level1 ? 22 : 14);
  double height = layout_height (layout);

  /* Keep a heading with at least three lines of what follows it. */
  if (r->y + space_before + height + 3 * 16 > PAGE_HEIGHT - MARGIN_BOTTOM)
    {
      new_page (r);
      space_before = 0;
    }
  r->y += space_before;
  add_bookmark (r, block);
  if (r->cr != NULL)
    {
      cairo_set_source_rgb (r->cr, 0.16, 0.23, 0.38);
      cairo_move_to (r->cr, MARGIN_X, r->y);
      pango_cairo_show_layout (r->cr, layout);
    }
  r->y += height + (level1 ? 8 : 5);
}

static void
draw_text_block (Renderer *r, const Block *block)
{
  gboolean bullet = block->kind == BLOCK_BULLET;
  double indent = bullet ? BULLET_INDENT : 0;
  double width = PAGE_WIDTH - 2 * MARGIN_X - indent;
  g_autoptr (PangoLayout) layout = make_layout (r, BODY_FONT, block->markup, width);
  g_autoptr (PangoLayout) dot = make_layout (r, BODY_FONT, "•", BULLET_INDENT);

  pango_layout_set_spacing (layout, pango_units_from_double (3));
  if (r->y + pango_units_to_double (pango_layout_get_baseline (layout)) > PAGE_HEIGHT - MARGIN_BOTTOM)
    new_page (r);
  if (r->cr != NULL)
    {
      cairo_set_source_rgb (r->cr, 0.1, 0.1, 0.1);
      if (bullet)
        {
          cairo_move_to (r->cr, MARGIN_X + 3, r->y);
          pango_cairo_show_layout (r->cr, dot);
        }
    }
  flow_layout (r, layout, MARGIN_X + indent);
  r->y += bullet ? 4 : 9;
}

/* Lays out the whole document; returns the number of pages. */
static int
render (Renderer *r)
{
  const GPtrArray *blocks = r->source->blocks;
  gboolean first_on_page = TRUE;

  draw_title_page (r);
  new_page (r);

  for (guint i = 0; i < blocks->len; i++)
    {
      const Block *block = g_ptr_array_index (blocks, i);

      switch (block->kind)
        {
        case BLOCK_PAGE_BREAK:
          if (!first_on_page)
            new_page (r);
          first_on_page = TRUE;
          continue;
        case BLOCK_HEADING1:
        case BLOCK_HEADING2:
          draw_heading (r, block, first_on_page || r->y == MARGIN_TOP);
          break;
        case BLOCK_PARAGRAPH:
        case BLOCK_BULLET:
          draw_text_block (r, block);
          break;
        default:
          g_assert_not_reached ();
        }
      first_on_page = FALSE;
    }
  if (r->cr != NULL)
    draw_footer (r);
  return r->page;
}

static PangoContext *
create_context (const Source *source)
{
  PangoFontMap *font_map = pango_cairo_font_map_get_default ();
  PangoContext *context = pango_font_map_create_context (font_map);
  cairo_font_options_t *options = cairo_font_options_create ();

  /* Unhinted metrics at 72 dpi: line breaks then depend only on the fonts,
   * not on the machine's screen settings. */
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (context, options);
  pango_cairo_context_set_resolution (context, 72);
  cairo_font_options_destroy (options);
  if (source->lang != NULL)
    pango_context_set_language (context, pango_language_from_string (source->lang));
  return context;
}

static void
set_metadata (cairo_surface_t *surface, const Source *source)
{
  g_autofree char *timestamp = g_strdup_printf ("%sT00:00:00Z", source->date);

  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, source->title);
  if (source->subtitle != NULL)
    cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_SUBJECT, source->subtitle);
  if (source->author != NULL)
    cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_AUTHOR, source->author);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Fältstöd make-pdf");
  /* Fixed dates instead of "now", so rebuilding gives the same bytes. */
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATE_DATE, timestamp);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_MOD_DATE, timestamp);
}

static gboolean
make_pdf (const char *source_path, const char *out_dir, GError **error)
{
  g_autoptr (Source) source = source_load (source_path, error);
  g_autofree char *base = NULL;
  g_autofree char *out_path = NULL;
  PangoContext *context;
  Renderer r = { 0 };
  cairo_status_t status;
  int n_pages;

  if (source == NULL)
    return FALSE;
  base = g_path_get_basename (source_path);
  if (g_str_has_suffix (base, ".txt"))
    base[strlen (base) - 4] = '\0';
  out_path = g_strdup_printf ("%s/%s.pdf", out_dir, base);

  context = create_context (source);
  r.context = context;
  r.source = source;
  n_pages = render (&r);

  memset (&r, 0, sizeof r);
  r.context = context;
  r.source = source;
  r.n_pages = n_pages;
  r.surface = cairo_pdf_surface_create (out_path, PAGE_WIDTH, PAGE_HEIGHT);
  set_metadata (r.surface, source);
  r.cr = cairo_create (r.surface);
  render (&r);
  cairo_destroy (r.cr);
  cairo_surface_finish (r.surface);
  status = cairo_surface_status (r.surface);
  cairo_surface_destroy (r.surface);
  g_object_unref (context);

  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, MAKE_PDF_ERROR, MAKE_PDF_ERROR_FAILED, "%s: %s", out_path, cairo_status_to_string (status));
      return FALSE;
    }
  g_print ("%s: %d pages\n", out_path, n_pages);
  return TRUE;
}

int
main (int argc, char **argv)
{
  g_autofree char *out_dir = NULL;
  g_auto (GStrv) sources = NULL;
  g_autoptr (GOptionContext) options = g_option_context_new ("SOURCE.txt… — build brochure PDFs");
  g_autoptr (GError) error = NULL;
  GOptionEntry entries[] = {
    { "output-dir", 'o', 0, G_OPTION_ARG_FILENAME, &out_dir, "Write the PDFs to DIR", "DIR" },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &sources, NULL, NULL },
    { NULL }
  };

  g_option_context_add_main_entries (options, entries, NULL);
  if (!g_option_context_parse (options, &argc, &argv, &error))
    {
      g_printerr ("make-pdf: %s\n", error->message);
      return EXIT_FAILURE;
    }
  if (out_dir == NULL || sources == NULL)
    {
      g_printerr ("usage: make-pdf -o OUTDIR SOURCE.txt…\n");
      return EXIT_FAILURE;
    }
  for (guint i = 0; sources[i] != NULL; i++)
    {
      if (!make_pdf (sources[i], out_dir, &error))
        {
          g_printerr ("make-pdf: %s\n", error->message);
          return EXIT_FAILURE;
        }
    }
  return EXIT_SUCCESS;
}
