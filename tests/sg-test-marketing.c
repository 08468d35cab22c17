/* sg-test-marketing.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "sg-test-marketing.h"
#include "sg-test-util.h"

/* Segment names: one with characters no file name may hold, one in Cyrillic, one malicious. */
static const char *const segment_names[][2] = {
  { "High-value loyalists", "high-value-loyalists" },
  { "Dormant/high: spenders?", "dormant-high-spenders" },
  { "Новые клиенты", "new-low-spend" },
  { "=cmd|' /C calc'!A0", NULL },
  { "Bargain hunters", "bargain-hunters" },
  { "At-risk frequent", "at-risk-frequent" },
};

static gint32
label_of (gsize  i,
          guint  k)
{
  if (i % 97 == 5)
    return SG_LABEL_EXCLUDED;
  if (i % 50 == 7)
    return SG_LABEL_UNASSIGNED;
  return (gint32) ((i * 7 + i / 3) % k);
}

SgTestRun *
sg_test_run_new (const char *name,
                 guint       n_rows,
                 guint       k)
{
  static guint counter;
  static const char *const countries[] = { "DE", "DE", "DE", "FR", "FR", "IT", "ES", NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *file = g_strdup_printf ("%s-%u.segmenta", name, counter++);
  g_autoptr(SgTable) table = sg_table_new ("customers");
  SgColumn *id = sg_table_add_column (table, "customer_id", SG_COLUMN_IDENTIFIER);
  SgColumn *email = sg_table_add_column (table, "email", SG_COLUMN_TEXT);
  SgColumn *full_name = sg_table_add_column (table, "name", SG_COLUMN_TEXT);
  SgColumn *country = sg_table_add_column (table, "country", SG_COLUMN_CATEGORICAL);
  SgColumn *spend = sg_table_add_column (table, "spend", SG_COLUMN_DECIMAL);
  SgColumn *orders = sg_table_add_column (table, "orders", SG_COLUMN_INTEGER);
  SgColumn *rfm = sg_table_add_column (table, "rfm", SG_COLUMN_INTEGER);
  SgTestRun *run = g_new0 (SgTestRun, 1);
  SgRunInfo info = { 0 };
  guint64 excluded = 0;

  for (guint i = 0; i < n_rows; i++)
    {
      g_autofree char *key = g_strdup_printf ("C%06u", i + 1);
      g_autofree char *address = g_strdup_printf ("customer%u@example.org", i + 1);
      g_autofree char *person = g_strdup_printf ("Kundin %u Müller", i + 1);

      sg_column_append_string (id, key);
      sg_column_append_string (email, address);
      sg_column_append_string (full_name, person);
      sg_column_append_string (country, i % 23 == 0 ? NULL : countries[(i * 5 + i / 7) % 7]);
      sg_column_append_number (spend, i % 11 == 0 ? -12.5 - i % 3 : 10.0 + (i * 37 % 1000) / 4.0);
      sg_column_append_number (orders, (double) (i % 13));
      sg_column_append_number (rfm, (double) (1 + (i * 3 + i / 5) % 5));
    }

  run->path = sg_test_tmp_path (file);
  run->project = sg_project_create (run->path, &error);
  g_assert_no_error (error);
  run->dataset_id = sg_project_store_table (run->project, table, "imported", "test", NULL, &error);
  g_assert_no_error (error);

  run->k = k;
  run->n_rows = n_rows;
  run->labels = g_new (gint32, MAX (n_rows, 1));
  for (gsize i = 0; i < n_rows; i++)
    {
      run->labels[i] = label_of (i, k);
      excluded += run->labels[i] == SG_LABEL_EXCLUDED;
    }
  info.dataset_id = run->dataset_id;
  info.name = (char *) "k-means / 4 segments";
  info.algorithm = (char *) "kmeans";
  info.k = k;
  info.settings = (char *) "{\"seed\": 7, \"features\": [\"spend\", \"orders\"]}";
  info.metrics = (char *) "{\"silhouette\": 0.41}";
  info.n_rows = n_rows;
  info.n_excluded = excluded;
  run->run_id = sg_project_store_run (run->project, &info, run->labels, n_rows, &error);
  g_assert_no_error (error);

  for (guint s = 0; s < k && s < G_N_ELEMENTS (segment_names); s++)
    {
      g_assert_true (sg_project_set_segment_name (run->project, run->run_id, s, segment_names[s][0],
                                                  segment_names[s][1], FALSE, &error));
      g_assert_no_error (error);
    }
  g_assert_true (sg_project_set_segment_profile (run->project, run->run_id, 0,
                                                 "{\"sentences\": [\"Spend 3× the average\"]}", &error));
  g_assert_true (sg_project_set_segment_color (run->project, run->run_id, 0, "#3584e4", &error));
  g_assert_no_error (error);
  return run;
}

gint64
sg_test_run_add_run (SgTestRun *run,
                     guint      k)
{
  g_autoptr(GError) error = NULL;
  g_autofree gint32 *labels = g_new (gint32, MAX (run->n_rows, 1));
  SgRunInfo info = { 0 };
  gint64 id;

  for (gsize i = 0; i < run->n_rows; i++)
    labels[i] = run->labels[i] < 0 ? run->labels[i] : (gint32) ((i + 1) % k);
  info.dataset_id = run->dataset_id;
  info.name = (char *) "second run";
  info.algorithm = (char *) "gmm";
  info.k = k;
  info.n_rows = run->n_rows;
  id = sg_project_store_run (run->project, &info, labels, run->n_rows, &error);
  g_assert_no_error (error);
  return id;
}

void
sg_test_run_free (SgTestRun *run)
{
  if (run == NULL)
    return;
  g_clear_object (&run->project);
  g_free (run->path);
  g_free (run->labels);
  g_free (run);
}

GArray *
sg_test_run_segment_rows (SgTestRun *run,
                          guint      segment)
{
  GArray *rows = g_array_new (FALSE, FALSE, sizeof (guint32));

  for (gsize i = 0; i < run->n_rows; i++)
    if (run->labels[i] == (gint32) segment)
      {
        guint32 row = (guint32) i;

        g_array_append_val (rows, row);
      }
  return rows;
}

GPtrArray *
sg_test_parse_csv (const char *text,
                   char        delimiter)
{
  GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_autoptr(GPtrArray) fields = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) field = g_string_new (NULL);
  const char *p = text;
  gboolean quoted = FALSE, was_quoted = FALSE;

  if (g_str_has_prefix (p, "\xef\xbb\xbf"))
    p += 3;
  for (; *p; p++)
    {
      if (quoted)
        {
          if (*p == '"' && p[1] == '"')
            g_string_append_c (field, '"'), p++;
          else if (*p == '"')
            quoted = FALSE;
          else
            g_string_append_c (field, *p);
          continue;
        }
      if (*p == '"')
        {
          /* A quote may only open a field. */
          g_assert_cmpuint (field->len, ==, 0);
          g_assert_false (was_quoted);
          quoted = was_quoted = TRUE;
        }
      else if (*p == delimiter)
        {
          g_ptr_array_add (fields, g_strdup (field->str));
          g_string_truncate (field, 0);
          was_quoted = FALSE;
        }
      else if (*p == '\r' && p[1] == '\n')
        {
          g_ptr_array_add (fields, g_strdup (field->str));
          g_string_truncate (field, 0);
          g_ptr_array_add (fields, NULL);
          g_ptr_array_add (rows, g_ptr_array_steal (fields, NULL));
          was_quoted = FALSE;
          p++;
        }
      else
        {
          /* Nothing may follow a closing quote but a delimiter or the record's end. */
          g_assert_false (was_quoted);
          g_string_append_c (field, *p);
        }
    }
  g_assert_false (quoted);
  /* Every record ends with CRLF. */
  g_assert_cmpuint (field->len, ==, 0);
  g_assert_cmpuint (fields->len, ==, 0);
  return rows;
}
