/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "falt-bench-stats.h"

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

/**
 * falt_bench_percentile:
 * @values: (element-type double): timings; sorted in place
 * @fraction: 0.5 for the median, 0.95 for p95, 1.0 for the maximum
 */
double
falt_bench_percentile (GArray *values,
                       double  fraction)
{
  g_array_sort (values, compare_doubles);
  return g_array_index (values, double, (guint) ((values->len - 1) * fraction + 0.5));
}
