/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "falt-application"

#include <glib/gi18n.h>

#include "falt-application-history.h"
#include "falt-window.h"

/* app.clear-history: asks first, then removes what the app keeps of its reader's use (recent
 * documents and reading positions; bookmarks only when ticked). The app keeps no search
 * history, so there is none to clear. */

#define BOOKMARKS_KEY "falt-clear-bookmarks"

static void
tell (GtkWindow *window, const char *message)
{
  AdwToast *toast;

  if (FALT_IS_WINDOW (window))
    {
      falt_window_add_toast (FALT_WINDOW (window), message);
      return;
    }
  if (ADW_IS_PREFERENCES_WINDOW (window))
    {
      toast = adw_toast_new (message);
      adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (window), toast);
    }
}

static void
on_clear_history_response_cb (AdwMessageDialog *dialog,
                              const char       *response,
                              FaltApplication  *self)
{
  GtkCheckButton *bookmarks = g_object_get_data (G_OBJECT (dialog), BOOKMARKS_KEY);
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (dialog));
  FaltStore *store = falt_application_get_store (self);
  FaltStoreClearFlags flags = FALT_STORE_CLEAR_HISTORY;
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (response, "clear") != 0 || store == NULL)
    return;
  if (gtk_check_button_get_active (bookmarks))
    flags |= FALT_STORE_CLEAR_BOOKMARKS;
  if (falt_store_clear_history (store, flags, &error))
    {
      tell (parent, _("History cleared"));
      return;
    }

  GtkWidget *failure = adw_message_dialog_new (parent, _("The History Could Not Be Cleared"), error->message);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (failure), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (failure));
}

static void
clear_history_action_cb (GSimpleAction *action,
                         GVariant      *parameter,
                         gpointer       user_data)
{
  FaltApplication *self = FALT_APPLICATION (user_data);
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  GtkWidget *dialog;
  GtkWidget *bookmarks;

  dialog = adw_message_dialog_new (parent, _("Clear History?"),
                                   _("Recently opened documents and the places you were reading "
                                     "are removed from this computer. The material stays."));
  bookmarks = gtk_check_button_new_with_mnemonic (_("Also remove _bookmarks"));
  gtk_widget_set_halign (bookmarks, GTK_ALIGN_CENTER);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), bookmarks);
  g_object_set_data (G_OBJECT (dialog), BOOKMARKS_KEY, bookmarks);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "clear", _("C_lear"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "clear",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_clear_history_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/**
 * falt_application_install_history_actions:
 * @self: the application, after its store was opened
 */
void
falt_application_install_history_actions (FaltApplication *self)
{
  static const GActionEntry actions[] = {
    { "clear-history", clear_history_action_cb },
  };
  GAction *clear;

  g_action_map_add_action_entries (G_ACTION_MAP (self), actions, G_N_ELEMENTS (actions), self);
  /* Nothing to clear without a store, and nothing can be cleared in a read-only one. */
  clear = g_action_map_lookup_action (G_ACTION_MAP (self), "clear-history");
  g_simple_action_set_enabled (G_SIMPLE_ACTION (clear), falt_application_get_store (self) != NULL
                               && !falt_store_is_read_only (falt_application_get_store (self)));
}
