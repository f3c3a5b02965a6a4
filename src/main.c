/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "ui/falt-application.h"
#include "ui/falt-startup-trace.h"

int
main (int argc, char *argv[])
{
  g_autoptr (FaltApplication) app = NULL;

  falt_startup_trace ("main");
  falt_application_setup_i18n ();
  app = falt_application_new ();

  return g_application_run (G_APPLICATION (app), argc, argv);
}
