/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-firstframe: milliseconds from exec of an X11 program to the first
 * damage (painted pixels) on its first mapped top-level window.
 *
 *   bench-firstframe [-t TIMEOUT_MS] [-q QUIET_MS] -- COMMAND [ARGS…]
 *
 * With -q it also prints "settled_ms N": the last damage before the window
 * stayed unchanged for QUIET_MS, e.g. a PDF viewer's first page painted
 * after its window (blinking cursors must be off for this).
 *
 * Prints "first_frame_ms N" and "rss_kb N", then stops the program. Needs a
 * display without a reparenting window manager (Xvfb). With
 * BENCH_FIRSTFRAME_DAMAGE set, -q tells each damage on stderr. */
#include <X11/Xlib.h>
#include <X11/extensions/Xdamage.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static double
monotonic_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_MONOTONIC, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static long
resident_kb (pid_t pid)
{
  char path[64], line[256];
  long kb = -1;
  FILE *status;

  snprintf (path, sizeof path, "/proc/%d/status", (int) pid);
  status = fopen (path, "r");
  if (status == NULL)
    return -1;
  while (fgets (line, sizeof line, status) != NULL)
    if (sscanf (line, "VmRSS: %ld", &kb) == 1)
      break;
  fclose (status);
  return kb;
}

/* The program learns when it was started (faltstod's FALTSTOD_TRACE_STARTUP
 * counts its steps from there): CLOCK_MONOTONIC, in microseconds. */
static pid_t
spawn (char **argv,
       double start_ms)
{
  pid_t pid = fork ();

  if (pid == 0)
    {
      char start_us[32];

      snprintf (start_us, sizeof start_us, "%.0f", start_ms * 1e3);
      setenv ("FALTSTOD_TRACE_EXEC_US", start_us, 1);
      setpgid (0, 0);
      execvp (argv[0], argv);
      _exit (127);
    }
  return pid;
}

static void
stop (pid_t pid)
{
  kill (-pid, SIGTERM);
  usleep (100000);
  kill (-pid, SIGKILL);
  waitpid (pid, NULL, 0);
}

/* Waits for the first damage event on a newly mapped top-level window. */
static double
wait_for_first_frame (Display *display, int damage_event, pid_t pid, double start, int timeout_ms)
{
  int fd = ConnectionNumber (display);

  for (;;)
    {
      struct pollfd readable = { fd, POLLIN, 0 };
      double left;
      int status;

      while (XPending (display))
        {
          XEvent event;

          XNextEvent (display, &event);
          if (event.type == MapNotify && !event.xmap.override_redirect)
            {
              XDamageCreate (display, event.xmap.window, XDamageReportNonEmpty);
              XSync (display, False);
            }
          else if (event.type == damage_event + XDamageNotify)
            {
              /* Reported again once repaired: -q waits for more. */
              XDamageSubtract (display, ((XDamageNotifyEvent *) &event)->damage, None, None);
              return monotonic_ms () - start;
            }
        }

      left = timeout_ms - (monotonic_ms () - start);
      if (left <= 0)
        return -1;
      if (waitpid (pid, &status, WNOHANG) == pid)
        return -2;
      poll (&readable, 1, left < 100 ? (int) left : 100);
    }
}

/* After the first frame: the time of the last damage before @quiet_ms of none. */
static double
wait_until_settled (Display *display, int damage_event, double start, int quiet_ms, int timeout_ms)
{
  int fd = ConnectionNumber (display);
  double last = monotonic_ms ();

  for (;;)
    {
      struct pollfd readable = { fd, POLLIN, 0 };

      while (XPending (display))
        {
          XEvent event;

          XNextEvent (display, &event);
          if (event.type == damage_event + XDamageNotify)
            {
              XDamageNotifyEvent *damage = (XDamageNotifyEvent *) &event;

              XDamageSubtract (display, damage->damage, None, None);
              last = monotonic_ms ();
              if (getenv ("BENCH_FIRSTFRAME_DAMAGE") != NULL)
                fprintf (stderr, "damage %.1f ms: %d,%d %dx%d\n", last - start, damage->area.x, damage->area.y,
                         damage->area.width, damage->area.height);
            }
        }
      if (monotonic_ms () - last >= quiet_ms)
        return last - start;
      if (monotonic_ms () - start > timeout_ms)
        return -1;
      poll (&readable, 1, 10);
    }
}

int
main (int argc, char **argv)
{
  int timeout_ms = 20000, quiet_ms = 0, first = 1, damage_event, damage_error;
  double settled_ms = -1;
  Display *display;
  double start, frame_ms;
  long rss;
  pid_t pid;

  for (; first < argc; first++)
    {
      if (strcmp (argv[first], "-t") == 0 && first + 1 < argc)
        timeout_ms = atoi (argv[++first]);
      else if (strcmp (argv[first], "-q") == 0 && first + 1 < argc)
        quiet_ms = atoi (argv[++first]);
      else if (strcmp (argv[first], "--") == 0)
        {
          first++;
          break;
        }
      else
        break;
    }
  if (first >= argc)
    {
      fprintf (stderr, "usage: bench-firstframe [-t TIMEOUT_MS] [-q QUIET_MS] -- COMMAND [ARGS…]\n");
      return 2;
    }

  display = XOpenDisplay (NULL);
  if (display == NULL || !XDamageQueryExtension (display, &damage_event, &damage_error))
    {
      fprintf (stderr, "bench-firstframe: needs an X display with the DAMAGE extension\n");
      return 2;
    }
  XSelectInput (display, DefaultRootWindow (display), SubstructureNotifyMask);
  XSync (display, False);

  start = monotonic_ms ();
  pid = spawn (argv + first, start);
  frame_ms = wait_for_first_frame (display, damage_event, pid, start, timeout_ms);
  if (frame_ms >= 0 && quiet_ms > 0)
    settled_ms = wait_until_settled (display, damage_event, start, quiet_ms, timeout_ms);
  rss = frame_ms >= 0 ? resident_kb (pid) : -1;
  stop (pid);

  if (frame_ms == -2)
    {
      fprintf (stderr, "bench-firstframe: %s exited before painting\n", argv[first]);
      return 1;
    }
  if (frame_ms < 0)
    {
      fprintf (stderr, "bench-firstframe: no frame within %d ms\n", timeout_ms);
      return 1;
    }
  printf ("first_frame_ms %.1f\nrss_kb %ld\n", frame_ms, rss);
  if (quiet_ms > 0)
    printf ("settled_ms %.1f\n", settled_ms);
  return 0;
}
