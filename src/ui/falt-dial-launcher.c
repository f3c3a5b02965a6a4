/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "falt-dial-launcher"

#include <string.h>
#include <glib/gi18n.h>

#include "dial/falt-dial-number.h"
#include "dial/falt-phone-number.h"
#include "falt-application.h"
#include "falt-content-languages.h"
#include "falt-dial-dialog.h"
#include "falt-dial-launcher.h"
#include "falt-ui-utils.h"
#include "falt-window.h"

#define SUPPORT_LINE_ID "support-line"

/* The app's dialling actions. Buttons, the desktop file's actions and
 * `gapplication action … dial "'020-39 00 00'"` all end here, so they behave
 * the same: hand the tel: URI to the system's phone app, or, when there is
 * none or it fails, show the number, a Copy button and a QR code. Never
 * nothing. */

/* What the actions are given: the application, and its one GSettings for
 * the language the contacts are read in. */
typedef struct
{
  GtkApplication *application;  /* owns this, through its actions */
  GSettings      *settings;
} DialContext;

static void
dial_context_free (gpointer data)
{
  DialContext *context = data;

  g_clear_object (&context->settings);
  g_free (context);
}

typedef struct
{
  GtkApplication *application;
  char           *name;
  char           *display;
  char           *uri;
  char           *handler_name;
} Launch;

#define PENDING_KEY "falt-dial-pending-launches"

static void
change_pending (GtkApplication *application,
                int             delta)
{
  int pending = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (application), PENDING_KEY));

  g_object_set_data (G_OBJECT (application), PENDING_KEY, GINT_TO_POINTER (pending + delta));
}

/**
 * falt_dial_launcher_get_pending:
 * @application: the application
 *
 * Returns: how many launches have not reported back yet (for tests)
 */
guint
falt_dial_launcher_get_pending (GtkApplication *application)
{
  return (guint) GPOINTER_TO_INT (g_object_get_data (G_OBJECT (application), PENDING_KEY));
}

static void
launch_free (Launch *launch)
{
  change_pending (launch->application, -1);
  g_application_release (G_APPLICATION (launch->application));
  g_object_unref (launch->application);
  g_free (launch->name);
  g_free (launch->display);
  g_free (launch->uri);
  g_free (launch->handler_name);
  g_free (launch);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Launch, launch_free)

static FaltWindow *
find_main_window (GtkApplication *application)
{
  for (GList *l = gtk_application_get_windows (application); l != NULL; l = l->next)
    if (FALT_IS_WINDOW (l->data))
      return FALT_WINDOW (l->data);

  return NULL;
}

static FaltStore *
get_store (GtkApplication *application)
{
  return FALT_IS_APPLICATION (application) ? falt_application_get_store (FALT_APPLICATION (application)) : NULL;
}

/* The store's contacts in the language the pages show, or NULL. */
static GListModel *
list_store_contacts (DialContext *context)
{
  FaltStore *store = get_store (context->application);
  g_auto (GStrv) langs = NULL;

  if (store == NULL)
    return NULL;
  langs = falt_content_language_chain (context->settings);
  return falt_store_list_contacts (store, (const char * const *) langs);
}

static gboolean
is_same_number (const char *uri,
                const char *number)
{
  g_autofree char *number_uri = number != NULL ? falt_phone_number_to_uri (number, NULL) : NULL;

  return number_uri != NULL && g_strcmp0 (uri, number_uri) == 0;
}

static char *
find_coordinator_name (FaltStore  *store,
                       const char *uri)
{
  g_autoptr (GListModel) coordinators = falt_store_list_coordinators (store);

  for (guint i = 0; i < g_list_model_get_n_items (coordinators); i++)
    {
      g_autoptr (FaltCoordinator) coordinator = g_list_model_get_item (coordinators, i);
      const char *name = falt_coordinator_get_name (coordinator);

      if (is_same_number (uri, falt_coordinator_get_phone (coordinator)))
        return g_strdup (name != NULL ? name : falt_coordinator_get_organisation (coordinator));
    }

  return NULL;
}

/* Who @uri reaches, so the fallback can say it: the content's contacts and
 * coordinators first (a signed update may have renamed them), then the
 * built-in numbers. */
static char *
find_name_for_uri (DialContext *context,
                   const char  *uri)
{
  GtkApplication *application = context->application;
  g_autoptr (GListModel) contacts = list_store_contacts (context);
  g_autoptr (GListModel) numbers = falt_dial_builtin_numbers ();
  char *name = NULL;

  for (guint i = 0; contacts != NULL && i < g_list_model_get_n_items (contacts); i++)
    {
      g_autoptr (FaltContact) contact = g_list_model_get_item (contacts, i);

      if (is_same_number (uri, falt_contact_get_number (contact)))
        return g_strdup (falt_contact_get_name (contact));
    }

  if (get_store (application) != NULL)
    name = find_coordinator_name (get_store (application), uri);

  for (guint i = 0; name == NULL && i < g_list_model_get_n_items (numbers); i++)
    {
      g_autoptr (FaltDialNumber) known = g_list_model_get_item (numbers, i);

      if (is_same_number (uri, falt_dial_number_get_number (known)))
        name = g_strdup (falt_dial_number_get_name (known));
    }

  return name;
}

/* The support line's number from the content, so a signed update can
 * change it; the built-in one if the content has none. */
static char *
find_support_line_number (DialContext *context)
{
  g_autoptr (GListModel) contacts = list_store_contacts (context);
  g_autoptr (GListModel) numbers = falt_dial_builtin_numbers ();

  for (guint i = 0; contacts != NULL && i < g_list_model_get_n_items (contacts); i++)
    {
      g_autoptr (FaltContact) contact = g_list_model_get_item (contacts, i);

      if (g_strcmp0 (falt_contact_get_id (contact), SUPPORT_LINE_ID) == 0
          && falt_contact_get_number (contact) != NULL)
        return g_strdup (falt_contact_get_number (contact));
    }

  for (guint i = 0; i < g_list_model_get_n_items (numbers); i++)
    {
      g_autoptr (FaltDialNumber) number = g_list_model_get_item (numbers, i);

      if (g_strcmp0 (falt_dial_number_get_id (number), SUPPORT_LINE_ID) == 0)
        return g_strdup (falt_dial_number_get_number (number));
    }

  return NULL;
}

static void
show_fallback (GtkApplication *application,
               const char     *name,
               const char     *display,
               const char     *uri,
               const char     *reason)
{
  FaltWindow *parent = find_main_window (application);
  FaltDialDialog *dialog = falt_dial_dialog_new (name, display, uri, reason);

  /* Without a main window (a desktop action with the app not yet open) the
   * dialog stands alone and keeps the application running. */
  gtk_window_set_application (GTK_WINDOW (dialog), application);
  if (parent != NULL)
    gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (parent));
  else
    gtk_window_set_modal (GTK_WINDOW (dialog), FALSE);

  gtk_window_present (GTK_WINDOW (dialog));
}

static const char *
reason_no_handler (const char *uri)
{
  if (g_str_has_prefix (uri, "mailto:"))
    return _("No email app is set up on this computer. Copy the address into your email, or scan the code with your phone.");
  return _("This computer has no app that can make calls. Call from your phone instead.");
}

static void
finish_launch (Launch       *launch,
               const GError *error)
{
  FaltWindow *window = find_main_window (launch->application);

  if (error == NULL)
    {
      g_autofree char *message = NULL;

      if (window == NULL)
        return;
      /* Translators: "Opening 020-39 00 00 in Calls" */
      message = g_strdup_printf (_("Opening %1$s in %2$s"), launch->display, launch->handler_name);
      falt_window_add_toast (window, message);
      return;
    }

  /* Which number was called is the reader's business: in the log only when debugging. */
  if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_debug ("Could not open %s: %s", launch->uri, error->message);

  {
    g_autofree char *reason = g_strdup_printf (_("The app for %1$s could not be opened (%2$s). Call from your phone instead."),
                                               launch->handler_name, error->message);
    show_fallback (launch->application, launch->name, launch->display, launch->uri,
                   g_str_has_prefix (launch->uri, "mailto:") ? error->message : reason);
  }
}

#if GTK_CHECK_VERSION (4, 10, 0)
static void
on_uri_launched_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr (Launch) launch = user_data;
  g_autoptr (GError) error = NULL;

  /* Newer than the 4.8 ceiling set in meson.build: built only on newer GTK. */
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_uri_launcher_launch_finish (GTK_URI_LAUNCHER (source), result, &error);
  G_GNUC_END_IGNORE_DEPRECATIONS
  finish_launch (launch, error);
}
#else
static void
on_uri_shown_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr (Launch) launch = user_data;
  g_autoptr (GError) error = NULL;

  gtk_show_uri_full_finish (GTK_WINDOW (source), result, &error);
  finish_launch (launch, error);
}
#endif

static void
open_uri (GtkApplication *application,
          const char     *name,
          const char     *display,
          const char     *uri)
{
  g_autoptr (GAppInfo) handler = g_app_info_get_default_for_uri_scheme (g_uri_peek_scheme (uri));
  GtkWindow *parent = GTK_WINDOW (find_main_window (application));
  Launch *launch;

  /* GIO reports "not supported" only after trying; asking first lets the
   * fallback explain that no app is set up at all. */
  if (handler == NULL)
    {
      show_fallback (application, name, display, uri, reason_no_handler (uri));
      return;
    }

  launch = g_new0 (Launch, 1);
  launch->application = g_object_ref (application);
  launch->name = g_strdup (name);
  launch->display = g_strdup (display);
  launch->uri = g_strdup (uri);
  launch->handler_name = g_strdup (g_app_info_get_display_name (handler));
  /* A D-Bus-activated service with no window would otherwise quit before
   * the launch is done. */
  g_application_hold (G_APPLICATION (application));
  change_pending (application, 1);

#if GTK_CHECK_VERSION (4, 10, 0)
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  {
    g_autoptr (GtkUriLauncher) launcher = gtk_uri_launcher_new (uri);
    gtk_uri_launcher_launch (launcher, parent, NULL, on_uri_launched_cb, launch);
  }
  G_GNUC_END_IGNORE_DEPRECATIONS
#else
  gtk_show_uri_full (parent, uri, GDK_CURRENT_TIME, NULL, on_uri_shown_cb, launch);
#endif
}

/* Calls @number ("020-39 00 00", "114 14", "112") with the system's phone
 * app, or shows the fallback dialog. */
static void
dial (DialContext *context,
      const char  *number)
{
  GtkApplication *application = context->application;
  g_autoptr (GError) error = NULL;
  g_autofree char *uri = falt_phone_number_to_uri (number, &error);
  g_autofree char *display = NULL;
  g_autofree char *name = NULL;

  if (uri == NULL)
    {
      /* Bad content: still show what was written, so it can be read out. */
      show_fallback (application, NULL, number != NULL ? number : "", NULL, error->message);
      return;
    }

  display = falt_phone_number_format (number, NULL);
  name = find_name_for_uri (context, uri);
  open_uri (application, name, display, uri);
}

/* Opens a new mail to @address in the system's mail app, or shows the
 * address with a Copy button. */
static void
mail (GtkApplication *application,
      const char     *address)
{
  g_autofree char *uri = NULL;
  g_autofree char *trimmed = NULL;

  trimmed = g_strstrip (g_strdup (address != NULL ? address : ""));
  if (strchr (trimmed, '@') == NULL || strpbrk (trimmed, " <>\"") != NULL)
    {
      show_fallback (application, NULL, trimmed, NULL,
                     _("This is not a complete email address. Check it before you use it."));
      return;
    }

  uri = g_strconcat ("mailto:", trimmed, NULL);
  open_uri (application, NULL, trimmed, uri);
}

static void
dial_action_cb (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  dial (user_data, g_variant_get_string (parameter, NULL));
}

static void
mail_action_cb (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  DialContext *context = user_data;

  mail (context->application, g_variant_get_string (parameter, NULL));
}

static void
dial_support_line_action_cb (GSimpleAction *action,
                             GVariant      *parameter,
                             gpointer       user_data)
{
  g_autofree char *number = find_support_line_number (user_data);

  g_return_if_fail (number != NULL);
  dial (user_data, number);
}

static void
show_help_action_cb (GSimpleAction *action,
                     GVariant      *parameter,
                     gpointer       user_data)
{
  DialContext *context = user_data;
  GtkApplication *application = context->application;
  FaltWindow *window = find_main_window (application);

  if (window == NULL)
    {
      g_application_activate (G_APPLICATION (application));
      window = find_main_window (application);
      g_return_if_fail (window != NULL);
    }

  falt_window_show_page (window, "help");
  gtk_window_present (GTK_WINDOW (window));
}

/* The parameterless ones are named after the desktop file's actions, which
 * D-Bus activation calls by these names. */
static const GActionEntry dial_actions[] = {
  { "dial", dial_action_cb, "s" },
  { "mail", mail_action_cb, "s" },
  { "dial-support-line", dial_support_line_action_cb },
  { "show-help", show_help_action_cb },
};

/**
 * falt_dial_launcher_install_actions:
 * @application: the application
 * @settings: the application's one #GSettings (for the contacts' language)
 *
 * Adds app.dial, app.mail, app.dial-support-line and app.show-help.
 */
void
falt_dial_launcher_install_actions (GtkApplication *application,
                                    GSettings      *settings)
{
  static const char *help_accels[] = { "<Control><Shift>h", NULL };
  DialContext *context;

  g_return_if_fail (GTK_IS_APPLICATION (application));
  g_return_if_fail (G_IS_SETTINGS (settings));

  context = g_new0 (DialContext, 1);
  context->application = application;
  context->settings = g_object_ref (settings);
  g_object_set_data_full (G_OBJECT (application), "falt-dial-context", context, dial_context_free);
  g_action_map_add_action_entries (G_ACTION_MAP (application), dial_actions,
                                   G_N_ELEMENTS (dial_actions), context);
  gtk_application_set_accels_for_action (application, "app.show-help", help_accels);
}
