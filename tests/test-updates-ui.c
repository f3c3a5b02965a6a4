/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "falt-test-nginx.h"
#include "falt-test-utils.h"
#include "feed/falt-feed.h"
#include "publish/falt-content-source.h"
#include "publish/falt-feed-writer.h"
#include "ui/falt-application.h"
#include "ui/falt-help-page.h"
#include "ui/falt-update-bar.h"
#include "ui/falt-whats-new-page.h"
#include "ui/falt-window.h"

/* Updates in the real app: Check for Updates against nginx shows its progress, then the new
 * material everywhere without a restart; Import Update File… installs a bundle. */

typedef struct
{
  char          *dir;
  char          *www;
  FaltTestNginx *nginx;
  char          *secret_path;
  gint64         version;
  gboolean       saw_progress;
} Fixture;

static Fixture fixture;

static char *
write_file (const char *dir, const char *name, const char *text)
{
  char *path = g_build_filename (dir, name, NULL);
  g_autofree char *parent = g_path_get_dirname (path);

  g_mkdir_with_parents (parent, 0700);
  g_assert_true (g_file_set_contents (path, text, -1, NULL));
  return path;
}

static void
copy_tree (const char *from, const char *to)
{
  const char *argv[] = { "cp", "-r", from, to, NULL };
  int status = -1;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, &status, NULL));
  g_assert_cmpint (status, ==, 0);
}

/* The bundled material plus a section and an article of our own, one version newer. */
static void
publish_update (gint64 version, const char *out)
{
  g_autofree char *source_dir = g_build_filename (fixture.dir, "source", NULL);
  g_autofree char *bundled_source = g_build_filename (g_getenv ("G_TEST_SRCDIR"), "..", "data", "content", NULL);
  g_autoptr (FaltContentSource) source = NULL;
  g_autoptr (FaltMinisignSecretKey) key = falt_minisign_secret_key_load (fixture.secret_path, NULL, NULL);
  g_autoptr (GDateTime) created = g_date_time_new_now_utc ();
  g_autoptr (GError) error = NULL;
  g_autofree char *sections = NULL;
  g_autofree char *article = NULL;
  g_autofree char *sections_path = NULL;
  FaltFeedBuildOptions options = { .version = version, .created = created, .source_label = "ui test", .key = key };

  falt_test_remove_tree (source_dir);
  copy_tree (bundled_source, source_dir);
  sections_path = g_build_filename (source_dir, "sections.json", NULL);
  g_assert_true (g_file_get_contents (sections_path, &sections, NULL, NULL));
  /* A section of the update's own, so the sidebar shows the new material. */
  *strrchr (sections, ']') = '\0';
  {
    g_autofree char *more = g_strconcat (sections, ",\n  {\"id\": \"nyheter\", \"order\": 90, "
                                         "\"titles\": {\"sv\": \"Nyheter\", \"en\": \"News\"}}\n]\n", NULL);
    g_assert_true (g_file_set_contents (sections_path, more, -1, NULL));
  }
  {
    g_autofree char *text = g_strdup_printf ("---\nid: nytt-rad\ntitle: Fresh advice\nsection: nyheter\nlang: en\n"
                                             "updated: 2026-12-01\n---\n\n# Fresh advice\n\nNew text from update %lld.\n",
                                             (long long) version);

    article = write_file (source_dir, "articles/nytt-rad.en.md", text);
  }
  g_free (write_file (source_dir, "articles/nytt-rad.sv.md",
                                "---\nid: nytt-rad\ntitle: Färska råd\nsection: nyheter\nlang: sv\n"
                                "updated: 2026-12-01\n---\n\n# Färska råd\n\nNy text från uppdateringen.\n"));
  source = falt_content_source_load (source_dir, &error);
  g_assert_no_error (error);
  g_assert_true (falt_feed_writer_write (source, &options, out, &error));
  g_assert_no_error (error);
}

static gboolean
version_is (gpointer data)
{
  FaltApplication *app = data;

  return falt_store_get_content_version (falt_application_get_store (app)) == fixture.version;
}

static void
on_state_cb (FaltUpdater *updater)
{
  if (falt_updater_get_busy (updater))
    fixture.saw_progress = TRUE;
}

static gboolean
update_bar_is_revealed (gpointer data)
{
  GtkWidget *bar = falt_test_find_widget (GTK_WIDGET (data), FALT_TYPE_UPDATE_BAR, NULL);
  GtkWidget *revealer = bar != NULL ? falt_test_find_widget (bar, GTK_TYPE_REVEALER, NULL) : NULL;

  return revealer != NULL && gtk_revealer_get_reveal_child (GTK_REVEALER (revealer));
}

/* The What's New page lists the article under the group its change belongs to. */
static gboolean
find_row (GtkWidget *root, const char *title)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      if (ADW_IS_ACTION_ROW (child) && g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (child)), title) == 0
          && gtk_widget_get_mapped (child))
        return TRUE;
      if (find_row (child, title))
        return TRUE;
    }
  return FALSE;
}

static void
assert_new_material_is_shown (FaltWindow *window, const char *screenshot)
{
  GtkWidget *help = NULL;
  GtkWidget *news = NULL;
  g_autofree char *path = NULL;

  /* The sidebar has the update's section, without a restart. */
  g_assert_nonnull (falt_test_find_widget (GTK_WIDGET (window), GTK_TYPE_LIST_BOX_ROW, "section-nyheter"));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "help");
  help = falt_test_find_widget (GTK_WIDGET (window), FALT_TYPE_HELP_PAGE, NULL);
  news = falt_test_find_widget (help, GTK_TYPE_BUTTON, NULL);
  g_assert_nonnull (help);
  path = falt_test_save_screenshot (GTK_WIDGET (window), screenshot);
  g_test_message ("screenshot: %s", path);

  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "whats-new");
  g_assert_cmpstr (falt_window_get_content_title (window), ==, "What’s New");
  falt_test_iterate (100);
  g_assert_true (find_row (falt_test_find_widget (GTK_WIDGET (window), FALT_TYPE_WHATS_NEW_PAGE, NULL), "Fresh advice"));
  g_free (path);
  path = falt_test_save_screenshot (GTK_WIDGET (window), screenshot[strlen ("updated-by-")] == 'c' ? "whats-new-check"
                                                                                                 : "whats-new-file");
  g_assert_true (falt_store_get_changes_seen (falt_application_get_store (FALT_APPLICATION (
    gtk_window_get_application (GTK_WINDOW (window))))));
  (void) news;
}

static GtkWidget *
find_preferences (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr (GtkWidget) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_PREFERENCES_WINDOW (window) && gtk_widget_get_visible (window))
        return window;
    }
  return NULL;
}

/* Preferences say which version is installed and when the last check succeeded. */
static void
assert_preferences_show_update (gint64 version)
{
  g_autofree char *expected = g_strdup_printf ("Version %lld, created", (long long) version);
  GtkWidget *preferences;
  gboolean found = FALSE;

  g_action_group_activate_action (G_ACTION_GROUP (g_application_get_default ()), "preferences", NULL);
  falt_test_iterate (200);
  preferences = find_preferences ();
  g_assert_nonnull (preferences);
  {
    g_autoptr (GPtrArray) stack = g_ptr_array_new ();

    g_ptr_array_add (stack, preferences);
    while (stack->len > 0 && !found)
      {
        GtkWidget *widget = g_ptr_array_steal_index (stack, stack->len - 1);

        if (GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)),
                                                 "app.check-updates") == 0)
          g_assert_true (gtk_widget_is_sensitive (widget));
        if (ADW_IS_ACTION_ROW (widget) && adw_action_row_get_subtitle (ADW_ACTION_ROW (widget)) != NULL)
          found = g_str_has_prefix (adw_action_row_get_subtitle (ADW_ACTION_ROW (widget)), expected);
        for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
          g_ptr_array_add (stack, child);
      }
  }
  g_free (falt_test_save_screenshot (preferences, "preferences-updates"));
  g_assert_true (found);
  gtk_window_destroy (GTK_WINDOW (preferences));
}

static void
check_for_updates (FaltApplication *app, FaltWindow *window, gpointer data)
{
  FaltUpdater *updater = falt_application_get_updater (app);

  g_assert_nonnull (updater);
  g_signal_connect (updater, "notify::state", G_CALLBACK (on_state_cb), NULL);
  g_action_group_activate_action (G_ACTION_GROUP (app), "check-updates", NULL);
  g_assert_true (falt_test_wait_for (update_bar_is_revealed, window, 10000) || fixture.saw_progress);
  g_assert_true (falt_test_wait_for (version_is, app, 30000));
  g_assert_true (fixture.saw_progress);
  falt_test_iterate (300);
  assert_new_material_is_shown (window, "updated-by-check");
  assert_preferences_show_update (fixture.version);
}

static void
test_check_for_updates (void)
{
  g_autofree char *feed = g_build_filename (fixture.www, "feed", NULL);
  g_autofree char *url = falt_test_nginx_url (fixture.nginx, "/feed/");
  g_autoptr (GSettings) settings = g_settings_new (APPLICATION_ID);

  fixture.version = falt_feed_peek_version (g_getenv ("FALTSTOD_BUNDLED_FEED")) + 1;
  publish_update (fixture.version, feed);
  g_settings_set_string (settings, "feed-url", url);
  falt_test_run_app (check_for_updates, NULL);
  g_settings_reset (settings, "feed-url");
}

static void
import_file (FaltApplication *app, FaltWindow *window, gpointer data)
{
  g_action_group_activate_action (G_ACTION_GROUP (app), "import-update", g_variant_new_string (data));
  g_assert_true (falt_test_wait_for (version_is, app, 30000));
  falt_test_iterate (300);
  assert_new_material_is_shown (window, "updated-by-file");
}

static void
test_import_update_file (void)
{
  g_autofree char *feed = g_build_filename (fixture.dir, "bundle-feed", NULL);
  g_autofree char *bundle = g_build_filename (fixture.dir, "update.faltstod", NULL);
  g_autoptr (GError) error = NULL;

  fixture.version += 1;
  publish_update (fixture.version, feed);
  g_assert_true (falt_feed_write_bundle (feed, bundle, &error));
  g_assert_no_error (error);
  falt_test_run_app (import_file, bundle);
}

/* The file manager's "Open With Fältstöd" (or `faltstod FILE.faltstod`): GApplication's open. */
static void
open_file (FaltApplication *app, FaltWindow *window, gpointer data)
{
  g_autoptr (GFile) file = g_file_new_for_path (data);

  g_application_open (G_APPLICATION (app), &file, 1, "");
  g_assert_true (falt_test_wait_for (version_is, app, 30000));
  falt_test_iterate (300);
  assert_new_material_is_shown (window, "updated-by-opening");
}

static void
test_open_update_file (void)
{
  g_autofree char *feed = g_build_filename (fixture.dir, "opened-feed", NULL);
  g_autofree char *bundle = g_build_filename (fixture.dir, "Opened Update.FALTSTOD", NULL);
  g_autoptr (GError) error = NULL;

  fixture.version += 1;
  publish_update (fixture.version, feed);
  g_assert_true (falt_feed_write_bundle (feed, bundle, &error));
  g_assert_no_error (error);
  falt_test_run_app (open_file, bundle);
}

typedef struct
{
  char  *paths[4];   /* newer, older, and one older than what is installed */
  guint  n_changes;
} SeveralFiles;

static void
on_content_changed_cb (FaltStore *store, SeveralFiles *several)
{
  several->n_changes++;
}

static gboolean
skipped_toast_is_shown (gpointer data)
{
  return falt_test_has_label_containing (GTK_WIDGET (data), "“stale.faltstod” was skipped");
}

/* `faltstod b.faltstod a.faltstod` (or several files opened at once in the file manager):
 * each is imported, oldest first, whatever their order, and the one older than what is
 * installed is named as skipped. */
static void
open_several_files (FaltApplication *app, FaltWindow *window, gpointer data)
{
  SeveralFiles *several = data;
  FaltStore *store = falt_application_get_store (app);
  GFile *files[3];

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    files[i] = g_file_new_for_path (several->paths[i]);
  g_signal_connect (store, "content-changed", G_CALLBACK (on_content_changed_cb), several);
  g_application_open (G_APPLICATION (app), files, G_N_ELEMENTS (files), "");
  g_assert_true (falt_test_wait_for (version_is, app, 30000));
  g_assert_true (falt_test_wait_for (skipped_toast_is_shown, window, 30000));
  falt_test_iterate (300);
  g_free (falt_test_save_screenshot (GTK_WIDGET (window), "updates-several-files"));
  /* The older one first, then the newer: two imports, not one. */
  g_assert_cmpuint (several->n_changes, ==, 2);
  g_signal_handlers_disconnect_by_data (store, several);
  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    g_object_unref (files[i]);
}

static void
test_open_several_update_files (void)
{
  g_autofree char *older_feed = g_build_filename (fixture.dir, "older-feed", NULL);
  g_autofree char *newer_feed = g_build_filename (fixture.dir, "newer-feed", NULL);
  g_autofree char *stale_feed = g_build_filename (fixture.dir, "stale-feed", NULL);
  SeveralFiles several = {
    .paths = {
      g_build_filename (fixture.dir, "newer.faltstod", NULL),
      g_build_filename (fixture.dir, "older.faltstod", NULL),
      g_build_filename (fixture.dir, "stale.faltstod", NULL),
    },
  };
  g_autoptr (GError) error = NULL;

  /* What the earlier tests installed is fixture.version: stale is that version again. */
  publish_update (fixture.version, stale_feed);
  publish_update (fixture.version + 1, older_feed);
  publish_update (fixture.version + 2, newer_feed);
  fixture.version += 2;
  g_assert_true (falt_feed_write_bundle (newer_feed, several.paths[0], &error));
  g_assert_true (falt_feed_write_bundle (older_feed, several.paths[1], &error));
  g_assert_true (falt_feed_write_bundle (stale_feed, several.paths[2], &error));
  g_assert_no_error (error);
  falt_test_run_app (open_several_files, &several);
  for (guint i = 0; several.paths[i] != NULL; i++)
    g_free (several.paths[i]);
}

int
main (int argc, char *argv[])
{
  g_autofree char *public_path = NULL;
  g_autofree char *keys = NULL;
  g_autofree char *key_text = NULL;
  int status;

  falt_test_init (&argc, &argv);
  fixture.dir = g_dir_make_tmp ("faltstod-ui-XXXXXX", NULL);
  fixture.www = g_build_filename (fixture.dir, "www", NULL);
  g_mkdir_with_parents (fixture.www, 0755);
  public_path = g_build_filename (fixture.dir, "feed.pub", NULL);
  fixture.secret_path = g_build_filename (fixture.dir, "feed.key", NULL);
  g_assert_true (falt_minisign_generate (public_path, fixture.secret_path, NULL));
  /* The user's own trusted keys folder, as an administrator would fill /etc/faltstod/trusted-keys. */
  keys = g_build_filename (g_get_user_config_dir (), "faltstod", "trusted-keys", NULL);
  g_mkdir_with_parents (keys, 0700);
  g_assert_true (g_file_get_contents (public_path, &key_text, NULL, NULL));
  g_free (write_file (keys, "test.pub", key_text));
  fixture.nginx = falt_test_nginx_start (fixture.www);

  g_test_add_func ("/updates-ui/check-for-updates", test_check_for_updates);
  g_test_add_func ("/updates-ui/import-update-file", test_import_update_file);
  g_test_add_func ("/updates-ui/open-update-file", test_open_update_file);
  g_test_add_func ("/updates-ui/open-several-update-files", test_open_several_update_files);
  status = falt_test_run ();

  falt_test_nginx_stop (fixture.nginx);
  falt_test_remove_tree (fixture.dir);
  g_free (fixture.dir);
  g_free (fixture.www);
  g_free (fixture.secret_path);
  return status;
}
