/* sg-progress.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "sg-progress.h"

SgProgress
sg_progress_init (SgProgressFunc  func,
                  gpointer        user_data,
                  GCancellable   *cancellable)
{
  return (SgProgress) { func, user_data, cancellable, 0.0, 1.0 };
}

SgProgress
sg_progress_sub (const SgProgress *parent,
                 double            from,
                 double            to)
{
  SgProgress sub = { NULL, NULL, NULL, 0.0, 1.0 };

  if (parent == NULL)
    return sub;
  sub = *parent;
  sub.base = parent->base + parent->span * CLAMP (from, 0.0, 1.0);
  sub.span = parent->span * (CLAMP (to, 0.0, 1.0) - CLAMP (from, 0.0, 1.0));
  return sub;
}

void
sg_progress_report (const SgProgress *progress,
                    double            fraction,
                    const char       *message)
{
  if (progress == NULL || progress->func == NULL)
    return;
  progress->func (progress->base + progress->span * CLAMP (fraction, 0.0, 1.0), message,
                  progress->user_data);
}

gboolean
sg_progress_is_cancelled (const SgProgress *progress)
{
  return progress != NULL && g_cancellable_is_cancelled (progress->cancellable);
}

gboolean
sg_progress_check (const SgProgress *progress,
                   GError          **error)
{
  if (progress == NULL)
    return TRUE;
  return !g_cancellable_set_error_if_cancelled (progress->cancellable, error);
}
