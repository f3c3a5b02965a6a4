/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "falt-command-line"

#include <gio/gio.h>
#include <glib/gi18n.h>

#include "falt-content-languages.h"
#include "falt-command-line.h"
#include "falt-ui-utils.h"
#include "falt-update-command.h"
#include "feed/falt-feed-fields.h"
#include "store/falt-store.h"

/* The app's command line: answers that need no window, for scripts, for
 * support staff on the phone, and for tests. */

#define SEARCH_LIMIT 20

static const GOptionEntry options[] = {
  { "version", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Print the version and exit"), NULL },
  /* Taken as bytes, not converted by the option parser: its conversion
   * error would end the program with status 1, which means "no hits". */
  { "search", 's', 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Search the material and print the hits: id, page, title and snippet, tab-separated"), N_("WORDS") },
  { "lang", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Language of the material to search: sv, en, uk or ru"), N_("LANGUAGE") },
  { "status", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Print the content version, its signing time, the number of documents and where they are kept"), NULL },
  { "sync", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Check the update address and install a newer version of the material, printing progress"), NULL },
  { "feed", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Use this update address for this run (with --sync, or for the app)"), N_("URL") },
  { "import", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Install the material from an update file (made by faltstod-publish bundle or --export)"), N_("FILE") },
  { "export", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Write the installed material, with its signature, as an update file for other computers"), N_("FILE") },
  { NULL }
};

const GOptionEntry *
falt_command_line_options (void)
{
  return options;
}

/**
 * falt_command_line_bundled_feed_dir:
 *
 * Where the material installed with the app is: FALTSTOD_BUNDLED_FEED when
 * run from the build tree, else the installed copy.
 */
const char *
falt_command_line_bundled_feed_dir (void)
{
  const char *dir = g_getenv ("FALTSTOD_BUNDLED_FEED");

  return dir != NULL ? dir : BUNDLED_FEED_DIR;
}

/* NULL when the schema is not installed (a build tree without
 * GSETTINGS_SCHEMA_DIR): g_settings_new() would abort the program. */
GSettings *
falt_command_line_open_settings (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr (GSettingsSchema) schema = source != NULL
                                       ? g_settings_schema_source_lookup (source, APPLICATION_ID, TRUE)
                                       : NULL;

  return schema != NULL ? g_settings_new_full (schema, NULL, NULL) : NULL;
}

FaltStore *
falt_command_line_open_store (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *recovered_from = NULL;
  FaltStore *store = falt_store_open_default (falt_command_line_bundled_feed_dir (), &recovered_from, &error);

  if (store == NULL)
    {
      g_printerr (_("The material could not be opened: %s\n"),
                  error != NULL ? error->message : _("unknown error"));
      return NULL;
    }
  if (recovered_from != NULL &&
      g_error_matches (falt_store_get_recovery_reason (store), FALT_STORE_ERROR, FALT_STORE_ERROR_FUTURE_SCHEMA))
    g_printerr (_("The local copy of the material was made by a newer version of Fältstöd and has been replaced by the installed material. The newer copy was kept as %s.\n"),
                recovered_from);
  else if (recovered_from != NULL)
    g_printerr (_("The local copy of the material was damaged and has been restored from the installed material. The damaged copy was kept as %s.\n"),
                recovered_from);

  return store;
}

/* Tabs and line breaks inside a field would break the one-hit-a-line
 * format; other control characters (ESC, CSI) in a title from a feed would
 * be read by the terminal. */
static char *
flatten_field (const char *text)
{
  g_autofree char *valid = g_utf8_make_valid (text != NULL ? text : "", -1);
  GString *flat = g_string_new (NULL);

  for (const char *p = valid; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_iscntrl (c))
        g_string_append_c (flat, ' ');
      else
        g_string_append_len (flat, p, g_utf8_next_char (p) - p);
    }
  return g_string_free (flat, FALSE);
}

static int
print_search (const char         *query,
              const char * const *langs)
{
  g_autoptr (FaltStore) store = falt_command_line_open_store ();
  g_autoptr (GPtrArray) hits = NULL;
  g_autoptr (GError) error = NULL;

  if (store == NULL)
    return 2;

  hits = falt_store_search (store, query, langs, SEARCH_LIMIT, &error);
  if (hits == NULL)
    {
      g_printerr (_("Search failed: %s\n"), error->message);
      return 2;
    }

  for (guint i = 0; i < hits->len; i++)
    {
      FaltSearchHit *hit = g_ptr_array_index (hits, i);
      /* The page as the viewer names it ("iii", "3"), not its index. */
      const char *label = falt_search_hit_get_page (hit) > 0 ? falt_search_hit_get_page_label (hit) : NULL;
      g_autofree char *page_text = flatten_field (label != NULL ? label : "-");
      g_autofree char *title = flatten_field (falt_search_hit_get_title (hit));
      g_autofree char *plain = falt_snippet_to_plain (falt_search_hit_get_snippet (hit));
      g_autofree char *snippet = flatten_field (plain);

      g_print ("%s\t%s\t%s\t%s\n", falt_search_hit_get_doc_id (hit), page_text, title, snippet);
    }

  return hits->len > 0 ? 0 : 1;
}

static int
print_status (void)
{
  g_autoptr (FaltStore) store = falt_command_line_open_store ();
  g_autoptr (GSettings) settings = NULL;
  g_autoptr (GDateTime) signed_time = NULL;
  g_autoptr (GHashTable) counts = NULL;
  g_autofree char *signed_text = NULL;
  g_autofree char *source = NULL;
  g_autofree char *feed_url = NULL;
  g_autofree char *version = NULL;

  if (store == NULL)
    return 2;

  settings = falt_command_line_open_settings ();
  signed_time = falt_store_get_signed_time (store);
  signed_text = signed_time != NULL ? g_date_time_format_iso8601 (signed_time) : g_strdup ("-");
  counts = falt_store_count_documents_by_kind (store);
  source = falt_store_get_source (store);
  {
    g_autoptr (FaltUpdater) updater = falt_command_line_make_updater (store, settings, NULL);

    feed_url = g_strdup (*falt_updater_get_feed_url (updater) != '\0' ? falt_updater_get_feed_url (updater)
                                                                          : _("none configured"));
  }

  version = g_strdup_printf ("%" G_GINT64_FORMAT, falt_store_get_content_version (store));
  g_print (_("Content version: %s\n"), version);
  g_print (_("Signed: %s\n"), signed_text);
  g_print (_("Source: %s\n"), source != NULL ? source : "-");
  g_print (_("Articles: %u\n"), GPOINTER_TO_UINT (g_hash_table_lookup (counts, "article")));
  g_print (_("PDF documents: %u\n"), GPOINTER_TO_UINT (g_hash_table_lookup (counts, "pdf")));
  g_print (_("Coordinators: %u\n"), GPOINTER_TO_UINT (g_hash_table_lookup (counts, "coordinator")));
  g_print (_("Database: %s\n"), falt_store_get_path (store));
  if (falt_store_get_read_only_reason (store) != NULL)
    /* Translators: %s says why, e.g. "The disk is full: disk I/O error". */
    g_print (_("Reading history and bookmarks: not kept (%s)\n"), falt_store_get_read_only_reason (store)->message);
  g_print (_("Update address: %s\n"), feed_url);

  return 0;
}

/* The words as typed, in the locale's encoding (UTF-8 nearly always). */
static char *
search_words_to_utf8 (const char *bytes)
{
  if (g_utf8_validate (bytes, -1, NULL))
    return g_strdup (bytes);
  if (g_get_charset (NULL))
    return NULL;  /* the locale is UTF-8 */
  return g_locale_to_utf8 (bytes, -1, NULL, NULL, NULL);
}

/**
 * falt_command_line_make_updater:
 * @store: the store
 * @settings: (nullable): the app's settings
 * @feed_override: (nullable): an address for this run only (--feed)
 *
 * The update address is, in order: @feed_override, the `feed-url` setting (a user's, or an
 * administrator's vendor override), the address the build was configured with. The trusted
 * keys: the build's, then those in /etc/faltstod/trusted-keys/ and
 * $XDG_CONFIG_HOME/faltstod/trusted-keys/.
 *
 * Returns: (transfer full): an updater for @store
 */
FaltUpdater *
falt_command_line_make_updater (FaltStore  *store,
                                GSettings  *settings,
                                const char *feed_override)
{
  g_autoptr (FaltKeyring) keyring = falt_keyring_new_default (FEED_PUBLIC_KEY);
  g_autofree char *configured = settings != NULL ? g_settings_get_string (settings, "feed-url") : NULL;
  const char *feed_url = FEED_URL;

  if (feed_override != NULL && *feed_override != '\0')
    feed_url = feed_override;
  else if (configured != NULL && *configured != '\0')
    feed_url = configured;
  return falt_updater_new (store, keyring, feed_url);
}

/**
 * falt_command_line_handle:
 *
 * Returns: an exit status, or -1 when the application should start.
 */
int
falt_command_line_handle (GVariantDict *dict)
{
  const char *query = NULL;
  const char *lang = NULL;

  if (g_variant_dict_contains (dict, "version"))
    {
      g_print ("faltstod %s\n", PACKAGE_VERSION);
      return 0;
    }

  g_variant_dict_lookup (dict, "lang", "&s", &lang);
  if (lang != NULL && !falt_feed_is_language (lang))
    {
      g_autofree char *languages = g_strjoinv (", ", (char **) falt_feed_languages);

      g_printerr (_("Unknown language “%s”: use one of %s.\n"), lang, languages);
      return 2;
    }

  if (g_variant_dict_lookup (dict, "search", "^&ay", &query))
    {
      g_autoptr (GSettings) settings = NULL;
      g_auto (GStrv) langs = NULL;
      g_autofree char *utf8_query = search_words_to_utf8 (query);

      if (utf8_query == NULL)
        {
          g_printerr (_("The search words are not valid text in the encoding of the terminal (UTF-8 is expected).\n"));
          return 2;
        }

      /* --lang: that language, else Swedish; or the reader's chain. */
      if (lang != NULL)
        langs = g_strdupv ((char *[]) { (char *) lang, NULL });
      else if ((settings = falt_command_line_open_settings ()) != NULL)
        langs = falt_content_language_chain (settings);
      return print_search (utf8_query, (const char * const *) langs);
    }

  if (lang != NULL)
    {
      g_printerr (_("--lang goes with --search.\n"));
      return 2;
    }

  if (g_variant_dict_contains (dict, "status"))
    return print_status ();

  if (g_variant_dict_contains (dict, "sync") || g_variant_dict_contains (dict, "import")
      || g_variant_dict_contains (dict, "export"))
    return falt_update_command_run (dict);

  return -1;
}
