/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "falt-help-page"

#include <glib/gi18n.h>

#include "dial/falt-dial-number.h"
#include "dial/falt-office-hours.h"
#include "dial/falt-phone-number.h"
#include "falt-help-page.h"
#include "falt-ui-utils.h"
#include "falt-window.h"

/* Get Help Now: every number as a card with a Call and a Copy button. 112
 * comes first so it is on screen without scrolling; a number with office
 * hours shows whether it is open, and when it is closed the page points to
 * the ones that are. Hours that are only assumed are shown as such, and the
 * status then says what is likely, not what is so. */

typedef struct
{
  FaltDialNumber  *number;
  FaltOfficeHours *hours;    /* NULL: always open */
  GtkLabel        *status;   /* NULL: always open */
  gboolean         is_open;
} Card;

struct _FaltHelpPage
{
  AdwBin       parent_instance;

  GListModel  *numbers;
  GArray      *cards;        /* of Card */
  GDateTime   *fixed_now;    /* tests and screenshots; NULL for the clock */
  guint        refresh_source;
  gboolean     showing_closed;

  GtkBox      *emergency_box;
  GtkWidget   *closed_banner;
  GtkLabel    *closed_label;
  GtkBox      *cards_box;
  GtkWidget   *news_button;
};

G_DEFINE_FINAL_TYPE (FaltHelpPage, falt_help_page, ADW_TYPE_BIN)

static void rebuild_cards (FaltHelpPage *self);

static void
card_clear (Card *card)
{
  g_clear_object (&card->number);
  g_clear_pointer (&card->hours, falt_office_hours_unref);
}

static GDateTime *
get_now (FaltHelpPage *self)
{
  return self->fixed_now != NULL ? g_date_time_ref (self->fixed_now) : g_date_time_new_now_utc ();
}

static void
on_copy_clicked_cb (GtkButton *button,
                    gpointer   user_data)
{
  const char *text = g_object_get_data (G_OBJECT (button), "falt-copy-text");
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (button));

  falt_copy_to_clipboard (GTK_WIDGET (button), text);
  if (FALT_IS_WINDOW (root))
    falt_window_add_toast (FALT_WINDOW (root), _("Number copied"));
}

static GtkWidget *
create_label (const char *text,
              const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  return label;
}

/* "Hours assumed: Monday–Friday 08:00–17:00", right under the status. */
static GtkWidget *
create_hours_note (FaltOfficeHours *hours)
{
  g_autofree char *described = falt_office_hours_describe (hours);
  /* Translators: %s is a line's hours, "Monday–Friday 08:00–17:00": hours
   * we assume because none are published. */
  g_autofree char *text = g_strdup_printf (_("Hours assumed: %s"), described);
  GtkWidget *note = create_label (text, "caption");

  gtk_widget_add_css_class (note, "dim-label");
  g_object_set_data_full (G_OBJECT (note), "falt-role", g_strdup ("hours-note"), g_free);
  return note;
}

static GtkWidget *
create_copy_button (const char *display)
{
  GtkWidget *copy = gtk_button_new ();
  GtkWidget *content = adw_button_content_new ();
  g_autofree char *name = NULL;

  adw_button_content_set_icon_name (ADW_BUTTON_CONTENT (content), "edit-copy-symbolic");
  adw_button_content_set_label (ADW_BUTTON_CONTENT (content), _("Copy"));
  gtk_button_set_child (GTK_BUTTON (copy), content);
  gtk_widget_add_css_class (copy, "pill");
  /* Translators: a button's name for screen readers: "Copy the number 020-39 00 00". */
  name = g_strdup_printf (_("Copy the number %s"), display);
  gtk_accessible_update_property (GTK_ACCESSIBLE (copy), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  g_object_set_data_full (G_OBJECT (copy), "falt-copy-text", g_strdup (display), g_free);
  g_object_set_data_full (G_OBJECT (copy), "falt-role", g_strdup ("copy"), g_free);
  g_signal_connect (copy, "clicked", G_CALLBACK (on_copy_clicked_cb), NULL);

  return copy;
}

static GtkWidget *
create_call_button (FaltDialNumber *number,
                    const char     *display)
{
  gboolean emergency = falt_dial_number_is_emergency (number);
  GtkWidget *call = gtk_button_new ();
  GtkWidget *content = adw_button_content_new ();
  g_autofree char *label = NULL;
  g_autofree char *name = NULL;

  label = emergency ? falt_dial_call_number_label (display) : g_strdup (_("Call"));
  adw_button_content_set_icon_name (ADW_BUTTON_CONTENT (content), "call-start-symbolic");
  adw_button_content_set_label (ADW_BUTTON_CONTENT (content), label);
  gtk_button_set_child (GTK_BUTTON (call), content);
  gtk_widget_add_css_class (call, "pill");
  gtk_widget_add_css_class (call, emergency ? "destructive-action" : "suggested-action");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (call), "app.dial");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (call), "s", falt_dial_number_get_number (number));
  /* Translators: a button's name for screen readers: "Call Support line for professionals, 020-39 00 00". */
  name = g_strdup_printf (_("Call %1$s, %2$s"), falt_dial_number_get_name (number), display);
  gtk_accessible_update_property (GTK_ACCESSIBLE (call), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  g_object_set_data_full (G_OBJECT (call), "falt-role", g_strdup ("call"), g_free);

  return call;
}

static GtkWidget *
create_buttons (FaltDialNumber *number,
                const char     *display)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);

  gtk_widget_set_margin_top (box, 6);
  gtk_box_append (GTK_BOX (box), create_call_button (number, display));
  /* Nobody needs to copy 112. */
  if (!falt_dial_number_is_emergency (number))
    gtk_box_append (GTK_BOX (box), create_copy_button (display));

  return box;
}

static GtkWidget *
create_card (FaltHelpPage *self,
             Card         *card)
{
  FaltDialNumber *number = card->number;
  const char *written = falt_dial_number_get_number (number);
  g_autofree char *display = written != NULL ? falt_phone_number_format (written, NULL) : NULL;
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *title = create_label (falt_dial_number_get_name (number), "heading");

  gtk_widget_add_css_class (box, "card");
  gtk_widget_add_css_class (box, "dial-card");
  if (falt_dial_number_is_emergency (number))
    gtk_widget_add_css_class (box, "emergency");
  gtk_widget_set_name (box, falt_dial_number_get_id (number));
  gtk_box_append (GTK_BOX (box), title);

  if (falt_dial_number_get_example (number))
    {
      GtkWidget *badge = falt_example_badge_new ();

      gtk_widget_set_halign (badge, GTK_ALIGN_START);
      gtk_box_append (GTK_BOX (box), badge);
    }

  if (written != NULL)
    {
      /* Content may hold a number we cannot parse: show it as written. */
      if (display == NULL)
        display = g_strdup (written);
      gtk_box_append (GTK_BOX (box), create_label (display, "dial-number"));
    }

  if (card->hours != NULL)
    {
      card->status = GTK_LABEL (create_label (NULL, "heading"));
      g_object_set_data_full (G_OBJECT (card->status), "falt-role", g_strdup ("status"), g_free);
      gtk_box_append (GTK_BOX (box), GTK_WIDGET (card->status));
      if (falt_dial_number_get_hours_assumed (number))
        gtk_box_append (GTK_BOX (box), create_hours_note (card->hours));
    }

  gtk_box_append (GTK_BOX (box), create_label (falt_dial_number_get_when (number), NULL));

  if (written != NULL)
    gtk_box_append (GTK_BOX (box), create_buttons (number, display));

  return box;
}

static void
clear_box (GtkBox *box)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (box))) != NULL)
    gtk_box_remove (box, child);
}

/* Updates the open/closed lines; returns the first closed line, if any. */
static const Card *
update_statuses (FaltHelpPage *self)
{
  g_autoptr (GDateTime) now = get_now (self);
  const Card *closed = NULL;

  for (guint i = 0; i < self->cards->len; i++)
    {
      Card *card = &g_array_index (self->cards, Card, i);
      g_autoptr (FaltOpenStatus) status = NULL;
      g_autofree char *text = NULL;
      gboolean assumed;

      if (card->hours == NULL)
        continue;

      status = falt_office_hours_get_status (card->hours, now);
      assumed = falt_dial_number_get_hours_assumed (card->number);
      text = assumed ? falt_open_status_describe_assumed (status) : falt_open_status_describe (status, now);
      card->is_open = status->is_open;
      if (!status->is_open && closed == NULL)
        closed = card;

      if (card->status != NULL)
        {
          gtk_label_set_label (card->status, text);
          /* Green says "open" with a certainty assumed hours do not have. */
          if (status->is_open && !assumed)
            gtk_widget_add_css_class (GTK_WIDGET (card->status), "success");
          else
            gtk_widget_remove_css_class (GTK_WIDGET (card->status), "success");
        }
    }

  return closed;
}

static void
update_banner (FaltHelpPage *self,
               const Card   *closed)
{
  g_autofree char *text = NULL;
  const char *name;

  gtk_widget_set_visible (self->closed_banner, closed != NULL);
  if (closed == NULL)
    return;

  name = falt_dial_number_get_name (closed->number);
  if (falt_dial_number_get_hours_assumed (closed->number))
    /* Translators: %s is the name of a line, "Support line for professionals". */
    text = g_strdup_printf (_("%s is probably closed right now: its hours are assumed, not published. If it cannot wait, call the police on 114 14 or your municipality’s social services on-call service. If someone is in acute danger, call 112."),
                            name);
  else
    /* Translators: %s is the name of a line, "Support line for professionals". */
    text = g_strdup_printf (_("%s is closed right now. If it cannot wait, call the police on 114 14 or your municipality’s social services on-call service. If someone is in acute danger, call 112."),
                            name);
  gtk_label_set_label (self->closed_label, text);
}

static gboolean on_refresh_cb (gpointer user_data);

static void
schedule_refresh (FaltHelpPage *self)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();

  g_clear_handle_id (&self->refresh_source, g_source_remove);
  /* Just after the next full minute, when "closes 17:00" may change. */
  self->refresh_source = g_timeout_add_seconds ((guint) (61 - g_date_time_get_second (now)),
                                                on_refresh_cb, self);
}

static gboolean
on_refresh_cb (gpointer user_data)
{
  FaltHelpPage *self = FALT_HELP_PAGE (user_data);
  const Card *closed;

  self->refresh_source = 0;
  closed = update_statuses (self);
  /* Reorder only when open/closed flips, so focus is not lost each minute. */
  if ((closed != NULL) != self->showing_closed)
    rebuild_cards (self);
  else
    update_banner (self, closed);
  schedule_refresh (self);

  return G_SOURCE_REMOVE;
}

static void
add_card_for (FaltHelpPage   *self,
              FaltDialNumber *number)
{
  Card card = { g_object_ref (number), NULL, NULL, TRUE };
  g_autoptr (GError) error = NULL;
  const char *hours = falt_dial_number_get_hours (number);

  if (hours != NULL && *hours != '\0')
    {
      card.hours = falt_office_hours_parse (hours, &error);
      if (card.hours == NULL)
        g_warning ("Number “%s”: %s", falt_dial_number_get_id (number), error->message);
    }
  g_array_append_val (self->cards, card);
}

static void
rebuild_cards (FaltHelpPage *self)
{
  g_autoptr (GPtrArray) widgets = g_ptr_array_new ();
  g_autoptr (GPtrArray) closed = g_ptr_array_new ();
  const Card *first_closed;
  guint n = self->numbers != NULL ? g_list_model_get_n_items (self->numbers) : 0;

  clear_box (self->emergency_box);
  clear_box (self->cards_box);
  g_array_set_size (self->cards, 0);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr (FaltDialNumber) number = g_list_model_get_item (self->numbers, i);
      add_card_for (self, number);
    }
  for (guint i = 0; i < self->cards->len; i++)
    g_ptr_array_add (widgets, create_card (self, &g_array_index (self->cards, Card, i)));

  first_closed = update_statuses (self);
  self->showing_closed = first_closed != NULL;
  update_banner (self, first_closed);

  for (guint i = 0; i < self->cards->len; i++)
    {
      Card *card = &g_array_index (self->cards, Card, i);
      GtkWidget *widget = g_ptr_array_index (widgets, i);

      if (falt_dial_number_is_emergency (card->number))
        gtk_box_append (self->emergency_box, widget);
      else if (!card->is_open)
        g_ptr_array_add (closed, widget);   /* what can help now comes first */
      else
        gtk_box_append (self->cards_box, widget);
    }
  for (guint i = 0; i < closed->len; i++)
    gtk_box_append (self->cards_box, g_ptr_array_index (closed, i));

  gtk_widget_set_visible (GTK_WIDGET (self->emergency_box),
                          gtk_widget_get_first_child (GTK_WIDGET (self->emergency_box)) != NULL);
}

/**
 * falt_help_page_set_numbers:
 * @self: the page
 * @numbers: (nullable): a list of #FaltDialNumber, or %NULL for the
 *   built-in numbers
 *
 * Sets the numbers the page shows, such as the store's contacts.
 */
void
falt_help_page_set_numbers (FaltHelpPage *self,
                            GListModel   *numbers)
{
  g_return_if_fail (FALT_IS_HELP_PAGE (self));
  g_return_if_fail (numbers == NULL || G_IS_LIST_MODEL (numbers));

  g_clear_object (&self->numbers);
  self->numbers = numbers != NULL ? g_object_ref (numbers) : falt_dial_builtin_numbers ();
  rebuild_cards (self);
}

/**
 * falt_help_page_set_news:
 * @self: the page
 * @has_news: whether an update brought news the reader has not seen
 *
 * Shows or hides the way to "What's new".
 */
void
falt_help_page_set_news (FaltHelpPage *self,
                         gboolean      has_news)
{
  g_return_if_fail (FALT_IS_HELP_PAGE (self));

  gtk_widget_set_visible (self->news_button, has_news);
}

GListModel *
falt_help_page_get_numbers (FaltHelpPage *self)
{
  g_return_val_if_fail (FALT_IS_HELP_PAGE (self), NULL);

  return self->numbers;
}

/**
 * falt_help_page_set_time:
 * @self: the page
 * @now: (nullable): the time to show the opening hours for; %NULL follows
 *   the clock
 *
 * For tests and screenshots.
 */
void
falt_help_page_set_time (FaltHelpPage *self,
                         GDateTime    *now)
{
  g_return_if_fail (FALT_IS_HELP_PAGE (self));

  g_clear_pointer (&self->fixed_now, g_date_time_unref);
  self->fixed_now = now != NULL ? g_date_time_ref (now) : NULL;
  rebuild_cards (self);
}

gboolean
falt_help_page_shows_closed (FaltHelpPage *self)
{
  g_return_val_if_fail (FALT_IS_HELP_PAGE (self), FALSE);

  return gtk_widget_get_visible (self->closed_banner);
}

static GtkWidget *
find_role (GtkWidget  *widget,
           const char *role)
{
  if (g_strcmp0 (g_object_get_data (G_OBJECT (widget), "falt-role"), role) == 0)
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_role (child, role);
      if (found != NULL)
        return found;
    }

  return NULL;
}

/**
 * falt_help_page_find_button:
 * @self: the page
 * @number_id: a number's id ("support-line")
 * @what: "call" or "copy"; also "status" (the open/closed line) and
 *   "hours-note" (the assumed hours), which are labels
 *
 * Returns: (transfer none) (nullable): that card's button or label
 */
GtkWidget *
falt_help_page_find_button (FaltHelpPage *self,
                            const char   *number_id,
                            const char   *what)
{
  GtkBox *boxes[] = { self->emergency_box, self->cards_box };

  g_return_val_if_fail (FALT_IS_HELP_PAGE (self), NULL);

  for (guint b = 0; b < G_N_ELEMENTS (boxes); b++)
    for (GtkWidget *card = gtk_widget_get_first_child (GTK_WIDGET (boxes[b])); card != NULL;
         card = gtk_widget_get_next_sibling (card))
      if (g_strcmp0 (gtk_widget_get_name (card), number_id) == 0)
        return find_role (card, what);

  return NULL;
}

static void
falt_help_page_dispose (GObject *object)
{
  FaltHelpPage *self = FALT_HELP_PAGE (object);

  g_clear_handle_id (&self->refresh_source, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), FALT_TYPE_HELP_PAGE);
  g_clear_object (&self->numbers);
  g_clear_pointer (&self->cards, g_array_unref);
  g_clear_pointer (&self->fixed_now, g_date_time_unref);

  G_OBJECT_CLASS (falt_help_page_parent_class)->dispose (object);
}

static void
falt_help_page_class_init (FaltHelpPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = falt_help_page_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/falt-help-page.ui");
  gtk_widget_class_bind_template_child (widget_class, FaltHelpPage, emergency_box);
  gtk_widget_class_bind_template_child (widget_class, FaltHelpPage, closed_banner);
  gtk_widget_class_bind_template_child (widget_class, FaltHelpPage, closed_label);
  gtk_widget_class_bind_template_child (widget_class, FaltHelpPage, cards_box);
  gtk_widget_class_bind_template_child (widget_class, FaltHelpPage, news_button);
}

static void
falt_help_page_init (FaltHelpPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  /* The page itself takes focus when shown, never a Call button: a stray
   * Enter must not start a call to 112 (see falt_window_show_page()). */
  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);

  self->cards = g_array_new (FALSE, TRUE, sizeof (Card));
  g_array_set_clear_func (self->cards, (GDestroyNotify) card_clear);
  falt_help_page_set_numbers (self, NULL);
  schedule_refresh (self);
}

GtkWidget *
falt_help_page_new (void)
{
  return g_object_new (FALT_TYPE_HELP_PAGE, NULL);
}
