/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_SETTINGS_ENABLE_BACKEND
#include <gio/gsettingsbackend.h>

#include "falt-test-utils.h"
#include "ui/falt-pdf-page.h"
#include "ui/falt-pdf-view-private.h"

static gboolean
on_timeout_cb (gpointer data)
{
  gboolean *timed_out = data;

  *timed_out = TRUE;
  return G_SOURCE_REMOVE;
}

/* FALT_TEST_WAIT_SCALE (the sanitizer build sets 4): how much longer to wait before a
 * condition counts as never coming true. */
static guint
scaled_timeout (guint timeout_ms)
{
  const char *scale = g_getenv ("FALT_TEST_WAIT_SCALE");
  guint64 factor = scale != NULL ? g_ascii_strtoull (scale, NULL, 10) : 1;

  return (guint) MIN ((guint64) timeout_ms * MAX (factor, 1), G_MAXUINT);
}

/* Spins the main loop until @condition holds or @timeout_ms (scaled) pass. */
gboolean
falt_test_wait_for (gboolean (*condition) (gpointer data),
                    gpointer   data,
                    guint      timeout_ms)
{
  gboolean timed_out = FALSE;
  guint source = g_timeout_add (scaled_timeout (timeout_ms), on_timeout_cb, &timed_out);

  while (!condition (data) && !timed_out)
    g_main_context_iteration (NULL, TRUE);

  if (!timed_out)
    g_source_remove (source);

  return condition (data);
}

/* Lets the main loop run for a while, for layout and painting to settle. */
void
falt_test_iterate (guint milliseconds)
{
  gboolean timed_out = FALSE;

  g_timeout_add (milliseconds, on_timeout_cb, &timed_out);
  while (!timed_out)
    g_main_context_iteration (NULL, TRUE);
}

/* Shows @child alone in a window of @width × @height and lets it settle. */
GtkWidget *
falt_test_show_in_window (GtkWidget *child,
                          int        width,
                          int        height)
{
  GtkWidget *window = gtk_window_new ();

  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  gtk_window_set_child (GTK_WINDOW (window), child);
  gtk_window_present (GTK_WINDOW (window));
  falt_test_iterate (300);

  return window;
}

/* Renders @widget as it is on screen into FALT_TEST_OUTPUT_DIR/@name.png
 * and returns the path. */
char *
falt_test_save_screenshot (GtkWidget  *widget,
                           const char *name)
{
  const char *dir = g_getenv ("FALT_TEST_OUTPUT_DIR");
  g_autofree char *file_name = g_strconcat (name, ".png", NULL);
  g_autofree char *path = g_build_filename (dir != NULL ? dir : g_get_tmp_dir (), file_name, NULL);
  g_autoptr (GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  g_autoptr (GskRenderNode) node = NULL;
  g_autoptr (GdkTexture) texture = NULL;
  GskRenderer *renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);

  /* Right after a change the widget may have nothing drawn yet: give the
   * frame clock a few chances. */
  for (guint attempt = 0; node == NULL && attempt < 20; attempt++)
    {
      g_autoptr (GtkSnapshot) attempt_snapshot = gtk_snapshot_new ();

      if (attempt > 0)
        falt_test_iterate (50);
      gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (attempt_snapshot), width, height);
      node = gtk_snapshot_free_to_node (g_steal_pointer (&attempt_snapshot));
    }
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("Screenshot: %s", path);

  return g_steal_pointer (&path);
}

typedef struct
{
  FaltAppTestFunc func;
  gpointer        data;
  gboolean        while_installing;  /* call func at once, not once the material is in */
} AppTest;

/* The first start installs the bundled material off the main loop: most tests look at it. */
static gboolean
material_is_installed (gpointer data)
{
  FaltStore *store = falt_application_get_store (FALT_APPLICATION (data));

  return store == NULL || !falt_store_get_installing (store);
}

static gboolean
window_is_drawn (gpointer data)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (data));

  return window != NULL && gtk_widget_get_mapped (GTK_WIDGET (window))
         && gtk_widget_get_width (GTK_WIDGET (window)) > 0;
}

static void
run_test_once_activated (GApplication *app,
                         AppTest      *test)
{
  GtkWindow *window;

  g_signal_handlers_disconnect_matched (app, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, test);
  g_assert_true (falt_test_wait_for (window_is_drawn, app, 10000));
  if (!test->while_installing)
    {
      g_assert_true (falt_test_wait_for (material_is_installed, app, 30000));
      falt_test_iterate (200);
    }

  window = gtk_application_get_active_window (GTK_APPLICATION (app));
  test->func (FALT_APPLICATION (app), FALT_WINDOW (window), test->data);

  /* Quit through the app's own action, as Ctrl+Q does. */
  g_action_group_activate_action (G_ACTION_GROUP (app), "quit", NULL);
}

/* Runs the real application (g_application_run), calls @func once its window
 * is on screen, quits, and checks nothing kept the application alive. */
void
falt_test_run_app (FaltAppTestFunc func,
                   gpointer        data)
{
  falt_test_run_app_with_file (func, data, NULL);
}

static void
run_test_once_opened (GApplication  *app,
                      GFile        **files,
                      int            n_files,
                      const char    *hint,
                      AppTest       *test)
{
  run_test_once_activated (app, test);
}

static void
run_app (AppTest    *test,
         const char *path);

/* As falt_test_run_app(), started as `faltstod FILE` when @path is set. */
void
falt_test_run_app_with_file (FaltAppTestFunc  func,
                             gpointer         data,
                             const char      *path)
{
  AppTest test = { func, data, FALSE };

  run_app (&test, path);
}

/**
 * falt_test_run_app_while_installing:
 *
 * As falt_test_run_app(), with @func called as soon as the window is drawn,
 * while the first start may still be installing the bundled material.
 */
void
falt_test_run_app_while_installing (FaltAppTestFunc func,
                                    gpointer        data)
{
  AppTest test = { func, data, TRUE };

  run_app (&test, NULL);
}

static void
run_app (AppTest    *test,
         const char *path)
{
  FaltApplication *app = falt_application_new ();
  char *argv[] = { (char *) "faltstod", (char *) path, NULL };

  /* As main() does: the localized runs read the build tree's catalogues. */
  falt_application_setup_i18n ();
  /* Screenshots must show the page, not a cross-fade into it. */
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);
  /* Each test starts a fresh instance on the same bus. */
  g_application_set_flags (G_APPLICATION (app),
                           g_application_get_flags (G_APPLICATION (app)) | G_APPLICATION_NON_UNIQUE);
  g_signal_connect_after (app, "activate", G_CALLBACK (run_test_once_activated), test);
  g_signal_connect_after (app, "open", G_CALLBACK (run_test_once_opened), test);
  g_assert_cmpint (g_application_run (G_APPLICATION (app), path != NULL ? 2 : 1, argv), ==, 0);
  g_assert_finalize_object (app);
}

/**
 * falt_test_new_private_settings:
 *
 * Returns: (transfer full): the app's settings on a backend of their own, so
 *   a test sees whether a widget uses the settings it is given or makes its
 *   own (which would be on the default backend)
 */
GSettings *
falt_test_new_private_settings (void)
{
  g_autoptr (GSettingsBackend) backend = g_memory_settings_backend_new ();

  return g_settings_new_with_backend (APPLICATION_ID, backend);
}

static char *test_home;

/* Like gtk_test_init(), and gives the test its own XDG folders, so no test
 * reads or writes the developer's real database and settings. */
void
falt_test_init (int    *argc,
                char ***argv)
{
  static const char *const folders[] = { "XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME" };
  g_autoptr (GError) error = NULL;

  test_home = g_dir_make_tmp ("faltstod-test-XXXXXX", &error);
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (folders); i++)
    {
      g_autofree char *path = g_build_filename (test_home, folders[i], NULL);

      g_assert_cmpint (g_mkdir_with_parents (path, 0700), ==, 0);
      g_setenv (folders[i], path, TRUE);
    }

  gtk_test_init (argc, argv, NULL);
}

static void
remove_tree (GFile *file)
{
  g_autoptr (GFileEnumerator) children = g_file_enumerate_children (file, G_FILE_ATTRIBUTE_STANDARD_NAME,
                                                                     G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS,
                                                                     NULL, NULL);
  GFileInfo *info;

  while (children != NULL && (info = g_file_enumerator_next_file (children, NULL, NULL)) != NULL)
    {
      g_autoptr (GFile) child = g_file_get_child (file, g_file_info_get_name (info));

      remove_tree (child);
      g_object_unref (info);
    }
  g_file_delete (file, NULL, NULL);
}

void
falt_test_remove_tree (const char *path)
{
  g_autoptr (GFile) file = g_file_new_for_path (path);

  remove_tree (file);
}

/* g_test_run(), then the test's XDG folders go. */
int
falt_test_run (void)
{
  int status = g_test_run ();
  g_autoptr (GFile) home = g_file_new_for_path (test_home);

  remove_tree (home);
  g_clear_pointer (&test_home, g_free);
  return status;
}

/**
 * falt_test_find_widget:
 * @type: the widget type to find
 * @name: (nullable): and its widget name, or %NULL for any
 *
 * Returns: (transfer none) (nullable): the first such widget below @root,
 *   depth first.
 */
GtkWidget *
falt_test_find_widget (GtkWidget  *root,
                       GType       type,
                       const char *name)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type)
      && (name == NULL || g_strcmp0 (gtk_widget_get_name (root), name) == 0))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = falt_test_find_widget (child, type, name);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/**
 * falt_test_has_label_containing:
 * @text: a part of a label's text
 *
 * Returns: whether @root or a widget below it is a label whose text contains @text
 */
gboolean
falt_test_has_label_containing (GtkWidget  *root,
                                const char *text)
{
  if (GTK_IS_LABEL (root) && strstr (gtk_label_get_text (GTK_LABEL (root)), text) != NULL)
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    if (falt_test_has_label_containing (child, text))
      return TRUE;
  return FALSE;
}

/**
 * falt_test_open_preferences:
 * @app: the running application
 *
 * Opens Preferences as a user does (app.preferences).
 *
 * Returns: (transfer none): the preferences window
 */
GtkWidget *
falt_test_open_preferences (FaltApplication *app)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  g_action_group_activate_action (G_ACTION_GROUP (app), "preferences", NULL);
  falt_test_iterate (300);
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr (GObject) toplevel = g_list_model_get_item (toplevels, i);

      if (ADW_IS_PREFERENCES_WINDOW (toplevel))
        return GTK_WIDGET (toplevel);
    }
  g_error ("Preferences did not open");
  return NULL;
}

/**
 * falt_test_open_document:
 * @id: a document of the store
 *
 * Opens @id as the window's win.open-document does, and lets it show.
 */
void
falt_test_open_document (FaltWindow *window,
                         const char *id)
{
  gtk_widget_activate_action (GTK_WIDGET (window), "win.open-document", "(si)", id, 0);
  falt_test_iterate (400);
}

/**
 * falt_test_find_capture_keys:
 *
 * Returns: (transfer none) (nullable): @widget's key controller that sees
 *   keys before any widget (the capture phase)
 */
GObject *
falt_test_find_capture_keys (GtkWidget *widget)
{
  g_autoptr (GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr (GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_EVENT_CONTROLLER_KEY (controller)
          && gtk_event_controller_get_propagation_phase (GTK_EVENT_CONTROLLER (controller)) == GTK_PHASE_CAPTURE)
        return controller;
    }
  return NULL;
}

/**
 * falt_test_press_key:
 * @controller: a #GtkEventControllerKey
 *
 * Presses @keyval as the keyboard would, asserts that it was handled and
 * lets the window follow.
 */
void
falt_test_press_key (GObject *controller,
                     guint    keyval)
{
  gboolean handled = FALSE;

  g_signal_emit_by_name (controller, "key-pressed", keyval, 0, 0, &handled);
  g_assert_true (handled);
  falt_test_iterate (100);
}

/**
 * falt_test_text_offset:
 *
 * Returns: the character offset of the first @text in @view, asserted to be there
 */
int
falt_test_text_offset (GtkTextView *view,
                       const char  *text)
{
  GtkTextIter iter;

  gtk_text_buffer_get_start_iter (gtk_text_view_get_buffer (view), &iter);
  g_assert_true (gtk_text_iter_forward_search (&iter, text, 0, &iter, NULL, NULL));
  return gtk_text_iter_get_offset (&iter);
}

/* The first toplevel window of @type, shown or not. */
GtkWidget *
falt_test_find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr (GObject) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type))
        return GTK_WIDGET (window);
    }
  return NULL;
}

/* The PDF view @data shows the pages on screen rendered, the current one included. */
gboolean
falt_test_pdf_view_is_rendered (gpointer data)
{
  FaltPdfCanvas *canvas = falt_pdf_view_get_canvas (data);
  GPtrArray *pages = falt_pdf_canvas_get_page_widgets (canvas);
  int current = falt_pdf_canvas_get_current_page (canvas);
  gboolean current_shown = FALSE;

  for (guint i = 0; i < pages->len; i++)
    if (falt_pdf_page_get_index (g_ptr_array_index (pages, i)) == current)
      current_shown = TRUE;
  if (!current_shown)
    return FALSE;
  for (guint i = 0; i < pages->len; i++)
    if (!falt_pdf_page_is_rendered (g_ptr_array_index (pages, i)))
      return FALSE;
  return TRUE;
}
