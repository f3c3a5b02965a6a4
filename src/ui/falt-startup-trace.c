/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "falt-startup-trace"

#include <fcntl.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "falt-startup-trace.h"

/* Where the time from exec to the first page goes (tests/bench/reading).
 * With FALTSTOD_TRACE_STARTUP set, each step writes a line
 *   startup-trace MS CPU_MS STEP
 * on stderr, or appends it to the file FALTSTOD_TRACE_STARTUP names when it
 * is an absolute path. MS counts from the exec when FALTSTOD_TRACE_EXEC_US
 * holds its CLOCK_MONOTONIC time in microseconds (bench-firstframe sets it),
 * else from main(); CPU_MS is the CPU time the calling thread has used, which
 * a busy machine does not inflate. The window's first frame and the first
 * frame that drew a PDF page are told too, and with FALTSTOD_TRACE_FRAMES
 * set the first dozen frames. Off, each call costs a branch. */

static int enabled = -1;            /* set by the first call, from main() */
static int trace_fd = STDERR_FILENO;
static gint64 origin;
static gboolean page_drawn;         /* main thread only */
static gboolean page_painted;

static gboolean
trace_enabled (void)
{
  if (G_LIKELY (enabled >= 0))
    return enabled;

  enabled = g_getenv ("FALTSTOD_TRACE_STARTUP") != NULL;
  if (enabled && g_path_is_absolute (g_getenv ("FALTSTOD_TRACE_STARTUP")))
    trace_fd = g_open (g_getenv ("FALTSTOD_TRACE_STARTUP"), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0600);
  if (trace_fd < 0)
    enabled = 0;
  if (enabled)
    {
      const char *exec_us = g_getenv ("FALTSTOD_TRACE_EXEC_US");

      origin = exec_us != NULL ? g_ascii_strtoll (exec_us, NULL, 10) : 0;
      if (origin <= 0)
        origin = g_get_monotonic_time ();
    }
  return enabled;
}

/**
 * falt_startup_trace:
 * @what: the step just reached, e.g. "store opened"
 *
 * Notes the time of a start-up step when FALTSTOD_TRACE_STARTUP is set.
 * Any thread may call it once main() has.
 */
void
falt_startup_trace (const char *what)
{
  struct timespec cpu = { 0, 0 };
  g_autofree char *line = NULL;

  if (!trace_enabled ())
    return;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &cpu);
  line = g_strdup_printf ("startup-trace %7.1f %7.1f %s\n", (g_get_monotonic_time () - origin) / 1000.0,
                          cpu.tv_sec * 1e3 + cpu.tv_nsec / 1e6, what);
  /* One write, so that lines from two threads do not mix. */
  if (write (trace_fd, line, strlen (line)) < 0)
    enabled = 0;
}

void
falt_startup_trace_printf (const char *format,
                           ...)
{
  g_autofree char *what = NULL;
  va_list args;

  if (!trace_enabled ())
    return;

  va_start (args, format);
  what = g_strdup_vprintf (format, args);
  va_end (args);
  falt_startup_trace (what);
}

/* Whether a PDF page drawn now would be the first: then the canvas says so. */
gboolean
falt_startup_trace_waits_for_page (void)
{
  return enabled > 0 && !page_painted;
}

/**
 * falt_startup_trace_page_drawn:
 *
 * A PDF page, rendered at its size, went into a snapshot: the frame being
 * drawn is the first page's, told once painted.
 */
void
falt_startup_trace_page_drawn (void)
{
  if (falt_startup_trace_waits_for_page ())
    page_drawn = TRUE;
}

static void
on_after_paint_cb (GdkFrameClock *clock,
                   gpointer       user_data)
{
  static gboolean frame_painted;
  static int frames;

  if (!frame_painted)
    falt_startup_trace ("first frame painted");
  frame_painted = TRUE;
  if (page_drawn && !page_painted)
    {
      falt_startup_trace ("first page painted");
      page_painted = TRUE;
    }
  if (g_getenv ("FALTSTOD_TRACE_FRAMES") != NULL && frames < 12)
    falt_startup_trace_printf ("frame %d painted", ++frames);
  else if (page_painted)
    g_signal_handlers_disconnect_by_func (clock, on_after_paint_cb, user_data);
}

static void
on_realize_cb (GtkWidget *window)
{
  falt_startup_trace ("window realized");
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint", G_CALLBACK (on_after_paint_cb), NULL);
}

/**
 * falt_startup_trace_watch:
 * @window: a window about to be shown
 *
 * Tells when @window paints its first frame, and its first PDF page.
 */
void
falt_startup_trace_watch (GtkWidget *window)
{
  if (!trace_enabled ())
    return;

  g_signal_connect (window, "realize", G_CALLBACK (on_realize_cb), NULL);
}
