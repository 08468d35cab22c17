/* sg-advice.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <inttypes.h>
#include <math.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "sg-advice.h"
#include "sg-clean.h"
#include "sg-colstats.h"
#include "sg-keymap.h"
#include "sg-error.h"

#define MOSTLY_MISSING   0.5
#define NEAR_CONSTANT    0.95
#define SKEWED           1.0
#define CORRELATED       0.9

static const char *const kind_names[] = {
  "identifier", "constant", "near_constant", "mostly_missing", "correlated", "skewed", "some_missing",
  "date", "categorical", "text", "score", "no_features", "duplicate_rows", "duplicate_ids",
};

const char *
sg_advice_kind_to_string (SgAdviceKind kind)
{
  g_return_val_if_fail ((guint) kind < G_N_ELEMENTS (kind_names), NULL);
  return kind_names[kind];
}

static void
item_free (SgAdviceItem *item)
{
  g_free (item->column);
  g_free (item->other);
  g_free (item->message);
  g_free (item);
}

void
sg_advice_free (SgAdvice *advice)
{
  if (advice == NULL)
    return;
  g_free (advice->id_column);
  g_ptr_array_unref (advice->items);
  g_ptr_array_unref (advice->features);
  g_ptr_array_unref (advice->log1p);
  g_ptr_array_unref (advice->fill);
  g_free (advice);
}

static SgAdviceItem *
add_item (SgAdvice     *advice,
          SgAdviceKind  kind,
          const char   *column,
          double        value,
          gboolean      excluded,
          char         *message)
{
  SgAdviceItem *item = g_new0 (SgAdviceItem, 1);

  item->kind = kind;
  item->column = g_strdup (column);
  item->value = value;
  item->excluded = excluded;
  item->message = message;
  g_ptr_array_add (advice->items, item);
  return item;
}

static gboolean
looks_like_id_name (const char *name)
{
  g_autofree char *lower = g_ascii_strdown (name, -1);
  gsize len = strlen (lower);

  return strcmp (lower, "id") == 0 || g_str_has_suffix (lower, "_id") || g_str_has_suffix (lower, " id") ||
         (len > 2 && g_str_has_suffix (lower, "id") && g_ascii_isupper (name[len - 2])) ||
         g_str_has_suffix (name, "ID") || g_str_has_suffix (lower, "_no") || g_str_has_suffix (lower, "number") ||
         g_str_has_suffix (lower, "code") || strcmp (lower, "key") == 0;
}

/* Names of columns that often hold codes for categories ("Region" 1–3). */
static gboolean
looks_like_code_name (const char *name)
{
  static const char *const words[] = { "channel", "region", "segment", "category", "type", "class", "group",
                                       "gender", "sex", "country", "city", "state", "zone", "area", "branch",
                                       "store", "status", "tier", NULL };
  g_autofree char *lower = g_ascii_strdown (name, -1);

  for (guint i = 0; words[i] != NULL; i++)
    if (strstr (lower, words[i]) != NULL)
      return TRUE;
  return FALSE;
}

/* Number of distinct non-missing values, counting up to @limit + 1. */
static guint
count_distinct (const double *values,
                guint         n,
                guint         limit)
{
  gsize m;
  guint distinct = 0;
  g_autofree double *sorted = sg_colstats_sorted (values, n, 1, &m);

  for (gsize i = 0; i < m && distinct <= limit; i++)
    if (i == 0 || sorted[i] != sorted[i - 1])
      distinct++;
  return distinct;
}

/* Every non-missing value distinct? */
static gboolean
all_distinct (const double *values,
              guint         n)
{
  gsize m;
  g_autofree double *sorted = sg_colstats_sorted (values, n, 1, &m);

  for (gsize i = 1; i < m; i++)
    if (sorted[i] == sorted[i - 1])
      return FALSE;
  return m > 1;
}

/* Share of the most common value among the non-missing ones, and that value. */
static double
top_share (const double *values,
           guint         n,
           double       *top)
{
  gsize m, best = 0, run = 0;
  g_autofree double *sorted = sg_colstats_sorted (values, n, 1, &m);

  *top = NAN;
  for (gsize i = 0; i < m; i++)
    {
      run = (i > 0 && sorted[i] == sorted[i - 1]) ? run + 1 : 1;
      if (run > best)
        {
          best = run;
          *top = sorted[i];
        }
    }
  return m > 0 ? (double) best / (double) m : 0;
}

static const char *
skew_reason (const char *role)
{
  if (g_strcmp0 (role, "monetary") == 0 || g_strcmp0 (role, "order_value") == 0)
    return _("a log scale stops a few big spenders from dominating");
  if (g_strcmp0 (role, "frequency") == 0)
    return _("a log scale stops a few very frequent buyers from dominating");
  return _("a log scale stops a few very large values from dominating");
}

typedef struct {
  SgColumn *column;
  double   *values;      /* transformed (log1p where suggested) */
  guint64   n_missing;
  gboolean  dropped;
  double    mean_abs_corr;
} Candidate;

/* Pearson correlation on the rows where both are present. */
static double
correlation (const double *x,
             const double *y,
             guint         n)
{
  double sx = 0, sy = 0, sxx = 0, syy = 0, sxy = 0, mx, my;
  guint m = 0;

  for (guint i = 0; i < n; i++)
    if (!isnan (x[i]) && !isnan (y[i]))
      {
        sx += x[i];
        sy += y[i];
        m++;
      }
  if (m < 3)
    return 0;
  mx = sx / m;
  my = sy / m;
  for (guint i = 0; i < n; i++)
    if (!isnan (x[i]) && !isnan (y[i]))
      {
        double dx = x[i] - mx, dy = y[i] - my;

        sxx += dx * dx;
        syy += dy * dy;
        sxy += dx * dy;
      }
  if (sxx <= 0 || syy <= 0)
    return 0;
  return sxy / sqrt (sxx * syy);
}

/* Recency, frequency and monetary value (the first column of each of those roles): kept over a
 * correlated look-alike such as orders in the last 365 days. */
static gboolean
is_basic (SgTable        *table,
          const SgColumn *column)
{
  if (g_strcmp0 (column->role, "recency") != 0 && g_strcmp0 (column->role, "frequency") != 0 &&
      g_strcmp0 (column->role, "monetary") != 0)
    return FALSE;
  for (guint c = 0; c < sg_table_get_n_columns (table); c++)
    if (g_strcmp0 (sg_table_get_column (table, c)->role, column->role) == 0)
      return sg_table_get_column (table, c) == column;
  return FALSE;
}

typedef struct {
  guint  a, b;
  double r;
} Pair;

static int
compare_pairs (gconstpointer a,
               gconstpointer b)
{
  const Pair *x = a, *y = b;
  double ax = fabs (x->r), ay = fabs (y->r);

  if (ax != ay)
    return ax > ay ? -1 : 1;
  if (x->a != y->a)
    return x->a < y->a ? -1 : 1;
  return (x->b > y->b) - (x->b < y->b);
}

SgAdvice *
sg_advice_analyse (SgTable  *table,
                   GError  **error)
{
  g_autoptr(SgAdvice) advice = g_new0 (SgAdvice, 1);
  g_autoptr(GArray) candidates = g_array_new (FALSE, TRUE, sizeof (Candidate));
  g_autoptr(GArray) pairs = g_array_new (FALSE, FALSE, sizeof (Pair));
  guint n = sg_table_get_n_rows (table);

  advice->items = g_ptr_array_new_with_free_func ((GDestroyNotify) item_free);
  advice->features = g_ptr_array_new_with_free_func (g_free);
  advice->log1p = g_ptr_array_new_with_free_func (g_free);
  advice->fill = g_ptr_array_new_with_free_func (g_free);

  if (n == 0 || sg_table_get_n_columns (table) == 0)
    {
      g_set_error (error, SG_ERROR, SG_ERROR_DEGENERATE, _("The dataset is empty"));
      return NULL;
    }

  /* the identifier: a column with role "id" first */
  for (guint c = 0; c < sg_table_get_n_columns (table) && advice->id_column == NULL; c++)
    if (g_strcmp0 (sg_table_get_column (table, c)->role, "id") == 0)
      advice->id_column = g_strdup (sg_table_get_column (table, c)->name);

  for (guint c = 0; c < sg_table_get_n_columns (table); c++)
    {
      SgColumn *column = sg_table_get_column (table, c);
      const char *name = column->name;
      double missing = (double) column->n_missing / n;
      SgColstats stats;
      const double *values;
      double top, share;

      if (g_strcmp0 (column->role, "id") == 0 ||
          (column->type == SG_COLUMN_IDENTIFIER && (advice->id_column == NULL || g_strcmp0 (advice->id_column, name) == 0)))
        {
          if (advice->id_column == NULL)
            advice->id_column = g_strdup (name);
          add_item (advice, SG_ADVICE_IDENTIFIER, name, NAN, TRUE,
                    g_strdup_printf (_("“%s” identifies customers: it is kept beside the features, not clustered on."), name));
          continue;
        }
      if (column->type == SG_COLUMN_IDENTIFIER || column->type == SG_COLUMN_TEXT)
        {
          add_item (advice, column->type == SG_COLUMN_TEXT ? SG_ADVICE_TEXT : SG_ADVICE_IDENTIFIER, name, NAN, TRUE,
                    g_strdup_printf (_("“%s” holds free text or codes: it cannot be clustered on."), name));
          continue;
        }
      if (column->role != NULL && (g_str_has_suffix (column->role, "_score") || strcmp (column->role, "rfm_segment") == 0))
        {
          add_item (advice, SG_ADVICE_SCORE, name, NAN, TRUE,
                    g_strdup_printf (_("“%s” is a rule-based RFM score or group: compare the segments with it rather than cluster on it."), name));
          continue;
        }
      if (column->type == SG_COLUMN_CATEGORICAL)
        {
          add_item (advice, SG_ADVICE_CATEGORICAL, name, NAN, TRUE,
                    g_strdup_printf (_("“%s” is a category: it is described in the segment profiles; add it as yes/no columns (one-hot) if it should shape the segments."), name));
          continue;
        }
      if (column->type == SG_COLUMN_DATE || column->type == SG_COLUMN_DATETIME)
        {
          add_item (advice, SG_ADVICE_DATE, name, NAN, TRUE,
                    g_strdup_printf (_("“%s” is a date: dates are better clustered as “days since”, as recency and tenure are."), name));
          continue;
        }

      values = sg_column_get_numbers (column);
      sg_colstats_moments (values, n, 1, &stats);
      if (missing > MOSTLY_MISSING)
        {
          add_item (advice, SG_ADVICE_MOSTLY_MISSING, name, missing, TRUE,
                    g_strdup_printf (_("“%s” is missing for %.0f%% of rows: filling that many gaps would invent most of it, so it is left out."),
                                     name, 100 * missing));
          continue;
        }
      if (stats.n > 0 && stats.min == stats.max)
        {
          g_autofree char *v = g_strdup_printf ("%g", stats.min);

          add_item (advice, SG_ADVICE_CONSTANT, name, 1.0, TRUE,
                    g_strdup_printf (_("“%s” has the same value (%s) in every row: it cannot tell customers apart."), name, v));
          continue;
        }
      if (column->type == SG_COLUMN_INTEGER && column->role == NULL && advice->id_column == NULL &&
          looks_like_id_name (name) && all_distinct (values, n))
        {
          advice->id_column = g_strdup (name);
          add_item (advice, SG_ADVICE_IDENTIFIER, name, NAN, TRUE,
                    g_strdup_printf (_("“%s” looks like an identifier (a different number on every row): it is kept beside the features, not clustered on."), name));
          continue;
        }
      if (column->type == SG_COLUMN_INTEGER && looks_like_code_name (name) && stats.min >= 0 &&
          count_distinct (values, n, 20) <= 20)
        {
          add_item (advice, SG_ADVICE_CATEGORICAL, name, NAN, TRUE,
                    g_strdup_printf (_("“%s” looks like codes for categories (%g to %g) rather than amounts: the numbers’ distances mean nothing, so it is left out; add it as yes/no columns (one-hot) if it should shape the segments."),
                                     name, stats.min, stats.max));
          continue;
        }
      share = top_share (values, n, &top);
      if (share >= NEAR_CONSTANT)
        {
          add_item (advice, SG_ADVICE_NEAR_CONSTANT, name, share, TRUE,
                    g_strdup_printf (_("“%s” has the same value (%g) for %.0f%% of rows: it hardly tells customers apart."),
                                     name, top, 100 * share));
          continue;
        }

      {
        Candidate candidate = { column, g_new (double, MAX (n, 1)), column->n_missing, FALSE, 0 };
        gboolean binary = count_distinct (values, n, 2) <= 2;
        gboolean log_scale = stats.skewness > SKEWED && stats.min >= 0 && !binary &&
                             g_strcmp0 (column->role, "one_hot") != 0 && g_strcmp0 (column->role, "missing_flag") != 0;

        for (guint r = 0; r < n; r++)
          candidate.values[r] = log_scale ? log1p (values[r]) : values[r];
        g_array_append_val (candidates, candidate);
        if (log_scale)
          {
            g_ptr_array_add (advice->log1p, g_strdup (name));
            add_item (advice, SG_ADVICE_SKEWED, name, stats.skewness, FALSE,
                      g_strdup_printf (_("“%s” is strongly right-skewed (skewness %.1f): %s."), name, stats.skewness,
                                       skew_reason (column->role)));
          }
        else if (stats.skewness > SKEWED && !binary)
          add_item (advice, SG_ADVICE_SKEWED, name, stats.skewness, FALSE,
                    g_strdup_printf (_("“%s” is strongly right-skewed (skewness %.1f) but has negative values, so no log scale: consider capping its extremes."),
                                     name, stats.skewness));
        if (column->n_missing > 0)
          {
            g_ptr_array_add (advice->fill, g_strdup (name));
            add_item (advice, SG_ADVICE_SOME_MISSING, name, missing, FALSE,
                      g_strdup_printf (_("“%s” is missing for %" PRIu64 " rows (%.1f%%): they are filled with the median, a typical value that a few extreme customers do not pull."),
                                       name, column->n_missing, 100 * missing));
          }
      }
    }

  /* correlated pairs, strongest first */
  for (guint a = 0; a < candidates->len; a++)
    for (guint b = a + 1; b < candidates->len; b++)
      {
        Candidate *x = &g_array_index (candidates, Candidate, a), *y = &g_array_index (candidates, Candidate, b);
        double r = correlation (x->values, y->values, n);
        Pair pair = { a, b, r };

        x->mean_abs_corr += fabs (r);
        y->mean_abs_corr += fabs (r);
        if (fabs (r) > CORRELATED)
          g_array_append_val (pairs, pair);
      }
  g_array_sort (pairs, compare_pairs);
  for (guint i = 0; i < pairs->len; i++)
    {
      Pair *pair = &g_array_index (pairs, Pair, i);
      Candidate *x = &g_array_index (candidates, Candidate, pair->a), *y = &g_array_index (candidates, Candidate, pair->b);
      Candidate *drop, *keep;
      const char *why;

      if (x->dropped || y->dropped)
        continue;
      if (x->n_missing != y->n_missing)
        {
          drop = x->n_missing > y->n_missing ? x : y;
          why = _("it has more missing values");
        }
      else if (is_basic (table, x->column) != is_basic (table, y->column))
        {
          drop = is_basic (table, x->column) ? y : x;
          why = _("the other is one of the basic recency, frequency and monetary measures");
        }
      else if (x->mean_abs_corr != y->mean_abs_corr)
        {
          drop = x->mean_abs_corr > y->mean_abs_corr ? x : y;
          why = _("it overlaps more with the other features");
        }
      else
        {
          drop = y;
          why = _("it comes later in the table");
        }
      keep = drop == x ? y : x;
      drop->dropped = TRUE;
      {
        SgAdviceItem *item = add_item (advice, SG_ADVICE_CORRELATED, drop->column->name, pair->r, TRUE,
                                       g_strdup_printf (_("“%s” and “%s” move together (correlation %.2f): keep “%s” and leave out “%s” (%s), or the same behaviour would count twice."),
                                                        drop->column->name, keep->column->name, pair->r,
                                                        keep->column->name, drop->column->name, why));

        item->other = g_strdup (keep->column->name);
      }
    }

  for (guint i = 0; i < candidates->len; i++)
    {
      Candidate *candidate = &g_array_index (candidates, Candidate, i);

      if (!candidate->dropped)
        g_ptr_array_add (advice->features, g_strdup (candidate->column->name));
      else
        {
          /* no log scale or fill for a column that is left out */
          for (guint j = 0; j < advice->log1p->len; j++)
            if (strcmp (g_ptr_array_index (advice->log1p, j), candidate->column->name) == 0)
              g_ptr_array_remove_index (advice->log1p, j--);
          for (guint j = 0; j < advice->fill->len; j++)
            if (strcmp (g_ptr_array_index (advice->fill, j), candidate->column->name) == 0)
              g_ptr_array_remove_index (advice->fill, j--);
        }
      g_free (candidate->values);
    }
  /* duplicates: exact rows, then ids repeated on rows that differ */
  {
    g_autoptr(GPtrArray) columns = g_ptr_array_new ();
    g_autofree guint8 *duplicate = NULL;
    int id_index = advice->id_column != NULL ? sg_table_lookup_column (table, advice->id_column) : -1;

    for (guint c = 0; c < sg_table_get_n_columns (table); c++)
      g_ptr_array_add (columns, sg_table_get_column (table, c));
    advice->duplicate_rows = sg_clean_find_duplicate_rows (columns, &duplicate);
    if (advice->duplicate_rows > 0)
      add_item (advice, SG_ADVICE_DUPLICATE_ROWS, NULL, (double) advice->duplicate_rows, FALSE,
                g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%" PRIu64 " row repeats an earlier row exactly: it is removed so no customer counts twice.",
                                              "%" PRIu64 " rows repeat an earlier row exactly: they are removed so no customer counts twice.",
                                              advice->duplicate_rows),
                                 advice->duplicate_rows));
    if (id_index >= 0)
      {
        SgColumn *id = sg_table_get_column (table, id_index);
        g_autoptr(SgKeyMap) numbers = sg_key_map_new (n);
        g_autoptr(SgStrMap) strings = sg_str_map_new (n);

        for (guint r = 0; r < n; r++)
          {
            gboolean added = TRUE;

            if (duplicate[r] || sg_column_is_missing (id, r))
              continue;
            if (sg_column_is_numeric (id))
              sg_key_map_insert (numbers, sg_double_key (sg_column_get_number (id, r)), &added);
            else
              sg_str_map_insert (strings, sg_column_get_string (id, r), &added);
            if (!added)
              advice->duplicate_ids++;
          }
        if (advice->duplicate_ids > 0)
          add_item (advice, SG_ADVICE_DUPLICATE_IDS, advice->id_column, (double) advice->duplicate_ids, FALSE,
                    g_strdup_printf (_("%" PRIu64 " rows repeat a “%s” seen on an earlier row with other values: the first row of each is kept (or choose to keep the last, or to merge them)."),
                                     advice->duplicate_ids, advice->id_column));
      }
  }

  if (advice->features->len == 0)
    add_item (advice, SG_ADVICE_NO_FEATURES, NULL, NAN, FALSE,
              g_strdup (_("No column is suitable for clustering as it is: derive features from transactions or add yes/no columns from a category.")));
  return g_steal_pointer (&advice);
}

static void
add_strings (JsonBuilder *builder,
             const char  *member,
             GPtrArray   *strings)
{
  json_builder_set_member_name (builder, member);
  json_builder_begin_array (builder);
  for (guint i = 0; i < strings->len; i++)
    json_builder_add_string_value (builder, g_ptr_array_index (strings, i));
  json_builder_end_array (builder);
}

JsonNode *
sg_advice_to_json (const SgAdvice *advice)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id_column");
  if (advice->id_column != NULL)
    json_builder_add_string_value (builder, advice->id_column);
  else
    json_builder_add_null_value (builder);
  add_strings (builder, "features", advice->features);
  add_strings (builder, "log1p", advice->log1p);
  add_strings (builder, "fill", advice->fill);
  json_builder_set_member_name (builder, "duplicate_rows");
  json_builder_add_int_value (builder, (gint64) advice->duplicate_rows);
  json_builder_set_member_name (builder, "duplicate_ids");
  json_builder_add_int_value (builder, (gint64) advice->duplicate_ids);
  json_builder_set_member_name (builder, "items");
  json_builder_begin_array (builder);
  for (guint i = 0; i < advice->items->len; i++)
    {
      SgAdviceItem *item = g_ptr_array_index (advice->items, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "kind");
      json_builder_add_string_value (builder, sg_advice_kind_to_string (item->kind));
      if (item->column != NULL)
        {
          json_builder_set_member_name (builder, "column");
          json_builder_add_string_value (builder, item->column);
        }
      if (item->other != NULL)
        {
          json_builder_set_member_name (builder, "keep_instead");
          json_builder_add_string_value (builder, item->other);
        }
      if (!isnan (item->value))
        {
          json_builder_set_member_name (builder, "value");
          json_builder_add_double_value (builder, item->value);
        }
      json_builder_set_member_name (builder, "excluded");
      json_builder_add_boolean_value (builder, item->excluded);
      json_builder_set_member_name (builder, "message");
      json_builder_add_string_value (builder, item->message);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

static JsonArray *
strings_array (GPtrArray *strings)
{
  JsonArray *array = json_array_new ();

  for (guint i = 0; i < strings->len; i++)
    json_array_add_string_element (array, g_ptr_array_index (strings, i));
  return array;
}

SgRecipe *
sg_advice_to_recipe (const SgAdvice  *advice,
                     GError         **error)
{
  g_autoptr(SgRecipe) recipe = NULL;
  JsonObject *params;

  if (advice->features->len == 0)
    {
      g_set_error (error, SG_ERROR, SG_ERROR_DEGENERATE,
                   _("No column is suitable for clustering: derive features from transactions or choose columns yourself"));
      return NULL;
    }
  recipe = sg_recipe_new (_("Suggested preparation"));
  if (advice->duplicate_rows > 0)
    g_ptr_array_add (recipe->steps, sg_recipe_step_new ("dedupe_rows", NULL));
  if (advice->duplicate_ids > 0)
    {
      params = json_object_new ();
      json_object_set_string_member (params, "column", advice->id_column);
      json_object_set_string_member (params, "keep", "first");
      g_ptr_array_add (recipe->steps, sg_recipe_step_new ("dedupe_ids", params));
      json_object_unref (params);
    }

  params = json_object_new ();
  json_object_set_array_member (params, "columns", strings_array (advice->features));
  if (advice->id_column != NULL)
    json_object_set_string_member (params, "id", advice->id_column);
  g_ptr_array_add (recipe->steps, sg_recipe_step_new ("select", params));
  json_object_unref (params);

  for (guint i = 0; i < advice->fill->len; i++)
    {
      params = json_object_new ();
      json_object_set_string_member (params, "column", g_ptr_array_index (advice->fill, i));
      json_object_set_string_member (params, "method", "median");
      g_ptr_array_add (recipe->steps, sg_recipe_step_new ("fill_missing", params));
      json_object_unref (params);
    }
  if (advice->log1p->len > 0)
    {
      params = json_object_new ();
      json_object_set_array_member (params, "columns", strings_array (advice->log1p));
      g_ptr_array_add (recipe->steps, sg_recipe_step_new ("log1p", params));
      json_object_unref (params);
    }
  params = json_object_new ();
  json_object_set_array_member (params, "columns", strings_array (advice->features));
  json_object_set_string_member (params, "method", "zscore");
  g_ptr_array_add (recipe->steps, sg_recipe_step_new ("scale", params));
  json_object_unref (params);
  return g_steal_pointer (&recipe);
}
