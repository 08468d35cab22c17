/* test-export.c — customer lists and JSON: escaping, formula injection, BOM, delimiters, files per
 * segment, suggested columns, pseudonyms, control flags, async, and the CLI's exit codes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gstdio.h>

#include "sg-error.h"
#include "sg-export.h"
#include "sg-holdout.h"
#include "sg-persona.h"
#include "sg-playbook.h"
#include "sg-pseudonym.h"
#include "sg-test-marketing.h"
#include "sg-test-util.h"

static char *
cell (const char *value,
      char        delimiter,
      gboolean    numeric)
{
  GString *out = g_string_new (NULL);

  sg_export_append_cell (out, value, delimiter, numeric);
  return g_string_free (out, FALSE);
}

static void
assert_cell (const char *value,
             char        delimiter,
             gboolean    numeric,
             const char *expected)
{
  g_autofree char *got = cell (value, delimiter, numeric);

  g_assert_cmpstr (got, ==, expected);
}

static void
test_cell_quoting (void)
{
  assert_cell ("plain", ',', FALSE, "plain");
  assert_cell (NULL, ',', FALSE, "");
  assert_cell ("", ',', FALSE, "");
  assert_cell ("a,b", ',', FALSE, "\"a,b\"");
  assert_cell ("a,b", ';', FALSE, "a,b");
  assert_cell ("a;b", ';', FALSE, "\"a;b\"");
  assert_cell ("a\tb", '\t', FALSE, "\"a\tb\"");
  assert_cell ("say \"hi\"", ',', FALSE, "\"say \"\"hi\"\"\"");
  assert_cell ("two\nlines", ',', FALSE, "\"two\nlines\"");
  assert_cell ("two\r\nlines", ',', FALSE, "\"two\r\nlines\"");
  assert_cell ("Zürich — 東京 — عربي 🦊", ',', FALSE, "Zürich — 東京 — عربي 🦊");
  assert_cell ("trailing space ", ',', FALSE, "trailing space ");
}

static void
test_cell_formula_injection (void)
{
  /* Every prefix of the rule, in a text column: neutralised with ' and quoted. */
  assert_cell ("=1+1", ',', FALSE, "\"'=1+1\"");
  assert_cell ("+1+1", ',', FALSE, "\"'+1+1\"");
  assert_cell ("-2+3", ',', FALSE, "\"'-2+3\"");
  assert_cell ("@SUM(1+1)", ',', FALSE, "\"'@SUM(1+1)\"");
  assert_cell ("\t=1+1", ',', FALSE, "\"'\t=1+1\"");
  assert_cell ("\r=1+1", ',', FALSE, "\"'\r=1+1\"");
  assert_cell ("   =1+1", ',', FALSE, "\"'   =1+1\"");
  assert_cell ("=HYPERLINK(\"http://evil\",\"x\")", ',', FALSE, "\"'=HYPERLINK(\"\"http://evil\"\",\"\"x\"\")\"");
  assert_cell ("-12.5", ',', FALSE, "\"'-12.5\"");
  /* Numeric columns keep plain numbers, and only them. */
  assert_cell ("-12.5", ',', TRUE, "-12.5");
  assert_cell ("-3", ';', TRUE, "-3");
  assert_cell ("-1.5e-07", ',', TRUE, "-1.5e-07");
  assert_cell ("12.5", ',', TRUE, "12.5");
  assert_cell ("-inf", ',', TRUE, "\"'-inf\"");
  assert_cell ("-2+3", ',', TRUE, "\"'-2+3\"");
  assert_cell ("-", ',', TRUE, "\"'-\"");
  assert_cell ("-.5", ',', TRUE, "\"'-.5\"");
  /* Characters in the middle are harmless. */
  assert_cell ("a=1+1", ',', FALSE, "a=1+1");
  assert_cell ("mail@example.org", ',', FALSE, "mail@example.org");
  g_assert_true (sg_export_cell_is_dangerous ("@x", TRUE));
  g_assert_false (sg_export_cell_is_dangerous ("x@", FALSE));
}

static void
test_safe_file_names (void)
{
  struct { const char *name; const char *expected; } cases[] = {
    { "a/b\\c:d*e?f\"g<h>i|j", "a_b_c_d_e_f_g_h_i_j" },
    { "..hidden.. ", "hidden" },
    { "CON", "_CON" },
    { "con.txt", "_con.txt" },
    { "LPT9", "_LPT9" },
    { "CONSOLE", "CONSOLE" },
    { "Новые клиенты", "Новые клиенты" },
    { "tab\there\nnewline", "tab_here_newline" },
    { "", "fallback" },
    { "  ..  ", "fallback" },
  };
  g_autoptr(GString) long_name = g_string_new (NULL);
  g_autofree char *cut = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *safe = sg_export_safe_file_name (cases[i].name, "fallback");

      g_assert_cmpstr (safe, ==, cases[i].expected);
    }
  for (guint i = 0; i < 200; i++)
    g_string_append (long_name, "é");
  cut = sg_export_safe_file_name (long_name->str, NULL);
  g_assert_cmpuint (strlen (cut), <=, 80);
  g_assert_true (g_utf8_validate (cut, -1, NULL));
}

/* ---- whole exports ---- */

static const char *const malicious_names[] = {
  "=HYPERLINK(\"http://evil\",\"x\")",
  "@SUM(1+1)*cmd|' /C calc'!A0",
  "+1+1",
  "-2+3",
  "\t=1+1",
  "\r=cmd",
  "  =1+2",
  "Ann \"Nancy\" O'Neil, Jr.\nsecond line",
  "Zoë Łukasiewicz 🦊",
};

/* A project whose customer names attack spreadsheets; two segments, the second named like a formula. */
static SgTestRun *
make_malicious_run (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SgTable) table = sg_table_new ("crm");
  SgColumn *id = sg_table_add_column (table, "customer_id", SG_COLUMN_IDENTIFIER);
  SgColumn *name = sg_table_add_column (table, "name", SG_COLUMN_TEXT);
  SgColumn *spend = sg_table_add_column (table, "spend", SG_COLUMN_DECIMAL);
  SgColumn *note = sg_table_add_column (table, "note", SG_COLUMN_TEXT);
  SgTestRun *run = g_new0 (SgTestRun, 1);
  SgRunInfo info = { 0 };
  guint n = G_N_ELEMENTS (malicious_names);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *key = g_strdup_printf (i == 0 ? "=1+%u" : "K%u", i);

      sg_column_append_string (id, key);
      sg_column_append_string (name, malicious_names[i]);
      sg_column_append_number (spend, i % 2 ? -12.5 * i : 3.25 * i);
      sg_column_append_string (note, i % 3 ? "-12.5" : NULL);
    }
  run->path = sg_test_tmp_path ("malicious.segmenta");
  run->project = sg_project_create (run->path, &error);
  g_assert_no_error (error);
  run->dataset_id = sg_project_store_table (run->project, table, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  run->k = 2;
  run->n_rows = n;
  run->labels = g_new (gint32, n);
  for (guint i = 0; i < n; i++)
    run->labels[i] = (gint32) (i % 2);
  info.dataset_id = run->dataset_id;
  info.name = (char *) "@evil run";
  info.algorithm = (char *) "kmeans";
  info.k = 2;
  info.n_rows = n;
  run->run_id = sg_project_store_run (run->project, &info, run->labels, n, &error);
  g_assert_no_error (error);
  g_assert_true (sg_project_set_segment_name (run->project, run->run_id, 1, "-1+1 \"segment\"", NULL, TRUE, &error));
  return run;
}

static char *
read_text (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  return contents;
}

static gboolean
starts_like_formula (const char *text)
{
  while (*text == ' ')
    text++;
  return *text == '=' || *text == '+' || *text == '-' || *text == '@' || *text == '\t' || *text == '\r';
}

static void
test_export_malicious_names (void)
{
  g_autoptr(SgTestRun) run = make_malicious_run ();
  g_autofree char *dir = sg_test_tmp_path ("malicious-out");
  const char *columns[] = { "customer_id", "name", "spend", "note", NULL };
  g_autoptr(GPtrArray) files = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  SgExportOptions options;

  sg_export_options_init (&options);
  options.run_id = run->run_id;
  options.columns = g_strdupv ((char **) columns);
  files = sg_export_csv (run->project, &options, dir, NULL, &error);
  sg_export_options_clear (&options);
  g_assert_no_error (error);
  g_assert_cmpuint (files->len, ==, 1);
  g_assert_true (g_str_has_suffix (((SgExportFile *) files->pdata[0])->path, "@evil run.csv"));

  text = read_text (((SgExportFile *) files->pdata[0])->path);
  g_assert_false (g_str_has_prefix (text, "\xef\xbb\xbf"));
  rows = sg_test_parse_csv (text, ',');
  g_assert_cmpuint (rows->len, ==, 1 + G_N_ELEMENTS (malicious_names));
  g_assert_cmpuint (g_strv_length (rows->pdata[0]), ==, 8);
  g_assert_cmpstr (((char **) rows->pdata[0])[4], ==, "segment");
  g_assert_cmpstr (((char **) rows->pdata[0])[7], ==, "control");

  for (guint r = 1; r < rows->len; r++)
    {
      char **fields = rows->pdata[r];
      const char *original = malicious_names[r - 1];

      g_assert_cmpuint (g_strv_length (fields), ==, 8);
      /* No cell can start a formula, except plain numbers in the numeric column. */
      for (guint c = 0; c < 8; c++)
        if (c != 2)
          g_assert_false (starts_like_formula (fields[c]));
      /* The name survives, behind a ' when it was dangerous. */
      if (sg_export_cell_is_dangerous (original, FALSE))
        {
          g_assert_true (fields[1][0] == '\'');
          g_assert_cmpstr (fields[1] + 1, ==, original);
        }
      else
        g_assert_cmpstr (fields[1], ==, original);
      /* Negative spend stays a number; "-12.5" in a text column does not. */
      if (r % 2 == 0)
        {
          g_autofree char *expected = g_strdup_printf ("%g", -12.5 * (r - 1));

          g_assert_cmpstr (fields[2], ==, expected);
        }
      if ((r - 1) % 3)
        g_assert_cmpstr (fields[3], ==, "'-12.5");
      else
        g_assert_cmpstr (fields[3], ==, "");
      g_assert_cmpstr (fields[4], ==, (r - 1) % 2 ? "'-1+1 \"segment\"" : "Segment 1");
      g_assert_cmpstr (fields[7], ==, "0");
    }
  g_assert_cmpstr (((char **) rows->pdata[1])[0], ==, "'=1+0");
}

static void
test_export_per_segment_bom_delimiters (void)
{
  g_autoptr(SgTestRun) run = sg_test_run_new ("lists", 2000, 4);
  g_autofree char *dir = sg_test_tmp_path ("lists-out");
  const char *const expected_files[] = {
    "01-High-value loyalists.csv", "02-Dormant_high_ spenders_.csv", "03-Новые клиенты.csv",
    "04-=cmd_' _C calc'!A0.csv", "Unassigned.csv",
  };
  const char delimiters[] = { ';', '\t', ',' };

  for (guint d = 0; d < G_N_ELEMENTS (delimiters); d++)
    {
      g_autoptr(GPtrArray) files = NULL;
      g_autoptr(GError) error = NULL;
      SgExportOptions options;
      guint64 total = 0;

      sg_export_options_init (&options);
      options.run_id = run->run_id;
      options.per_segment = TRUE;
      options.bom = d != 2;
      options.delimiter = delimiters[d];
      options.include_unassigned = TRUE;
      files = sg_export_csv (run->project, &options, dir, NULL, &error);
      sg_export_options_clear (&options);
      g_assert_no_error (error);
      g_assert_cmpuint (files->len, ==, G_N_ELEMENTS (expected_files));

      for (guint f = 0; f < files->len; f++)
        {
          SgExportFile *file = g_ptr_array_index (files, f);
          g_autofree char *base = g_path_get_basename (file->path);
          g_autofree char *text = read_text (file->path);
          g_autoptr(GPtrArray) rows = sg_test_parse_csv (text, delimiters[d]);
          char **header = rows->pdata[0];
          gint32 label = f < 4 ? (gint32) f : SG_LABEL_UNASSIGNED;
          guint expected = 0;

          g_assert_cmpstr (base, ==, expected_files[f]);
          g_assert_true (g_str_has_prefix (text, "\xef\xbb\xbf") == (d != 2));
          g_assert_true (g_utf8_validate (text, -1, NULL));
          /* Suggested columns: id, e-mail, name. */
          g_assert_cmpuint (g_strv_length (header), ==, 7);
          g_assert_cmpstr (header[0], ==, "customer_id");
          g_assert_cmpstr (header[1], ==, "email");
          g_assert_cmpstr (header[2], ==, "name");
          for (gsize i = 0; i < run->n_rows; i++)
            expected += run->labels[i] == label;
          g_assert_cmpuint (file->n_rows, ==, expected);
          g_assert_cmpuint (rows->len, ==, expected + 1);
          total += file->n_rows;
          for (guint r = 1; r < rows->len; r++)
            {
              char **fields = rows->pdata[r];
              guint index = (guint) g_ascii_strtoull (fields[0] + 1, NULL, 10) - 1;

              g_assert_cmpint (run->labels[index], ==, label);
              g_assert_false (starts_like_formula (fields[3]));
            }
          if (f == 3)
            g_assert_cmpstr (((char **) rows->pdata[1])[3], ==, "'=cmd|' /C calc'!A0");
          if (f == 2)
            g_assert_cmpstr (((char **) rows->pdata[1])[3], ==, "Новые клиенты");
        }
      /* Everyone but the excluded rows. */
      g_assert_cmpuint (total, ==, run->n_rows - (run->n_rows + 91) / 97);
    }
}

static void
test_suggested_columns (void)
{
  g_autoptr(SgTable) by_role = sg_table_new ("t");
  g_autoptr(SgTable) by_content = sg_table_new ("t");
  g_autoptr(SgTable) nothing = sg_table_new ("t");
  SgColumn *a = sg_table_add_column (by_role, "col1", SG_COLUMN_TEXT);
  SgColumn *b = sg_table_add_column (by_role, "col2", SG_COLUMN_TEXT);
  SgColumn *c = sg_table_add_column (by_role, "Kundennummer", SG_COLUMN_INTEGER);
  SgColumn *d = sg_table_add_column (by_role, "Mobile Phone", SG_COLUMN_TEXT);
  SgColumn *e = sg_table_add_column (by_role, "Surname", SG_COLUMN_TEXT);
  SgColumn *f = sg_table_add_column (by_role, "First Name", SG_COLUMN_TEXT);
  SgColumn *key = sg_table_add_column (by_content, "ref", SG_COLUMN_IDENTIFIER);
  SgColumn *contact = sg_table_add_column (by_content, "contact", SG_COLUMN_TEXT);
  SgColumn *city = sg_table_add_column (by_content, "city", SG_COLUMN_CATEGORICAL);
  SgColumn *spend = sg_table_add_column (nothing, "spend", SG_COLUMN_DECIMAL);
  g_auto(GStrv) suggested_role = NULL;
  g_auto(GStrv) suggested_content = NULL;
  g_auto(GStrv) suggested_nothing = NULL;

  for (guint i = 0; i < 50; i++)
    {
      g_autofree char *text = g_strdup_printf ("v%u", i);
      g_autofree char *address = g_strdup_printf ("p%u@mail.example", i);

      sg_column_append_string (a, text);
      sg_column_append_string (b, address);
      sg_column_append_number (c, i);
      sg_column_append_string (d, "+41 79 000 00 00");
      sg_column_append_string (e, "Muster");
      sg_column_append_string (f, "Eva");
      sg_column_append_string (key, text);
      sg_column_append_string (contact, i == 7 ? NULL : address);
      sg_column_append_string (city, "Bern");
      sg_column_append_number (spend, i);
    }
  sg_column_set_role (a, "name");
  sg_column_set_role (b, "email");

  g_assert_cmpint (sg_export_detect_column (by_role, SG_CONTACT_NAME), ==, 0);
  g_assert_cmpint (sg_export_detect_column (by_role, SG_CONTACT_EMAIL), ==, 1);
  g_assert_cmpint (sg_export_detect_column (by_role, SG_CONTACT_ID), ==, 2);
  g_assert_cmpint (sg_export_detect_column (by_role, SG_CONTACT_PHONE), ==, 3);
  g_assert_cmpint (sg_export_detect_column (by_role, SG_CONTACT_LAST_NAME), ==, 4);
  g_assert_cmpint (sg_export_detect_column (by_role, SG_CONTACT_FIRST_NAME), ==, 5);
  suggested_role = sg_export_suggest_columns (by_role);
  g_assert_cmpuint (g_strv_length (suggested_role), ==, 6);
  g_assert_cmpstr (suggested_role[0], ==, "Kundennummer");
  g_assert_cmpstr (suggested_role[1], ==, "col2");
  g_assert_cmpstr (suggested_role[2], ==, "col1");

  g_assert_cmpint (sg_export_detect_column (by_content, SG_CONTACT_ID), ==, 0);
  g_assert_cmpint (sg_export_detect_column (by_content, SG_CONTACT_EMAIL), ==, 1);
  g_assert_cmpint (sg_export_detect_column (by_content, SG_CONTACT_NAME), ==, -1);
  suggested_content = sg_export_suggest_columns (by_content);
  g_assert_cmpuint (g_strv_length (suggested_content), ==, 2);

  suggested_nothing = sg_export_suggest_columns (nothing);
  g_assert_cmpuint (g_strv_length (suggested_nothing), ==, 0);
}

static char **
column_values (const char *path,
               guint       column)
{
  g_autofree char *text = read_text (path);
  g_autoptr(GPtrArray) rows = sg_test_parse_csv (text, ',');
  GStrvBuilder *builder = g_strv_builder_new ();
  char **values;

  for (guint r = 1; r < rows->len; r++)
    g_strv_builder_add (builder, ((char **) rows->pdata[r])[column]);
  values = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);
  return values;
}

static void
test_pseudonymise (void)
{
  g_autoptr(SgTestRun) one = sg_test_run_new ("pseudo", 400, 3);
  g_autoptr(SgTestRun) two = sg_test_run_new ("pseudo", 400, 3);
  g_autofree char *dir1 = sg_test_tmp_path ("pseudo-1");
  g_autofree char *dir2 = sg_test_tmp_path ("pseudo-2");
  g_autofree char *dir3 = sg_test_tmp_path ("pseudo-3");
  const char *columns[] = { "customer_id", "orders", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) a = NULL;
  g_autoptr(GPtrArray) b = NULL;
  g_autoptr(GPtrArray) c = NULL;
  g_auto(GStrv) ids_a = NULL;
  g_auto(GStrv) ids_b = NULL;
  g_auto(GStrv) ids_c = NULL;
  g_autofree char *salt = NULL;
  g_autofree char *text = NULL;
  SgExportOptions options;

  sg_export_options_init (&options);
  options.run_id = one->run_id;
  options.pseudonymise = TRUE;
  options.columns = g_strdupv ((char **) columns);
  a = sg_export_csv (one->project, &options, dir1, NULL, &error);
  g_assert_no_error (error);
  b = sg_export_csv (one->project, &options, dir2, NULL, &error);
  g_assert_no_error (error);
  options.run_id = two->run_id;
  c = sg_export_csv (two->project, &options, dir3, NULL, &error);
  g_assert_no_error (error);
  sg_export_options_clear (&options);

  ids_a = column_values (((SgExportFile *) a->pdata[0])->path, 0);
  ids_b = column_values (((SgExportFile *) b->pdata[0])->path, 0);
  ids_c = column_values (((SgExportFile *) c->pdata[0])->path, 0);
  g_assert_cmpuint (g_strv_length (ids_a), >, 300);
  g_assert_cmpuint (g_strv_length (ids_a), ==, g_strv_length (ids_c));
  text = read_text (((SgExportFile *) a->pdata[0])->path);
  for (guint i = 0; ids_a[i] != NULL; i++)
    {
      /* 64 hex digits, the same in every export of the project, different in another project. */
      g_assert_cmpuint (strlen (ids_a[i]), ==, 64);
      for (guint j = 0; j < 64; j++)
        g_assert_true (g_ascii_isxdigit (ids_a[i][j]));
      g_assert_cmpstr (ids_a[i], ==, ids_b[i]);
      g_assert_cmpstr (ids_a[i], !=, ids_c[i]);
    }
  /* The plain ids appear nowhere. */
  g_assert_null (strstr (text, "C000001"));
  g_assert_null (strstr (text, "C000400"));

  /* The salt is kept in the project and is what keys the pseudonyms. */
  salt = sg_project_get_meta (one->project, SG_PSEUDONYM_SALT_KEY);
  g_assert_nonnull (salt);
  g_assert_cmpuint (strlen (salt), ==, 2 * SG_PSEUDONYM_SALT_BYTES);
  {
    g_autoptr(SgPseudonymizer) same = sg_pseudonymizer_new (salt, &error);
    g_autofree char *other_salt = sg_pseudonym_new_salt (&error);
    g_autoptr(SgPseudonymizer) other = sg_pseudonymizer_new (other_salt, &error);
    g_autofree char *first = sg_pseudonymizer_apply (same, "C000001");
    g_autofree char *again = sg_pseudonymizer_apply (same, "C000001");
    g_autofree char *different = sg_pseudonymizer_apply (other, "C000001");
    g_autofree char *missing = sg_pseudonymizer_apply (same, NULL);
    g_autofree char *plain_sha = g_compute_checksum_for_string (G_CHECKSUM_SHA256, "C000001", -1);
    g_autofree char *dup_salt = sg_project_dup_pseudonym_salt (one->project, &error);
    gboolean found = FALSE;

    g_assert_no_error (error);
    g_assert_cmpstr (dup_salt, ==, salt);
    g_assert_cmpstr (first, ==, again);
    g_assert_cmpstr (first, !=, different);
    g_assert_cmpstr (first, !=, plain_sha);
    g_assert_cmpstr (missing, ==, "");
    g_assert_cmpstr (other_salt, !=, salt);
    for (guint i = 0; ids_a[i] != NULL; i++)
      found |= strcmp (ids_a[i], first) == 0;
    g_assert_true (found);
  }
  {
    g_autoptr(SgPseudonymizer) bad = sg_pseudonymizer_new ("not hex!", &error);

    g_assert_null (bad);
    g_assert_error (error, SG_ERROR, SG_ERROR_CORRUPT);
  }
}

static void
test_control_flags_and_stable_reexport (void)
{
  g_autoptr(SgTestRun) run = sg_test_run_new ("control", 3000, 4);
  g_autoptr(SgPlaybook) playbook = sg_playbook_new ();
  g_autoptr(SgPersona) persona = sg_persona_new ();
  g_autofree char *dir1 = sg_test_tmp_path ("control-1");
  g_autofree char *dir2 = sg_test_tmp_path ("control-2");
  g_autofree char *dir3 = sg_test_tmp_path ("control-3");
  g_autoptr(GPtrArray) first = NULL;
  g_autoptr(GPtrArray) second = NULL;
  g_autoptr(GPtrArray) skipped = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text1 = NULL;
  g_autofree char *text2 = NULL;
  SgExportOptions options;
  guint control = 0;

  sg_playbook_set_objective (playbook, SG_OBJECTIVE_WIN_BACK);
  sg_playbook_set_holdout_share (playbook, 0.2);
  sg_playbook_set_holdout_stratify (playbook, "rfm");
  g_assert_true (sg_project_save_playbook (run->project, run->run_id, 1, playbook, &error));
  sg_persona_set_name (persona, "Sleepy Sam");
  g_assert_true (sg_project_save_persona (run->project, run->run_id, 1, persona, &error));

  sg_export_options_init (&options);
  options.run_id = run->run_id;
  first = sg_export_csv (run->project, &options, dir1, NULL, &error);
  g_assert_no_error (error);
  g_clear_object (&run->project);
  run->project = sg_project_open (run->path, &error);
  second = sg_export_csv (run->project, &options, dir2, NULL, &error);
  g_assert_no_error (error);

  /* Byte for byte the same list, control flags included. */
  text1 = read_text (((SgExportFile *) first->pdata[0])->path);
  text2 = read_text (((SgExportFile *) second->pdata[0])->path);
  g_assert_cmpstr (text1, ==, text2);

  rows = sg_test_parse_csv (text1, ',');
  for (guint r = 1; r < rows->len; r++)
    {
      char **fields = rows->pdata[r];

      if (strcmp (fields[3], "Dormant_high: spenders?") == 0 || strcmp (fields[3], "Dormant/high: spenders?") == 0)
        {
          g_assert_cmpstr (fields[4], ==, "Sleepy Sam");
          g_assert_cmpstr (fields[5], ==, "win-back");
          control += strcmp (fields[6], "1") == 0;
        }
      else
        {
          g_assert_cmpstr (fields[4], ==, "");
          g_assert_cmpstr (fields[5], ==, "");
          g_assert_cmpstr (fields[6], ==, "0");
        }
    }
  {
    g_autoptr(GArray) segment = sg_test_run_segment_rows (run, 1);

    g_assert_cmpuint (control, ==, sg_holdout_target_size (0.2, segment->len));
    g_assert_cmpuint (((SgExportFile *) first->pdata[0])->n_control, ==, control);
  }

  /* The list to contact leaves the control group out. */
  options.skip_control = TRUE;
  skipped = sg_export_csv (run->project, &options, dir3, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (((SgExportFile *) skipped->pdata[0])->n_control, ==, 0);
  g_assert_cmpuint (((SgExportFile *) skipped->pdata[0])->n_rows, ==,
                    ((SgExportFile *) first->pdata[0])->n_rows - control);
  sg_export_options_clear (&options);
}

static void
test_export_errors (void)
{
  g_autoptr(SgTestRun) run = sg_test_run_new ("errors", 100, 2);
  g_autofree char *dir = sg_test_tmp_path ("errors-out");
  g_autoptr(GPtrArray) files = NULL;
  g_autoptr(GError) error = NULL;
  const char *unknown[] = { "customer_id", "shoe size", NULL };
  SgExportOptions options;

  sg_export_options_init (&options);
  options.run_id = run->run_id;
  options.delimiter = '|';
  files = sg_export_csv (run->project, &options, dir, NULL, &error);
  g_assert_null (files);
  g_assert_error (error, SG_ERROR, SG_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);

  options.delimiter = ',';
  options.columns = g_strdupv ((char **) unknown);
  files = sg_export_csv (run->project, &options, dir, NULL, &error);
  g_assert_null (files);
  g_assert_error (error, SG_ERROR, SG_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "shoe size"));
  g_clear_error (&error);

  g_clear_pointer (&options.columns, g_strfreev);
  options.run_id = 4242;
  files = sg_export_csv (run->project, &options, dir, NULL, &error);
  g_assert_null (files);
  g_assert_error (error, SG_ERROR, SG_ERROR_NOT_FOUND);
  g_clear_error (&error);

  options.run_id = run->run_id;
  options.pseudonymise = TRUE;
  options.id_column = g_strdup ("nope");
  files = sg_export_csv (run->project, &options, dir, NULL, &error);
  g_assert_null (files);
  g_assert_error (error, SG_ERROR, SG_ERROR_NOT_FOUND);
  sg_export_options_clear (&options);
}

static void
test_json_export (void)
{
  g_autoptr(SgTestRun) run = sg_test_run_new ("json", 800, 5);
  g_autoptr(SgPersona) persona = sg_persona_new ();
  g_autoptr(SgPlaybook) playbook = sg_playbook_new ();
  g_autofree char *path = sg_test_tmp_path ("run.json");
  g_autoptr(SgExportFile) file = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) segments = NULL;
  JsonObject *root, *first;
  JsonArray *array;
  double shares = 0;

  sg_persona_set_name (persona, "Loyal Lena");
  sg_persona_set_field (persona, SG_PERSONA_DESCRIPTION, "**Loves** us");
  g_assert_true (sg_project_save_persona (run->project, run->run_id, 0, persona, &error));
  sg_playbook_set_objective (playbook, SG_OBJECTIVE_VIP);
  sg_playbook_set_holdout_share (playbook, 0.1);
  g_assert_true (sg_project_save_playbook (run->project, run->run_id, 0, playbook, &error));
  g_assert_true (sg_project_sync_holdouts (run->project, run->run_id, NULL, &error));
  g_assert_no_error (error);

  file = sg_export_json (run->project, run->run_id, path, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (file->n_rows, ==, 5);
  g_assert_true (json_parser_load_from_file (parser, path, &error));
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (root, "format"), ==, "segmenta-run");
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (root, "run"), "k"), ==, 5);
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (json_object_get_object_member (root, "run"),
                                                                             "settings"), "seed"), ==, 7);
  array = json_object_get_array_member (root, "segments");
  g_assert_cmpuint (json_array_get_length (array), ==, 5);
  segments = sg_project_list_segments (run->project, run->run_id, &error);
  for (guint s = 0; s < 5; s++)
    {
      JsonObject *segment = json_array_get_object_element (array, s);
      SgSegmentInfo *info = g_ptr_array_index (segments, s);

      g_assert_cmpint (json_object_get_int_member (segment, "index"), ==, s);
      g_assert_cmpstr (json_object_get_string_member (segment, "name"), ==, info->name ? info->name : "Segment 5");
      g_assert_cmpint (json_object_get_int_member (segment, "size"), ==, info->size);
      shares += json_object_get_double_member (segment, "share");
      if (s > 0)
        {
          g_assert_true (json_object_get_null_member (segment, "persona"));
          g_assert_true (json_object_get_null_member (segment, "control_group"));
        }
    }
  /* Shares of everyone clustered: 1 minus the unassigned. */
  g_assert_cmpfloat (shares, <, 1.0);
  g_assert_cmpfloat (shares, >, 0.95);
  first = json_array_get_object_element (array, 0);
  g_assert_cmpstr (json_object_get_string_member (first, "rule"), ==, "high-value-loyalists");
  g_assert_cmpstr (json_object_get_string_member (first, "color"), ==, "#3584e4");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (first, "persona"), "description"),
                   ==, "**Loves** us");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (first, "playbook"), "objective"),
                   ==, "vip");
  g_assert_nonnull (json_object_get_array_member (json_object_get_object_member (first, "profile"), "sentences"));
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (first, "control_group"), "size"), >, 0);
}

/* ---- async ---- */

typedef struct {
  GMainLoop *loop;
  GPtrArray *files;
  GError    *error;
  guint      progress_calls;
  double     last_fraction;
} AsyncState;

static void
progress_cb (double      fraction,
             const char *message,
             gpointer    user_data)
{
  AsyncState *state = user_data;

  g_assert_true (fraction >= state->last_fraction - 1e-9);
  state->last_fraction = fraction;
  state->progress_calls++;
}

static void
exported_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  AsyncState *state = user_data;

  state->files = sg_export_csv_finish (SG_PROJECT (source), result, &state->error);
  g_main_loop_quit (state->loop);
}

static void
test_export_async (void)
{
  g_autoptr(SgTestRun) run = sg_test_run_new ("async", 30000, 3);
  g_autofree char *dir = sg_test_tmp_path ("async-out");
  g_autofree char *cancelled_dir = sg_test_tmp_path ("cancelled-out");
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  AsyncState state = { loop, NULL, NULL, 0, 0.0 };
  SgExportOptions options;
  GDir *listing;

  sg_export_options_init (&options);
  options.run_id = run->run_id;
  options.per_segment = TRUE;
  sg_export_csv_async (run->project, &options, dir, NULL, progress_cb, &state, exported_cb, &state);
  g_main_loop_run (loop);
  g_assert_no_error (state.error);
  g_assert_cmpuint (state.files->len, ==, 3);
  g_assert_cmpuint (state.progress_calls, >, 0);
  for (guint i = 0; i < state.files->len; i++)
    g_assert_true (g_file_test (((SgExportFile *) state.files->pdata[i])->path, G_FILE_TEST_EXISTS));
  g_clear_pointer (&state.files, g_ptr_array_unref);

  /* Cancelled: an error, and no file (not even a partial one) is left. */
  g_cancellable_cancel (cancellable);
  sg_export_csv_async (run->project, &options, cancelled_dir, cancellable, NULL, NULL, exported_cb, &state);
  g_main_loop_run (loop);
  g_assert_null (state.files);
  g_assert_error (state.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&state.error);
  listing = g_dir_open (cancelled_dir, 0, NULL);
  if (listing != NULL)
    {
      g_assert_null (g_dir_read_name (listing));
      g_dir_close (listing);
    }
  sg_export_options_clear (&options);
}

/* ---- the CLI ---- */

static int
run_cli (char **out,
         char **err,
         ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  va_list ap;
  int status;

  va_start (ap, err);
  for (const char *arg = va_arg (ap, const char *); arg != NULL; arg = va_arg (ap, const char *))
    g_ptr_array_add (args, (gpointer) arg);
  va_end (ap);
  g_assert_cmpuint (args->len, <=, 16);
  while (args->len < 16)
    g_ptr_array_add (args, NULL);
  status = sg_test_run_cli (out, err, args->pdata[0], args->pdata[1], args->pdata[2], args->pdata[3],
                            args->pdata[4], args->pdata[5], args->pdata[6], args->pdata[7], args->pdata[8],
                            args->pdata[9], args->pdata[10], args->pdata[11], args->pdata[12], args->pdata[13],
                            args->pdata[14], args->pdata[15], NULL);
  return status;
}

static void
assert_one_line_error (const char *err)
{
  g_assert_true (g_str_has_prefix (err, "segmenta-cli: "));
  g_assert_nonnull (strchr (err, '\n'));
  g_assert_cmpstr (strchr (err, '\n') + 1, ==, "");
}

static void
test_cli (void)
{
  g_autoptr(SgTestRun) run = sg_test_run_new ("cli", 500, 4);
  g_autofree char *dir = sg_test_tmp_path ("cli-out");
  g_autofree char *missing = sg_test_tmp_path ("missing.segmenta");
  g_autofree char *run_id = g_strdup_printf ("%" G_GINT64_FORMAT, run->run_id);
  g_autofree char *json_path = NULL;
  char *out = NULL, *err = NULL;

  g_clear_object (&run->project);   /* the CLI opens it itself */

  g_assert_cmpint (run_cli (&out, &err, "export", NULL), ==, 2);
  g_clear_pointer (&out, g_free); g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (&out, &err, "export", run->path, "--out", dir, NULL), ==, 2);
  assert_one_line_error (err);
  g_clear_pointer (&out, g_free); g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (&out, &err, "export", run->path, "--run", run_id, NULL), ==, 2);
  g_clear_pointer (&out, g_free); g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (&out, &err, "export", run->path, "--run", run_id, "--out", dir, "--delimiter", "|", NULL), ==, 2);
  assert_one_line_error (err);
  g_clear_pointer (&out, g_free); g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (&out, &err, "export", run->path, "--run", run_id, "--out", dir, "--bogus", NULL), ==, 2);
  g_clear_pointer (&out, g_free); g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_cli (&out, &err, "export", missing, "--run", "1", "--out", dir, NULL), ==, 1);
  assert_one_line_error (err);
  g_clear_pointer (&out, g_free); g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (&out, &err, "export", run->path, "--run", "no such run", "--out", dir, NULL), ==, 1);
  assert_one_line_error (err);
  g_clear_pointer (&out, g_free); g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (&out, &err, "export", run->path, "--run", run_id, "--out", dir,
                            "--columns", "customer_id,shoe size", NULL), ==, 1);
  assert_one_line_error (err);
  g_assert_nonnull (strstr (err, "shoe size"));
  g_clear_pointer (&out, g_free); g_clear_pointer (&err, g_free);

  /* By name, every option. */
  g_assert_cmpint (run_cli (&out, &err, "export", run->path, "--run", "k-means / 4 segments", "--out", dir,
                            "--per-segment", "--json", "--bom", "--delimiter", "tab", "--pseudonymise",
                            "--columns", "customer_id, spend", NULL), ==, 0);
  g_assert_cmpstr (err, ==, "");
  {
    g_auto(GStrv) lines = g_strsplit (out, "\n", -1);

    g_assert_cmpuint (g_strv_length (lines), ==, 4 + 1 + 1);
    for (guint i = 0; i < 5; i++)
      g_assert_true (g_str_has_prefix (lines[i], "Wrote "));
    g_assert_nonnull (strstr (lines[4], ".json (4 segments)"));
  }
  json_path = g_build_filename (dir, "k-means _ 4 segments.json", NULL);
  g_assert_true (g_file_test (json_path, G_FILE_TEST_EXISTS));
  {
    g_autofree char *first = g_build_filename (dir, "01-High-value loyalists.csv", NULL);
    g_autofree char *text = read_text (first);
    g_autoptr(GPtrArray) rows = sg_test_parse_csv (text, '\t');

    g_assert_true (g_str_has_prefix (text, "\xef\xbb\xbf"));
    g_assert_cmpstr (((char **) rows->pdata[0])[1], ==, "spend");
    g_assert_cmpuint (strlen (((char **) rows->pdata[1])[0]), ==, 64);
  }
  g_free (out);
  g_free (err);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/export/cell/quoting", test_cell_quoting);
  g_test_add_func ("/export/cell/formula-injection", test_cell_formula_injection);
  g_test_add_func ("/export/safe-file-names", test_safe_file_names);
  g_test_add_func ("/export/csv/malicious-names", test_export_malicious_names);
  g_test_add_func ("/export/csv/per-segment-bom-delimiters", test_export_per_segment_bom_delimiters);
  g_test_add_func ("/export/csv/suggested-columns", test_suggested_columns);
  g_test_add_func ("/export/csv/pseudonymise", test_pseudonymise);
  g_test_add_func ("/export/csv/control-flags-stable", test_control_flags_and_stable_reexport);
  g_test_add_func ("/export/csv/errors", test_export_errors);
  g_test_add_func ("/export/json", test_json_export);
  g_test_add_func ("/export/async", test_export_async);
  g_test_add_func ("/export/cli", test_cli);
  return g_test_run ();
}
