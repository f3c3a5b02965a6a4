/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The baseline for the startup benchmark: the least an AdwApplication can show.
 * With FALTSTOD_TRACE_STARTUP set it prints the same steps as faltstod does
 * (src/ui/falt-startup-trace.c), so the two can be laid side by side. */
#include <adwaita.h>
#include <stdio.h>
#include <time.h>

static void
trace (const char *what)
{
  static gint64 origin;
  static FILE *out;
  struct timespec cpu = { 0, 0 };
  const char *to = g_getenv ("FALTSTOD_TRACE_STARTUP");
  const char *exec_us = g_getenv ("FALTSTOD_TRACE_EXEC_US");

  if (to == NULL)
    return;
  if (out == NULL)
    out = g_path_is_absolute (to) ? fopen (to, "a") : stderr;
  if (out == NULL)
    return;
  if (origin == 0)
    origin = exec_us != NULL ? g_ascii_strtoll (exec_us, NULL, 10) : g_get_monotonic_time ();
  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &cpu);
  fprintf (out, "startup-trace %7.1f %7.1f %s\n", (g_get_monotonic_time () - origin) / 1000.0,
           cpu.tv_sec * 1e3 + cpu.tv_nsec / 1e6, what);
  fflush (out);
}

static void
on_after_paint_cb (GdkFrameClock *clock)
{
  trace ("first frame painted");
  g_signal_handlers_disconnect_by_func (clock, on_after_paint_cb, NULL);
}

static void
on_realize_cb (GtkWidget *window)
{
  trace ("window realized");
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint", G_CALLBACK (on_after_paint_cb), NULL);
}

static void
on_startup_cb (GApplication *app)
{
  trace ("gtk and adwaita started");
}

static void
on_activate_cb (GApplication *app)
{
  GtkWidget *window = adw_application_window_new (GTK_APPLICATION (app));

  trace ("activate");
  g_signal_connect (window, "realize", G_CALLBACK (on_realize_cb), NULL);
  gtk_window_set_default_size (GTK_WINDOW (window), 980, 680);
  gtk_window_present (GTK_WINDOW (window));
  trace ("presented");
}

int
main (int argc, char *argv[])
{
  g_autoptr (AdwApplication) app = NULL;

  trace ("main");
  app = adw_application_new ("se.jamstalldhetsmyndigheten.Faltstod.BenchEmpty", G_APPLICATION_NON_UNIQUE);
  g_signal_connect (app, "startup", G_CALLBACK (on_startup_cb), NULL);
  g_signal_connect (app, "activate", G_CALLBACK (on_activate_cb), NULL);
  return g_application_run (G_APPLICATION (app), argc, argv);
}
