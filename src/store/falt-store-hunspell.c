/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "falt-store"

#include <hunspell.h>
#include <string.h>

#include "falt-store-private.h"

/* Hunspell dictionaries, for the languages Snowball has no stemmer for
 * (Ukrainian). Loading uk_UA takes ~400 ms and ~40 MB here, so each
 * dictionary is loaded once per process and shared by every tokenizer
 * (each connection has several), when a word is first stemmed: not when a
 * tokenizer is created, since the schema check at every start creates
 * empty search tables. A Hunhandle is not thread-safe: its lock
 * serializes the stemming. */

struct _FaltStoreHunspell
{
  GMutex     lock;
  Hunhandle *handle;
};

/* Where dictionaries are looked for: $FALTSTOD_HUNSPELL_DIR alone when set
 * (tests), else hunspell/ in each system data directory (Flatpak's
 * /app/share among them), then /usr/share/hunspell. */
static GPtrArray *
dictionary_dirs (void)
{
  GPtrArray *dirs = g_ptr_array_new_with_free_func (g_free);
  const char *override = g_getenv ("FALTSTOD_HUNSPELL_DIR");
  const char * const *data_dirs = g_get_system_data_dirs ();

  if (override != NULL)
    {
      g_ptr_array_add (dirs, g_strdup (override));
      return dirs;
    }
  for (guint i = 0; data_dirs[i] != NULL; i++)
    g_ptr_array_add (dirs, g_build_filename (data_dirs[i], "hunspell", NULL));
  g_ptr_array_add (dirs, g_strdup ("/usr/share/hunspell"));
  return dirs;
}

static Hunhandle *
load_dictionary (const char *name)
{
  g_autoptr(GPtrArray) dirs = dictionary_dirs ();
  g_autofree char *aff_name = g_strconcat (name, ".aff", NULL);
  g_autofree char *dic_name = g_strconcat (name, ".dic", NULL);
  g_autofree char *searched = NULL;

  for (guint i = 0; i < dirs->len; i++)
    {
      g_autofree char *aff = g_build_filename (dirs->pdata[i], aff_name, NULL);
      g_autofree char *dic = g_build_filename (dirs->pdata[i], dic_name, NULL);
      Hunhandle *handle;

      if (!g_file_test (aff, G_FILE_TEST_IS_REGULAR) || !g_file_test (dic, G_FILE_TEST_IS_REGULAR))
        continue;
      handle = Hunspell_create (aff, dic);
      /* Tokens are UTF-8: a dictionary in another encoding would need
       * every word converted. Debian's and LibreOffice's are UTF-8. */
      if (handle != NULL && g_strcmp0 (Hunspell_get_dic_encoding (handle), "UTF-8") == 0)
        return handle;
      g_message ("The hunspell dictionary %s is not in UTF-8 (%s): not used",
                 dic, handle != NULL ? Hunspell_get_dic_encoding (handle) : "unreadable");
      g_clear_pointer (&handle, Hunspell_destroy);
      return NULL;
    }
  g_ptr_array_add (dirs, NULL);
  searched = g_strjoinv (", ", (char **) dirs->pdata);
  g_message ("No hunspell dictionary %s in %s: its language's search matches words only as written",
             name, searched);
  return NULL;
}

/**
 * falt_store_hunspell_get:
 * @name: a dictionary's name, as "uk_UA"
 *
 * The process's handle for the dictionary @name, loaded at the first call.
 * A dictionary that is not found is reported once, with g_message().
 *
 * Returns: (transfer none) (nullable): the dictionary, or %NULL when there
 *   is none
 */
FaltStoreHunspell *
falt_store_hunspell_get (const char *name)
{
  static GMutex lock;
  static GHashTable *dictionaries = NULL;   /* name → FaltStoreHunspell, or NULL when missing */
  FaltStoreHunspell *self = NULL;

  g_mutex_lock (&lock);
  if (dictionaries == NULL)
    dictionaries = g_hash_table_new (g_str_hash, g_str_equal);
  if (!g_hash_table_lookup_extended (dictionaries, name, NULL, (gpointer *) &self))
    {
      Hunhandle *handle = load_dictionary (name);

      if (handle != NULL)
        {
          self = g_new0 (FaltStoreHunspell, 1);
          g_mutex_init (&self->lock);
          self->handle = handle;
        }
      g_hash_table_insert (dictionaries, g_strdup (name), self);
    }
  g_mutex_unlock (&lock);
  return self;
}

static void
add_stem (FaltStoreStems *stems,
          const char     *stem)
{
  g_autofree char *lower = g_utf8_strdown (stem, -1);
  gsize len = strlen (lower);

  if (len == 0 || len >= FALT_STORE_MAX_TOKEN || stems->n >= FALT_STORE_MAX_STEMS ||
      falt_store_stems_contain (stems, lower, len))
    return;
  memcpy (stems->text[stems->n], lower, len);
  stems->length[stems->n++] = (int) len;
}

static int
stem_locked (FaltStoreHunspell   *self,
             const char          *word,
             char              ***list)
{
  int n;

  g_mutex_lock (&self->lock);
  n = Hunspell_stem (self->handle, list, word);
  g_mutex_unlock (&self->lock);
  return n;
}

/**
 * falt_store_hunspell_stem:
 * @self: a dictionary
 * @word: a lowercase word, @length bytes of UTF-8
 * @stems: (out): its stems, lowercase, without repeats
 *
 * A word the dictionary knows only capitalized (a name: "України") is
 * looked up so when its lowercase form is unknown.
 *
 * Returns: the number of stems: 0 when the dictionary does not know @word
 */
guint
falt_store_hunspell_stem (FaltStoreHunspell *self,
                          const char        *word,
                          gsize              length,
                          FaltStoreStems    *stems)
{
  char buffer[FALT_STORE_MAX_TOKEN + 8];
  char **list = NULL;
  int n;

  stems->n = 0;
  if (length >= FALT_STORE_MAX_TOKEN)
    return 0;
  memcpy (buffer, word, length);
  buffer[length] = '\0';
  n = stem_locked (self, buffer, &list);
  if (n <= 0)
    {
      gunichar first = g_utf8_get_char (buffer);
      gsize first_len = g_utf8_next_char (buffer) - buffer;
      char title[6];
      gsize title_len = g_unichar_to_utf8 (g_unichar_totitle (first), title);

      Hunspell_free_list (self->handle, &list, n);
      list = NULL;
      if (title_len + length - first_len >= sizeof buffer)
        return 0;
      memmove (buffer + title_len, buffer + first_len, length - first_len + 1);
      memcpy (buffer, title, title_len);
      n = stem_locked (self, buffer, &list);
    }
  for (int i = 0; i < n; i++)
    add_stem (stems, list[i]);
  Hunspell_free_list (self->handle, &list, n);
  return stems->n;
}
