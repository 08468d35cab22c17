/* sg-holdout.c — the sampling rule of control groups (storage: sg-project-personas.c)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <glib/gi18n-lib.h>

#include "sg-error.h"
#include "sg-holdout.h"
#include "sg-playbook.h"
#include "sg-random.h"

void
sg_holdout_free (SgHoldout *holdout)
{
  if (holdout == NULL)
    return;
  g_free (holdout->stratify);
  g_free (holdout->created);
  g_clear_pointer (&holdout->rows, g_array_unref);
  g_free (holdout);
}

guint64
sg_holdout_stream (gint64 run_id,
                   guint  segment_idx)
{
  return ((guint64) run_id << 20) ^ (guint64) segment_idx;
}

guint64
sg_holdout_target_size (double  share,
                        guint64 n)
{
  return (guint64) floor (share * (double) n + 0.5);
}

typedef struct {
  guint64 key;
  guint32 row;
  guint32 stratum;
} Candidate;

static int
compare_candidates (const void *a,
                    const void *b)
{
  const Candidate *x = a, *y = b;

  if (x->stratum != y->stratum)
    return x->stratum < y->stratum ? -1 : 1;
  if (x->key != y->key)
    return x->key < y->key ? -1 : 1;
  return x->row < y->row ? -1 : x->row > y->row;
}

static int
compare_u32 (const void *a,
             const void *b)
{
  guint32 x = *(const guint32 *) a, y = *(const guint32 *) b;

  return x < y ? -1 : x > y;
}

typedef struct {
  guint  stratum;
  double remainder;
} Remainder;

static int
compare_remainders (const void *a,
                    const void *b)
{
  const Remainder *x = a, *y = b;

  if (x->remainder != y->remainder)
    return x->remainder > y->remainder ? -1 : 1;
  return x->stratum < y->stratum ? -1 : x->stratum > y->stratum;
}

GArray *
sg_holdout_sample (const guint32  *rows,
                   gsize           n,
                   const guint32  *strata,
                   guint           n_strata,
                   double          share,
                   guint64         seed,
                   guint64         stream,
                   GError        **error)
{
  g_autofree Candidate *candidates = NULL;
  g_autofree guint64 *sizes = NULL;
  g_autofree guint64 *quota = NULL;
  g_autofree Remainder *remainders = NULL;
  GArray *chosen;
  guint64 target, allocated = 0;
  SgRandom rng;

  g_return_val_if_fail (rows != NULL || n == 0, NULL);

  if (!(share >= 0.0 && share <= SG_HOLDOUT_MAX_SHARE))
    {
      g_set_error (error, SG_ERROR, SG_ERROR_INVALID_ARGUMENT,
                   _("A control group share must be between 0 %% and %.0f %%"), SG_HOLDOUT_MAX_SHARE * 100);
      return NULL;
    }
  if (strata == NULL)
    n_strata = 1;
  if (n > G_MAXUINT32 || n_strata == 0)
    {
      g_set_error (error, SG_ERROR, SG_ERROR_INVALID_ARGUMENT, _("Too many rows or no strata for a control group"));
      return NULL;
    }

  chosen = g_array_new (FALSE, FALSE, sizeof (guint32));
  target = sg_holdout_target_size (share, n);
  if (target == 0)
    return chosen;

  /* Keys in row order, whatever the strata: the same row keeps its key when strata or share change. */
  sg_random_init_stream (&rng, seed, "holdout", stream);
  candidates = g_new (Candidate, n);
  sizes = g_new0 (guint64, n_strata);
  for (gsize i = 0; i < n; i++)
    {
      guint32 s = strata ? strata[i] : 0;

      if (s >= n_strata)
        {
          g_array_unref (chosen);
          g_set_error (error, SG_ERROR, SG_ERROR_INVALID_ARGUMENT, _("Row %u has an unknown stratum"), rows[i] + 1);
          return NULL;
        }
      candidates[i].key = sg_random_next (&rng);
      candidates[i].row = rows[i];
      candidates[i].stratum = s;
      sizes[s]++;
    }

  /* Largest-remainder allocation of the target over the strata. */
  quota = g_new0 (guint64, n_strata);
  remainders = g_new (Remainder, n_strata);
  for (guint s = 0; s < n_strata; s++)
    {
      double exact = share * (double) sizes[s];

      quota[s] = (guint64) floor (exact);
      remainders[s].stratum = s;
      remainders[s].remainder = exact - floor (exact);
      allocated += quota[s];
    }
  qsort (remainders, n_strata, sizeof *remainders, compare_remainders);
  for (guint r = 0; allocated < target && r < n_strata; r++)
    if (quota[remainders[r].stratum] < sizes[remainders[r].stratum])
      {
        quota[remainders[r].stratum]++;
        allocated++;
      }

  qsort (candidates, n, sizeof *candidates, compare_candidates);
  for (gsize i = 0, start = 0; i < n; i = start)
    {
      guint32 s = candidates[i].stratum;

      while (start < n && candidates[start].stratum == s)
        start++;
      for (gsize j = i; j < i + quota[s]; j++)
        g_array_append_val (chosen, candidates[j].row);
    }
  qsort (chosen->data, chosen->len, sizeof (guint32), compare_u32);
  return chosen;
}
