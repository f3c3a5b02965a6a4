/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>
#include <stddef.h>
#include <stdint.h>

/* Shared by the libFuzzer targets: a private temporary folder for the parsers that read files,
 * and GLib warnings and criticals made fatal, so a warning on hostile input is a finding. */

G_BEGIN_DECLS

int   LLVMFuzzerTestOneInput (const uint8_t *data,
                              size_t         size);
int   LLVMFuzzerInitialize   (int           *argc,
                              char        ***argv);

void  falt_fuzz_init         (void);
char *falt_fuzz_path         (const char    *name);
char *falt_fuzz_write        (const char    *name,
                              const uint8_t *data,
                              size_t         size);
void  falt_fuzz_remove_tree  (const char    *path);
char *falt_fuzz_string       (const uint8_t *data,
                              size_t         size);

G_END_DECLS
