/* test-playbook.c — playbooks: enums, JSON and project round trips, validation, templates
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "sg-error.h"
#include "sg-naming.h"
#include "sg-playbook.h"
#include "sg-playbook-templates.h"
#include "sg-test-marketing.h"
#include "sg-test-util.h"

/* Every enum: GType nick = string id, round trip, a label. */
static void
test_enums (void)
{
  GType types[] = { SG_TYPE_OBJECTIVE, SG_TYPE_PLAYBOOK_STATUS, SG_TYPE_KPI_UNIT, SG_TYPE_KPI_METRIC,
                    SG_TYPE_PLAYBOOK_FIELD, SG_TYPE_CHANNEL };
  guint counts[] = { SG_N_OBJECTIVES, SG_N_PLAYBOOK_STATUSES, SG_N_KPI_UNITS, SG_N_KPI_METRICS,
                     SG_PLAYBOOK_N_FIELDS, SG_N_CHANNELS };

  for (guint t = 0; t < G_N_ELEMENTS (types); t++)
    {
      GEnumClass *klass = g_type_class_ref (types[t]);

      g_assert_cmpuint (klass->n_values, ==, counts[t]);
      for (guint v = 0; v < counts[t]; v++)
        {
          const char *nick = g_enum_get_value (klass, v)->value_nick;
          const char *id = NULL;
          const char *label = NULL;
          gboolean ok = FALSE;
          int back = -1;

          switch (t)
            {
            case 0: { SgObjective x; id = sg_objective_to_string (v); label = sg_objective_get_label (v);
                      ok = sg_objective_from_string (id, &x); back = x; } break;
            case 1: { SgPlaybookStatus x; id = sg_playbook_status_to_string (v); label = sg_playbook_status_get_label (v);
                      ok = sg_playbook_status_from_string (id, &x); back = x; } break;
            case 2: { SgKpiUnit x; id = sg_kpi_unit_to_string (v); label = sg_kpi_unit_get_label (v);
                      ok = sg_kpi_unit_from_string (id, &x); back = x; } break;
            case 3: { SgKpiMetric x; id = sg_kpi_metric_to_string (v); label = sg_kpi_metric_get_label (v);
                      ok = sg_kpi_metric_from_string (id, &x); back = x; } break;
            case 4: { SgPlaybookField x; id = sg_playbook_field_to_string (v); label = sg_playbook_field_get_label (v);
                      ok = sg_playbook_field_from_string (id, &x); back = x; } break;
            default: { SgChannel x; id = sg_channel_to_string (v); label = sg_channel_get_label (v);
                       ok = sg_channel_from_string (id, &x); back = x; } break;
            }
          g_assert_cmpstr (id, ==, nick);
          g_assert_true (ok);
          g_assert_cmpint (back, ==, (int) v);
          g_assert_nonnull (label);
          g_assert_cmpstr (label, !=, "");
        }
      g_type_class_unref (klass);
    }
  {
    SgObjective objective = SG_OBJECTIVE_VIP;

    g_assert_false (sg_objective_from_string ("world-domination", &objective));
    g_assert_false (sg_objective_from_string (NULL, &objective));
    g_assert_cmpint (objective, ==, SG_OBJECTIVE_VIP);
  }
  g_assert_cmpstr (sg_objective_to_string (SG_OBJECTIVE_WIN_BACK), ==, "win-back");
  g_assert_cmpint (sg_kpi_metric_get_default_unit (SG_KPI_AVERAGE_ORDER_VALUE), ==, SG_KPI_UNIT_CURRENCY);
  g_assert_cmpint (sg_kpi_metric_get_default_unit (SG_KPI_CHURN_RATE), ==, SG_KPI_UNIT_PERCENT);
}

static void
test_kpi_format (void)
{
  g_autofree char *percent = sg_kpi_unit_format_value (SG_KPI_UNIT_PERCENT, 4.50);
  g_autofree char *money = sg_kpi_unit_format_value (SG_KPI_UNIT_CURRENCY, 45);
  g_autofree char *day = sg_kpi_unit_format_value (SG_KPI_UNIT_DAYS, 1);
  g_autofree char *days = sg_kpi_unit_format_value (SG_KPI_UNIT_DAYS, 12.25);
  g_autofree char *none = sg_kpi_unit_format_value (SG_KPI_UNIT_NUMBER, NAN);

  g_assert_cmpstr (percent, ==, "4.5 %");
  g_assert_cmpstr (money, ==, "45.00");
  g_assert_cmpstr (day, ==, "1 day");
  g_assert_cmpstr (days, ==, "12.2 days");
  g_assert_cmpstr (none, ==, "—");
}

static SgPlaybook *
make_full_playbook (void)
{
  SgPlaybook *playbook = sg_playbook_new ();
  g_autoptr(SgKpi) conversion = sg_kpi_new (SG_KPI_CONVERSION_RATE);
  g_autoptr(SgKpi) custom = sg_kpi_new (SG_KPI_CUSTOM);
  g_autoptr(SgKpi) aov = sg_kpi_new (SG_KPI_AVERAGE_ORDER_VALUE);

  sg_playbook_set_field (playbook, SG_PLAYBOOK_NAME, "Win-back: Schläfer 💤");
  sg_playbook_set_field (playbook, SG_PLAYBOOK_MESSAGE, "**We miss you**\n\n- new *arrivals*\n- «Rückkehr» bonus");
  sg_playbook_set_field (playbook, SG_PLAYBOOK_TONE, "Warm, personal");
  sg_playbook_set_field (playbook, SG_PLAYBOOK_OFFER, "15 % off, \"one time\"");
  sg_playbook_set_field (playbook, SG_PLAYBOOK_TIMING, "After payday\n- week 1\n- week 3");
  sg_playbook_set_field (playbook, SG_PLAYBOOK_CADENCE, "3 touches / 3 weeks");
  sg_playbook_set_field (playbook, SG_PLAYBOOK_OWNER, "CRM team — Łucja");
  sg_playbook_set_field (playbook, SG_PLAYBOOK_START_DATE, "2024-05-01");
  sg_playbook_set_field (playbook, SG_PLAYBOOK_END_DATE, "2024-06-30");
  sg_playbook_set_objective (playbook, SG_OBJECTIVE_WIN_BACK);
  sg_playbook_set_status (playbook, SG_PLAYBOOK_APPROVED);
  sg_playbook_set_channels (playbook, SG_CHANNEL_BIT (SG_CHANNEL_EMAIL) | SG_CHANNEL_BIT (SG_CHANNEL_DIRECT_MAIL));
  sg_playbook_set_template (playbook, "win-back");
  sg_playbook_set_holdout_share (playbook, 0.15);
  sg_playbook_set_holdout_seed (playbook, G_GUINT64_CONSTANT (0xfedcba9876543210));
  sg_playbook_set_holdout_stratify (playbook, "country");
  conversion->baseline = 2.5;
  conversion->target = 4.0;
  custom->name = g_strdup ("Net promoter score (NPS)");
  custom->unit = SG_KPI_UNIT_NUMBER;
  custom->target = 40;
  aov->baseline = 61.37;
  sg_playbook_add_kpi (playbook, conversion);
  sg_playbook_add_kpi (playbook, custom);
  sg_playbook_add_kpi (playbook, aov);
  return playbook;
}

static void
test_playbook_json_round_trip (void)
{
  g_autoptr(SgPlaybook) playbook = make_full_playbook ();
  g_autofree char *json = sg_playbook_to_json (playbook);
  g_autoptr(SgPlaybook) back = NULL;
  g_autoptr(SgPlaybook) copy = sg_playbook_copy (playbook);
  g_autoptr(GError) error = NULL;
  const SgKpi *kpi;

  back = sg_playbook_new_from_json (json, &error);
  g_assert_no_error (error);
  g_assert_true (sg_playbook_equal (playbook, back));
  g_assert_true (sg_playbook_equal (playbook, copy));
  for (guint f = 0; f < SG_PLAYBOOK_N_FIELDS; f++)
    g_assert_cmpstr (sg_playbook_get_field (back, f), ==, sg_playbook_get_field (playbook, f));
  g_assert_cmpint (sg_playbook_get_objective (back), ==, SG_OBJECTIVE_WIN_BACK);
  g_assert_cmpint (sg_playbook_get_status (back), ==, SG_PLAYBOOK_APPROVED);
  g_assert_cmpuint (sg_playbook_get_holdout_seed (back), ==, G_GUINT64_CONSTANT (0xfedcba9876543210));
  g_assert_cmpfloat (sg_playbook_get_holdout_share (back), ==, 0.15);
  g_assert_cmpstr (sg_playbook_get_holdout_stratify (back), ==, "country");
  g_assert_cmpuint (sg_playbook_get_n_kpis (back), ==, 3);
  kpi = sg_playbook_get_kpi (back, 0);
  g_assert_cmpint (kpi->metric, ==, SG_KPI_CONVERSION_RATE);
  g_assert_cmpstr (sg_kpi_get_display_name (kpi), ==, "Conversion rate");
  g_assert_cmpfloat (kpi->baseline, ==, 2.5);
  kpi = sg_playbook_get_kpi (back, 1);
  g_assert_cmpstr (sg_kpi_get_display_name (kpi), ==, "Net promoter score (NPS)");
  g_assert_true (isnan (kpi->baseline));
  g_assert_cmpfloat (kpi->target, ==, 40);
  kpi = sg_playbook_get_kpi (back, 2);
  g_assert_cmpint (kpi->unit, ==, SG_KPI_UNIT_CURRENCY);
  g_assert_cmpfloat (kpi->baseline, ==, 61.37);
  g_assert_true (isnan (kpi->target));

  sg_playbook_remove_kpi (copy, 1);
  g_assert_false (sg_playbook_equal (playbook, copy));

  /* Unknown enum values from newer versions read as defaults; wrong types are errors. */
  g_clear_object (&back);
  back = sg_playbook_new_from_json ("{\"objective\": \"teleport\", \"status\": \"archived\", \"channels\": [\"sms\", 3],"
                                    " \"kpis\": [{\"metric\": \"new-kpi\", \"name\": \"X\", \"unit\": \"parsecs\"}]}",
                                    &error);
  g_assert_no_error (error);
  g_assert_cmpint (sg_playbook_get_objective (back), ==, SG_OBJECTIVE_RETENTION);
  g_assert_cmpint (sg_playbook_get_status (back), ==, SG_PLAYBOOK_DRAFT);
  g_assert_cmpuint (sg_playbook_get_channels (back), ==, SG_CHANNEL_BIT (SG_CHANNEL_SMS));
  g_assert_cmpint (sg_playbook_get_kpi (back, 0)->metric, ==, SG_KPI_CUSTOM);
  g_clear_object (&back);
  back = sg_playbook_new_from_json ("{\"kpis\": [{\"metric\": \"churn-rate\", \"target\": \"high\"}]}", &error);
  g_assert_null (back);
  g_assert_error (error, SG_ERROR, SG_ERROR_PARSE);
  g_clear_error (&error);
  back = sg_playbook_new_from_json ("{\"holdout\": 0.1}", &error);
  g_assert_error (error, SG_ERROR, SG_ERROR_PARSE);
  g_clear_error (&error);
  back = sg_playbook_new_from_json ("{\"holdout\": {\"share\": 0.9}}", &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (sg_playbook_get_holdout_share (back), ==, SG_HOLDOUT_MAX_SHARE);
}

static void
test_playbook_fields (void)
{
  g_autoptr(SgPlaybook) playbook = sg_playbook_new ();
  g_autoptr(SgKpi) kpi = sg_kpi_new (SG_KPI_CUSTOM);
  g_autoptr(GError) error = NULL;
  SgObjective objective = SG_OBJECTIVE_RETENTION;

  sg_playbook_set_field (playbook, SG_PLAYBOOK_START_DATE, "2024-02-30");
  g_assert_null (sg_playbook_get_field (playbook, SG_PLAYBOOK_START_DATE));
  sg_playbook_set_field (playbook, SG_PLAYBOOK_START_DATE, "01/05/2024");
  g_assert_null (sg_playbook_get_field (playbook, SG_PLAYBOOK_START_DATE));
  sg_playbook_set_field (playbook, SG_PLAYBOOK_START_DATE, " 2024-02-29 ");
  g_assert_cmpstr (sg_playbook_get_field (playbook, SG_PLAYBOOK_START_DATE), ==, "2024-02-29");
  sg_playbook_set_field (playbook, SG_PLAYBOOK_CADENCE, "weekly\nthen monthly");
  g_assert_cmpstr (sg_playbook_get_field (playbook, SG_PLAYBOOK_CADENCE), ==, "weekly then monthly");
  sg_playbook_set_holdout_share (playbook, 0.8);
  g_assert_cmpfloat (sg_playbook_get_holdout_share (playbook), ==, 0.5);
  sg_playbook_set_holdout_share (playbook, -1);
  g_assert_cmpfloat (sg_playbook_get_holdout_share (playbook), ==, 0.0);
  sg_playbook_set_holdout_share (playbook, NAN);
  g_assert_cmpfloat (sg_playbook_get_holdout_share (playbook), ==, 0.0);

  /* GObject properties for editors. */
  g_object_set (playbook, "objective", SG_OBJECTIVE_UPSELL, "offer", "Bundle", "holdout-share", 0.2, NULL);
  g_object_get (playbook, "objective", &objective, NULL);
  g_assert_cmpint (objective, ==, SG_OBJECTIVE_UPSELL);
  g_assert_cmpstr (sg_playbook_get_field (playbook, SG_PLAYBOOK_OFFER), ==, "Bundle");

  g_assert_true (sg_playbook_validate (playbook, &error));
  sg_playbook_set_field (playbook, SG_PLAYBOOK_END_DATE, "2024-01-31");
  g_assert_false (sg_playbook_validate (playbook, &error));
  g_assert_error (error, SG_ERROR, SG_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  sg_playbook_set_field (playbook, SG_PLAYBOOK_END_DATE, "2024-03-31");
  sg_playbook_add_kpi (playbook, kpi);
  g_assert_false (sg_playbook_validate (playbook, &error));
  g_assert_error (error, SG_ERROR, SG_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_free (kpi->name);
  kpi->name = g_strdup ("Share of wallet");
  kpi->unit = SG_KPI_UNIT_PERCENT;
  kpi->target = 140;
  sg_playbook_replace_kpi (playbook, 0, kpi);
  g_assert_false (sg_playbook_validate (playbook, &error));
  g_clear_error (&error);
  kpi->target = 40;
  sg_playbook_replace_kpi (playbook, 0, kpi);
  g_assert_true (sg_playbook_validate (playbook, &error));
  g_assert_no_error (error);
  sg_playbook_clear_kpis (playbook);
  g_assert_cmpuint (sg_playbook_get_n_kpis (playbook), ==, 0);
}

/* ---- templates ---- */

static void
test_templates_complete (void)
{
  g_autoptr(GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);

  g_assert_cmpuint (sg_playbook_template_get_n_templates (), >=, 6);
  for (guint i = 0; i < sg_playbook_template_get_n_templates (); i++)
    {
      const SgPlaybookTemplate *tpl = sg_playbook_template_get (i);
      g_autoptr(SgPlaybook) playbook = sg_playbook_new_from_template (tpl, "Segment X");
      g_autoptr(GError) error = NULL;

      g_assert_true (g_hash_table_add (ids, (gpointer) tpl->id));
      g_assert_true (sg_playbook_template_lookup (tpl->id) == tpl);
      g_assert_nonnull (sg_playbook_template_get_label (tpl));
      g_assert_nonnull (sg_playbook_template_get_description (tpl));
      g_assert_cmpstr (sg_playbook_get_template (playbook), ==, tpl->id);
      g_assert_cmpint (sg_playbook_get_objective (playbook), ==, tpl->objective);
      g_assert_cmpuint (sg_playbook_get_channels (playbook), !=, 0);
      for (SgPlaybookField f = SG_PLAYBOOK_NAME; f <= SG_PLAYBOOK_CADENCE; f++)
        g_assert_nonnull (sg_playbook_get_field (playbook, f));
      g_assert_true (g_str_has_suffix (sg_playbook_get_field (playbook, SG_PLAYBOOK_NAME), ": Segment X"));
      g_assert_cmpuint (sg_playbook_get_n_kpis (playbook), >=, 2);
      g_assert_true (sg_playbook_validate (playbook, &error));
      g_assert_cmpfloat (sg_playbook_get_holdout_share (playbook), <=, SG_HOLDOUT_MAX_SHARE);
    }
  g_assert_null (sg_playbook_template_lookup ("no-such-template"));
}

static void
assert_suggests (const char *rule,
                 const char *name,
                 const char *expected,
                 gboolean    expect_match)
{
  gboolean matched = !expect_match;
  const SgPlaybookTemplate *tpl = sg_playbook_template_suggest (rule, name, &matched);

  g_assert_nonnull (tpl);
  g_assert_cmpstr (tpl->id, ==, expected);
  g_assert_true (matched == expect_match);
}

static void
test_template_suggestions (void)
{
  /* Naming rule ids of the profiles module. */
  assert_suggests ("high-value-loyalists", NULL, "vip-perks", TRUE);
  assert_suggests ("dormant-high-spenders", "Whatever the user typed", "win-back", TRUE);
  assert_suggests ("new-low-spend", NULL, "onboarding", TRUE);
  assert_suggests ("at-risk-frequent", NULL, "at-risk-retention", TRUE);
  assert_suggests ("bargain-hunters", NULL, "discount-light-nurture", TRUE);
  assert_suggests ("hibernating", NULL, "re-activation", TRUE);
  assert_suggests ("HIBERNATING", NULL, "re-activation", TRUE);
  /* Every rule of the naming module (sg-naming.h). */
  assert_suggests (SG_NAME_RULE_HIGH_VALUE_LOYALISTS, "High-Value Loyalists", "vip-perks", TRUE);
  assert_suggests (SG_NAME_RULE_HIGH_VALUE_FREQUENT, NULL, "vip-perks", TRUE);
  assert_suggests (SG_NAME_RULE_AFFLUENT_BIG_SPENDERS, NULL, "vip-perks", TRUE);
  assert_suggests (SG_NAME_RULE_DORMANT_HIGH_SPENDERS, NULL, "win-back", TRUE);
  assert_suggests (SG_NAME_RULE_LAPSED_LOW_VALUE, NULL, "re-activation", TRUE);
  assert_suggests (SG_NAME_RULE_AT_RISK_FREQUENT, NULL, "at-risk-retention", TRUE);
  assert_suggests (SG_NAME_RULE_NEW_LOW_SPEND, NULL, "onboarding", TRUE);
  assert_suggests (SG_NAME_RULE_PROMISING_NEWCOMERS, NULL, "onboarding", TRUE);
  assert_suggests (SG_NAME_RULE_BARGAIN_HUNTERS, NULL, "discount-light-nurture", TRUE);
  assert_suggests (SG_NAME_RULE_BUDGET_CONSCIOUS, NULL, "discount-light-nurture", TRUE);
  assert_suggests (SG_NAME_RULE_LOYAL_REGULARS, NULL, "upsell-cross-sell", TRUE);
  assert_suggests (SG_NAME_RULE_AFFLUENT_CAREFUL, NULL, "upsell-cross-sell", TRUE);
  assert_suggests (SG_NAME_RULE_ASPIRATIONAL_SPENDERS, NULL, "upsell-cross-sell", TRUE);
  assert_suggests (SG_NAME_RULE_MAINSTREAM, "Mainstream Customers", "nurture", FALSE);
  assert_suggests (SG_NAME_RULE_DISTINCTIVE, "Young Big Spenders", "nurture", FALSE);
  assert_suggests (SG_NAME_RULE_DISTINCTIVE, "Lapsed Web Buyers", "win-back", TRUE);
  assert_suggests (SG_NAME_RULE_USER, "Our VIPs", "vip-perks", TRUE);
  /* Unknown rule ids: their words count; then the segment name's words. */
  assert_suggests ("lapsed-premium-buyers", NULL, "win-back", TRUE);
  assert_suggests (NULL, "VIP champions", "vip-perks", TRUE);
  assert_suggests (NULL, "Lost high-value customers", "win-back", TRUE);
  assert_suggests (NULL, "Dormant low spenders", "re-activation", TRUE);
  assert_suggests (NULL, "Potential loyalists", "upsell-cross-sell", TRUE);
  assert_suggests (NULL, "Can't lose them", "win-back", TRUE);
  assert_suggests (NULL, "Deal seekers (coupons)", "discount-light-nurture", TRUE);
  assert_suggests (NULL, "NEW customers, first order", "onboarding", TRUE);
  /* Words inside other words do not count: "renewal" is not "new". */
  assert_suggests (NULL, "Renewal pending", "nurture", FALSE);
  assert_suggests (NULL, NULL, "nurture", FALSE);
  assert_suggests ("", "", "nurture", FALSE);
  assert_suggests ("cluster-3", "Segment 3", "nurture", FALSE);
}

static void
test_apply_template_keeps_own_fields (void)
{
  g_autoptr(SgPlaybook) playbook = make_full_playbook ();
  const SgPlaybookTemplate *tpl = sg_playbook_template_lookup ("vip-perks");

  sg_playbook_apply_template (playbook, tpl);
  g_assert_cmpint (sg_playbook_get_objective (playbook), ==, SG_OBJECTIVE_VIP);
  g_assert_cmpstr (sg_playbook_get_template (playbook), ==, "vip-perks");
  /* Owner, dates, status, name and seed are the user's. */
  g_assert_cmpstr (sg_playbook_get_field (playbook, SG_PLAYBOOK_OWNER), ==, "CRM team — Łucja");
  g_assert_cmpstr (sg_playbook_get_field (playbook, SG_PLAYBOOK_START_DATE), ==, "2024-05-01");
  g_assert_cmpint (sg_playbook_get_status (playbook), ==, SG_PLAYBOOK_APPROVED);
  g_assert_cmpuint (sg_playbook_get_holdout_seed (playbook), ==, G_GUINT64_CONSTANT (0xfedcba9876543210));
  g_assert_cmpint (sg_playbook_get_kpi (playbook, 0)->metric, ==, SG_KPI_RETENTION_RATE);
}

/* ---- in the project ---- */

static void
saved_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (sg_project_save_playbook_finish (SG_PROJECT (source), result, &error));
  g_assert_no_error (error);
  g_main_loop_quit (user_data);
}

static void
test_playbook_storage (void)
{
  g_autoptr(SgTestRun) run = sg_test_run_new ("playbook", 300, 4);
  g_autoptr(SgPlaybook) playbook = make_full_playbook ();
  g_autoptr(SgPlaybook) loaded = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  gint64 other = sg_test_run_add_run (run, 2);

  g_assert_true (sg_project_save_playbook (run->project, run->run_id, 3, playbook, &error));
  g_assert_no_error (error);
  g_clear_object (&run->project);
  run->project = sg_project_open (run->path, &error);
  g_assert_no_error (error);
  loaded = sg_project_load_playbook (run->project, run->run_id, 3, &error);
  g_assert_no_error (error);
  g_assert_true (sg_playbook_equal (loaded, playbook));

  sg_playbook_set_status (playbook, SG_PLAYBOOK_LIVE);
  sg_project_save_playbook_async (run->project, run->run_id, 0, playbook, NULL, saved_cb, loop);
  g_main_loop_run (loop);
  list = sg_project_list_playbooks (run->project, run->run_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 4);
  g_assert_true (sg_playbook_equal (g_ptr_array_index (list, 0), playbook));
  g_assert_null (g_ptr_array_index (list, 1));
  g_assert_nonnull (g_ptr_array_index (list, 3));

  g_assert_true (sg_project_copy_playbook (run->project, run->run_id, 0, other, 1, FALSE, &error));
  g_clear_object (&loaded);
  loaded = sg_project_load_playbook (run->project, other, 1, &error);
  g_assert_cmpint (sg_playbook_get_status (loaded), ==, SG_PLAYBOOK_LIVE);
  g_assert_false (sg_project_copy_playbook (run->project, run->run_id, 3, other, 1, FALSE, &error));
  g_assert_error (error, SG_ERROR, SG_ERROR_EXISTS);
  g_clear_error (&error);

  g_assert_true (sg_project_delete_playbook (run->project, run->run_id, 0, &error));
  g_clear_object (&loaded);
  loaded = sg_project_load_playbook (run->project, run->run_id, 0, &error);
  g_assert_error (error, SG_ERROR, SG_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* A damaged stored playbook is an error naming the segment, not a crash. */
  g_assert_true (sg_project_exec (run->project, "UPDATE playbooks SET data = '{\"kpis\": 5}' WHERE segment_idx = 3",
                                  &error));
  g_clear_pointer (&list, g_ptr_array_unref);
  list = sg_project_list_playbooks (run->project, run->run_id, &error);
  g_assert_null (list);
  g_assert_error (error, SG_ERROR, SG_ERROR_PARSE);
  g_assert_nonnull (strstr (error->message, "Segment 4"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/playbook/enums", test_enums);
  g_test_add_func ("/playbook/kpi-format", test_kpi_format);
  g_test_add_func ("/playbook/json-round-trip", test_playbook_json_round_trip);
  g_test_add_func ("/playbook/fields", test_playbook_fields);
  g_test_add_func ("/playbook/templates-complete", test_templates_complete);
  g_test_add_func ("/playbook/template-suggestions", test_template_suggestions);
  g_test_add_func ("/playbook/apply-template", test_apply_template_keeps_own_fields);
  g_test_add_func ("/playbook/storage", test_playbook_storage);
  return g_test_run ();
}
