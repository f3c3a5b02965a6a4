/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "falt-ui-utils"

#include <glib/gi18n.h>

#include "feed/falt-feed-fields.h"
#include "store/falt-store.h"
#include "falt-ui-utils.h"

/* The store marks matched words in snippets with STX … ETX. */
#define MATCH_START '\x02'
#define MATCH_END   '\x03'

static char *
convert_snippet (const char *snippet,
                 gboolean    as_markup)
{
  GString *out = g_string_new (NULL);
  gboolean in_match = FALSE;

  /* A mark that opens an open match or closes none (the store keeps
   * STX and ETX out of the text, but a snippet is never trusted to be
   * balanced) is dropped, and an open match is closed at the end, so the
   * markup always parses. */
  for (const char *p = snippet != NULL ? snippet : ""; *p != '\0';)
    {
      const char *run_end = p;

      while (*run_end != '\0' && *run_end != MATCH_START && *run_end != MATCH_END)
        run_end++;

      if (as_markup)
        {
          g_autofree char *escaped = g_markup_escape_text (p, run_end - p);
          g_string_append (out, escaped);
        }
      else
        g_string_append_len (out, p, run_end - p);

      if (*run_end == '\0')
        break;
      if (as_markup && (*run_end == MATCH_START) != in_match)
        {
          in_match = !in_match;
          g_string_append (out, in_match ? "<b>" : "</b>");
        }
      p = run_end + 1;
    }
  if (in_match)
    g_string_append (out, "</b>");

  /* A snippet is shown on a line of its own: line breaks from the source
   * text would only make ragged gaps. */
  g_strdelimit (out->str, "\n\r\t", ' ');
  return g_string_free (out, FALSE);
}

/**
 * falt_snippet_to_markup:
 *
 * Returns: (transfer full): @snippet as Pango markup, matches in bold.
 */
char *
falt_snippet_to_markup (const char *snippet)
{
  return convert_snippet (snippet, TRUE);
}

/**
 * falt_snippet_to_plain:
 *
 * Returns: (transfer full): @snippet without its match marks.
 */
char *
falt_snippet_to_plain (const char *snippet)
{
  return convert_snippet (snippet, FALSE);
}

/* The names of the content languages (falt_feed_languages). */
static const struct
{
  const char *lang;
  const char *endonym;   /* the language's name in itself */
  const char *name;      /* translated */
} language_names[] = {
  { "sv", "Svenska", N_("Swedish") },
  { "en", "English", N_("English") },
  { "uk", "Українська", N_("Ukrainian") },
  { "ru", "Русский", N_("Russian") },
};
/* A name for each content language, no more: the list is falt_feed_languages. */
G_STATIC_ASSERT (G_N_ELEMENTS (language_names) == FALT_FEED_N_LANGUAGES);

static int
find_language (const char *lang)
{
  for (guint i = 0; i < G_N_ELEMENTS (language_names); i++)
    if (g_strcmp0 (lang, language_names[i].lang) == 0)
      return (int) i;
  return -1;
}

/**
 * falt_language_name:
 * @lang: a content language (falt_feed_languages)
 *
 * Returns: the language's name, translated; @lang for one without a name
 */
const char *
falt_language_name (const char *lang)
{
  int i = find_language (lang);

  return i >= 0 ? _(language_names[i].name) : lang;
}

/**
 * falt_language_endonym:
 * @lang: a content language (falt_feed_languages)
 *
 * The language named in itself, for choosing it: the person the screen is
 * turned to reads "Українська", whatever the app's language.
 *
 * Returns: the name; @lang for a language without one
 */
const char *
falt_language_endonym (const char *lang)
{
  int i = find_language (lang);

  return i >= 0 ? language_names[i].endonym : lang;
}

/**
 * falt_example_badge_new:
 *
 * Returns: (transfer floating): a small label saying the item is example data.
 */
GtkWidget *
falt_example_badge_new (void)
{
  GtkWidget *badge = gtk_label_new (_("Example data"));

  gtk_widget_add_css_class (badge, "example-badge");
  gtk_widget_set_valign (badge, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (badge, _("Placeholder details, replaced when a signed update brings the real ones"));
  return badge;
}

/**
 * falt_status_page_set_plain_description:
 *
 * Sets @text as the page's description. libadwaita 1.2 reads descriptions
 * as markup, and error messages, paths and names may hold “&” or “<”.
 */
void
falt_status_page_set_plain_description (AdwStatusPage *page,
                                        const char    *text)
{
  g_autofree char *escaped = g_markup_escape_text (text != NULL ? text : "", -1);

  adw_status_page_set_description (page, escaped);
}

void
falt_copy_to_clipboard (GtkWidget  *widget,
                        const char *text)
{
  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), text);
}

/**
 * falt_language_names:
 * @langs: content languages
 *
 * Returns: (transfer full): their names, comma-separated (“Swedish, English”)
 */
char *
falt_language_names (const char * const *langs)
{
  GString *names = g_string_new (NULL);

  for (guint i = 0; langs != NULL && langs[i] != NULL; i++)
    {
      if (i > 0)
        /* Translators: between the names of languages in a list. */
        g_string_append (names, _(", "));
      g_string_append (names, falt_language_name (langs[i]));
    }
  return g_string_free (names, FALSE);
}

static void
create_menu_cb (GtkMenuButton *button,
                gpointer       user_data)
{
  g_autoptr (GMenuModel) model = g_object_ref (user_data);

  /* Once made, the menu stays: this does not run again. */
  gtk_menu_button_set_create_popup_func (button, NULL, NULL, NULL);
  gtk_menu_button_set_menu_model (button, model);
}

/**
 * falt_menu_button_set_menu_later:
 * @button: a menu button with no menu yet
 * @model: its menu
 *
 * Gives @button its menu the first time it opens (a click, Enter, F10 for
 * the primary one), not at once: a menu model set on a button builds its
 * whole popover, which start-up then paid for menus nobody had opened.
 */
void
falt_menu_button_set_menu_later (GtkMenuButton *button,
                                 GMenuModel    *model)
{
  g_return_if_fail (GTK_IS_MENU_BUTTON (button));
  g_return_if_fail (G_IS_MENU_MODEL (model));

  gtk_menu_button_set_create_popup_func (button, create_menu_cb, g_object_ref (model), g_object_unref);
}
