/* sg-progress.h — progress reports and cancellation for long engine work
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Long functions take an `SgProgress *` (may be NULL). They call sg_progress_report() as they go
 * and sg_progress_check() at safe points (every few thousand rows or every iteration). The callback
 * runs on the thread doing the work: a GUI marshals it to the main loop itself.
 * A stage can hand part of its range to a sub-step with sg_progress_sub().
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef void (*SgProgressFunc) (double      fraction,
                                const char *message,
                                gpointer    user_data);

typedef struct {
  SgProgressFunc  func;
  gpointer        user_data;
  GCancellable   *cancellable;
  double          base;    /* this stage covers [base, base + span] of the whole */
  double          span;
} SgProgress;

/* A progress over the whole range [0, 1]. */
SgProgress sg_progress_init   (SgProgressFunc  func,
                               gpointer        user_data,
                               GCancellable   *cancellable);
/* The part [from, to] (fractions of @parent's own range) of @parent; @parent may be NULL. */
SgProgress sg_progress_sub    (const SgProgress *parent,
                               double            from,
                               double            to);
/* Reports @fraction (0..1) of this stage; @message may be NULL to keep the last one. */
void       sg_progress_report (const SgProgress *progress,
                               double            fraction,
                               const char       *message);
/* FALSE, with G_IO_ERROR_CANCELLED set, once the work was cancelled. */
gboolean   sg_progress_check  (const SgProgress *progress,
                               GError          **error);
gboolean   sg_progress_is_cancelled (const SgProgress *progress);

G_END_DECLS
