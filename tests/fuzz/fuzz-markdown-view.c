/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "fuzz-markdown-view"

#include <adwaita.h>

#include "falt-fuzz.h"
#include "ui/falt-markdown-view.h"

/* The article view's Markdown renderer: the input is rendered into the real FaltMarkdownView's
 * text buffer. GTK 4 needs a display to make any widget, so this target runs under Xvfb
 * (tests/bench/fuzz does that); the view is never shown in a window, so nothing is drawn. */

static FaltMarkdownView *view;

int
LLVMFuzzerInitialize (int *argc, char ***argv)
{
  falt_fuzz_init ();
  if (!gtk_init_check ())
    g_error ("fuzz-markdown-view needs a display: run it under xvfb-run");
  view = g_object_ref_sink (FALT_MARKDOWN_VIEW (falt_markdown_view_new ()));
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  g_autofree char *markdown = NULL;
  g_autofree char *text = NULL;
  g_autofree char *first_text = NULL;

  /* Article blobs are valid UTF-8 without NUL (falt_feed_check_blob_content). */
  if (!g_utf8_validate_len ((const char *) data, size, NULL) || memchr (data, '\0', size) != NULL)
    return 0;
  markdown = falt_fuzz_string (data, size);
  falt_markdown_view_set_markdown (view, markdown);
  /* The text as it will be, while only its first screenful is in. */
  first_text = falt_markdown_view_get_text (view);
  /* Let the view put in the rest and lay it out, as it would on screen. */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  text = falt_markdown_view_get_text (view);
  g_assert_true (g_utf8_validate (text, -1, NULL));
  g_assert_cmpstr (text, ==, first_text);
  return 0;
}
