/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Shared by the benchmarks: a percentile of timings in milliseconds. */
double falt_bench_percentile (GArray *values,
                              double  fraction);

G_END_DECLS
