/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "falt-content-languages"

#include "falt-content-languages.h"
#include "feed/falt-feed-fields.h"

/* The chain of material languages: which translation of a document the
 * reader sees first, and which next when it is missing. It holds every
 * content language (falt_feed_languages) once, in the reader's order:
 * stored in the "content-languages" setting, or, while that is empty, the
 * default: the interface's language, then English, then Swedish, then the
 * others. The older "content-language" setting chose one language; a
 * choice made there still comes first (falt_migrate_content_language()
 * moves it over). */

static const char *
known_language (const char *lang)
{
  for (guint i = 0; falt_feed_languages[i] != NULL; i++)
    if (g_strcmp0 (lang, falt_feed_languages[i]) == 0)
      return falt_feed_languages[i];
  return NULL;
}

/**
 * falt_ui_content_language:
 *
 * Returns: the first of the user's languages (g_get_language_names()) that
 *   the content is written in, or Swedish
 */
const char *
falt_ui_content_language (void)
{
  const char * const *names = g_get_language_names ();

  for (guint n = 0; names[n] != NULL; n++)
    for (guint i = 0; falt_feed_languages[i] != NULL; i++)
      if (g_str_has_prefix (names[n], falt_feed_languages[i])
          && (names[n][2] == '\0' || names[n][2] == '_' || names[n][2] == '.' || names[n][2] == '@'))
        return falt_feed_languages[i];
  return "sv";
}

/* @first (known languages, in order, each once), then every other content
 * language in the default order. */
static GStrv
complete_chain (const char * const *first)
{
  const char *defaults[] = { falt_ui_content_language (), "en", "sv", NULL };
  g_autoptr (GPtrArray) chain = g_ptr_array_new ();
  const char * const *sources[] = { first, defaults, falt_feed_languages };

  for (guint s = 0; s < G_N_ELEMENTS (sources); s++)
    for (guint i = 0; sources[s] != NULL && sources[s][i] != NULL; i++)
      {
        const char *lang = known_language (sources[s][i]);

        if (lang != NULL && !g_ptr_array_find_with_equal_func (chain, lang, g_str_equal, NULL))
          g_ptr_array_add (chain, g_strdup (lang));
      }
  g_ptr_array_add (chain, NULL);
  return (GStrv) g_ptr_array_free (g_steal_pointer (&chain), FALSE);
}

/**
 * falt_default_content_language_chain:
 *
 * Returns: (transfer full): the chain while the reader has chosen none:
 *   the interface's language, English, Swedish, then the others
 */
GStrv
falt_default_content_language_chain (void)
{
  return complete_chain (NULL);
}

/**
 * falt_content_language_chain:
 * @settings: the application's settings
 *
 * Returns: (transfer full): every content language once, in the order the
 *   material is to be shown in: the first a document has is the one shown
 */
GStrv
falt_content_language_chain (GSettings *settings)
{
  g_auto (GStrv) chosen = g_settings_get_strv (settings, "content-languages");
  g_autofree char *old_choice = NULL;

  if (chosen[0] != NULL)
    return complete_chain ((const char * const *) chosen);
  old_choice = g_settings_get_string (settings, "content-language");
  return complete_chain ((const char * const[]) { old_choice, NULL });
}

/**
 * falt_set_content_language_chain:
 * @settings: the application's settings
 * @chain: the languages in the reader's order
 *
 * Stores @chain (completed with the languages it lacks); the older
 * one-language setting is cleared, so it cannot come back.
 */
void
falt_set_content_language_chain (GSettings          *settings,
                                 const char * const *chain)
{
  g_auto (GStrv) complete = complete_chain (chain);

  g_settings_delay (settings);
  g_settings_set_strv (settings, "content-languages", (const char * const *) complete);
  g_settings_reset (settings, "content-language");
  g_settings_apply (settings);
}

/**
 * falt_reset_content_language_chain:
 * @settings: the application's settings
 *
 * Back to the default chain, which follows the interface's language.
 */
void
falt_reset_content_language_chain (GSettings *settings)
{
  g_settings_delay (settings);
  g_settings_reset (settings, "content-languages");
  g_settings_reset (settings, "content-language");
  g_settings_apply (settings);
}

/**
 * falt_migrate_content_language:
 * @settings: the application's settings
 *
 * A language chosen with the older "content-language" setting becomes the
 * first of the chain, so upgrading loses no choice.
 */
void
falt_migrate_content_language (GSettings *settings)
{
  g_autofree char *old_choice = g_settings_get_string (settings, "content-language");
  g_auto (GStrv) chosen = g_settings_get_strv (settings, "content-languages");

  if (*old_choice == '\0')
    return;
  if (chosen[0] != NULL)
    {
      g_settings_reset (settings, "content-language");
      return;
    }
  falt_set_content_language_chain (settings, (const char * const[]) { old_choice, NULL });
}
