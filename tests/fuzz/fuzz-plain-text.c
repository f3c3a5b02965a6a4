/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "fuzz-plain-text"

#include "falt-fuzz.h"
#include "falt-store-private.h"

/* The store's Markdown-to-plain-text renderer (what search indexes and snippets show) and the
 * control-character filter that keeps the snippet markers out of content. */

int
LLVMFuzzerInitialize (int *argc, char ***argv)
{
  falt_fuzz_init ();
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  g_autofree char *plain = NULL;
  g_autofree char *stripped = NULL;

  /* Blobs reach the renderer only as valid UTF-8 without NUL (falt_feed_check_blob_content). */
  if (!g_utf8_validate_len ((const char *) data, size, NULL) || memchr (data, '\0', size) != NULL)
    return 0;
  plain = falt_store_markdown_to_plain_text ((const char *) data, (gssize) size);
  g_assert_nonnull (plain);
  g_assert_true (g_utf8_validate (plain, -1, NULL));
  stripped = falt_store_strip_control_characters (plain);
  g_assert_true (g_utf8_validate (stripped, -1, NULL));
  g_assert_null (strchr (stripped, '\x02'));
  g_assert_null (strchr (stripped, '\x03'));
  return 0;
}
