/* sg-playbook.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Stored JSON (playbooks.data):
 *   { "version": 1, "template": "win-back", "objective": "win-back", "status": "draft",
 *     "channels": ["email", "direct-mail"], "name": "…", "message": "…", "tone": "…", "offer": "…",
 *     "timing": "…", "cadence": "…", "owner": "…", "start-date": "2024-05-01", "end-date": "…",
 *     "kpis": [ { "metric": "conversion-rate", "name": "…", "unit": "percent",
 *                 "baseline": 2.5, "target": 4.0 } ],            (null: not known / not set)
 *     "holdout": { "share": 0.1, "seed": 0, "stratify": "country" } }
 * Empty text fields are left out. Enum values unknown to this version read as the defaults.
 */
#include "config.h"

#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "sg-enum-private.h"
#include "sg-error.h"
#include "sg-playbook.h"

#define PLAYBOOK_FORMAT_VERSION 1

/* ---- enums ---- */

G_DEFINE_ENUM_TYPE (SgObjective, sg_objective,
  G_DEFINE_ENUM_VALUE (SG_OBJECTIVE_RETENTION, "retention"),
  G_DEFINE_ENUM_VALUE (SG_OBJECTIVE_WIN_BACK, "win-back"),
  G_DEFINE_ENUM_VALUE (SG_OBJECTIVE_UPSELL, "upsell"),
  G_DEFINE_ENUM_VALUE (SG_OBJECTIVE_ACTIVATION, "activation"),
  G_DEFINE_ENUM_VALUE (SG_OBJECTIVE_ACQUISITION, "acquisition"),
  G_DEFINE_ENUM_VALUE (SG_OBJECTIVE_VIP, "vip"))

G_DEFINE_ENUM_TYPE (SgPlaybookStatus, sg_playbook_status,
  G_DEFINE_ENUM_VALUE (SG_PLAYBOOK_DRAFT, "draft"),
  G_DEFINE_ENUM_VALUE (SG_PLAYBOOK_APPROVED, "approved"),
  G_DEFINE_ENUM_VALUE (SG_PLAYBOOK_LIVE, "live"),
  G_DEFINE_ENUM_VALUE (SG_PLAYBOOK_DONE, "done"))

G_DEFINE_ENUM_TYPE (SgKpiUnit, sg_kpi_unit,
  G_DEFINE_ENUM_VALUE (SG_KPI_UNIT_PERCENT, "percent"),
  G_DEFINE_ENUM_VALUE (SG_KPI_UNIT_CURRENCY, "currency"),
  G_DEFINE_ENUM_VALUE (SG_KPI_UNIT_COUNT, "count"),
  G_DEFINE_ENUM_VALUE (SG_KPI_UNIT_DAYS, "days"),
  G_DEFINE_ENUM_VALUE (SG_KPI_UNIT_NUMBER, "number"))

G_DEFINE_ENUM_TYPE (SgKpiMetric, sg_kpi_metric,
  G_DEFINE_ENUM_VALUE (SG_KPI_CUSTOM, "custom"),
  G_DEFINE_ENUM_VALUE (SG_KPI_CONVERSION_RATE, "conversion-rate"),
  G_DEFINE_ENUM_VALUE (SG_KPI_REPEAT_PURCHASE_RATE, "repeat-purchase-rate"),
  G_DEFINE_ENUM_VALUE (SG_KPI_CHURN_RATE, "churn-rate"),
  G_DEFINE_ENUM_VALUE (SG_KPI_RETENTION_RATE, "retention-rate"),
  G_DEFINE_ENUM_VALUE (SG_KPI_REACTIVATION_RATE, "reactivation-rate"),
  G_DEFINE_ENUM_VALUE (SG_KPI_AVERAGE_ORDER_VALUE, "average-order-value"),
  G_DEFINE_ENUM_VALUE (SG_KPI_REVENUE_PER_CUSTOMER, "revenue-per-customer"),
  G_DEFINE_ENUM_VALUE (SG_KPI_PURCHASE_FREQUENCY, "purchase-frequency"),
  G_DEFINE_ENUM_VALUE (SG_KPI_OPEN_RATE, "open-rate"),
  G_DEFINE_ENUM_VALUE (SG_KPI_CLICK_RATE, "click-rate"),
  G_DEFINE_ENUM_VALUE (SG_KPI_UNSUBSCRIBE_RATE, "unsubscribe-rate"),
  G_DEFINE_ENUM_VALUE (SG_KPI_DAYS_TO_SECOND_PURCHASE, "days-to-second-purchase"))

G_DEFINE_ENUM_TYPE (SgPlaybookField, sg_playbook_field,
  G_DEFINE_ENUM_VALUE (SG_PLAYBOOK_NAME, "name"),
  G_DEFINE_ENUM_VALUE (SG_PLAYBOOK_MESSAGE, "message"),
  G_DEFINE_ENUM_VALUE (SG_PLAYBOOK_TONE, "tone"),
  G_DEFINE_ENUM_VALUE (SG_PLAYBOOK_OFFER, "offer"),
  G_DEFINE_ENUM_VALUE (SG_PLAYBOOK_TIMING, "timing"),
  G_DEFINE_ENUM_VALUE (SG_PLAYBOOK_CADENCE, "cadence"),
  G_DEFINE_ENUM_VALUE (SG_PLAYBOOK_OWNER, "owner"),
  G_DEFINE_ENUM_VALUE (SG_PLAYBOOK_START_DATE, "start-date"),
  G_DEFINE_ENUM_VALUE (SG_PLAYBOOK_END_DATE, "end-date"))

/* to_string / from_string for an enum registered above. */
#define ENUM_STRING_FUNCS(TypeName, type_name, TYPE, N)                 \
  const char *                                                          \
  type_name##_to_string (TypeName value)                                \
  {                                                                     \
    g_return_val_if_fail ((guint) value < (N), NULL);                   \
    return sg_enum_to_nick (TYPE, value);                               \
  }                                                                     \
  gboolean                                                              \
  type_name##_from_string (const char *id,                              \
                           TypeName   *value)                           \
  {                                                                     \
    int v;                                                              \
    if (!sg_enum_from_nick (TYPE, id, &v))                              \
      return FALSE;                                                     \
    *value = v;                                                         \
    return TRUE;                                                        \
  }

ENUM_STRING_FUNCS (SgObjective, sg_objective, SG_TYPE_OBJECTIVE, SG_N_OBJECTIVES)
ENUM_STRING_FUNCS (SgPlaybookStatus, sg_playbook_status, SG_TYPE_PLAYBOOK_STATUS, SG_N_PLAYBOOK_STATUSES)
ENUM_STRING_FUNCS (SgKpiUnit, sg_kpi_unit, SG_TYPE_KPI_UNIT, SG_N_KPI_UNITS)
ENUM_STRING_FUNCS (SgKpiMetric, sg_kpi_metric, SG_TYPE_KPI_METRIC, SG_N_KPI_METRICS)
ENUM_STRING_FUNCS (SgPlaybookField, sg_playbook_field, SG_TYPE_PLAYBOOK_FIELD, SG_PLAYBOOK_N_FIELDS)

const char *
sg_objective_get_label (SgObjective objective)
{
  switch (objective)
    {
    case SG_OBJECTIVE_RETENTION: return _("Retention");
    case SG_OBJECTIVE_WIN_BACK: return _("Win-back");
    case SG_OBJECTIVE_UPSELL: return _("Upsell and cross-sell");
    case SG_OBJECTIVE_ACTIVATION: return _("Activation");
    case SG_OBJECTIVE_ACQUISITION: return _("Acquisition (lookalike)");
    case SG_OBJECTIVE_VIP: return _("VIP");
    case SG_N_OBJECTIVES:
    default: break;
    }
  g_return_val_if_reached (NULL);
}

const char *
sg_playbook_status_get_label (SgPlaybookStatus status)
{
  switch (status)
    {
    case SG_PLAYBOOK_DRAFT: return _("Draft");
    case SG_PLAYBOOK_APPROVED: return _("Approved");
    case SG_PLAYBOOK_LIVE: return _("Live");
    case SG_PLAYBOOK_DONE: return _("Done");
    case SG_N_PLAYBOOK_STATUSES:
    default: break;
    }
  g_return_val_if_reached (NULL);
}

const char *
sg_kpi_unit_get_label (SgKpiUnit unit)
{
  switch (unit)
    {
    case SG_KPI_UNIT_PERCENT: return _("Percent");
    case SG_KPI_UNIT_CURRENCY: return _("Currency");
    case SG_KPI_UNIT_COUNT: return _("Count");
    case SG_KPI_UNIT_DAYS: return _("Days");
    case SG_KPI_UNIT_NUMBER: return _("Number");
    case SG_N_KPI_UNITS:
    default: break;
    }
  g_return_val_if_reached (NULL);
}

/* @value with at most @decimals decimals, trailing zeros removed, in the user's locale. */
static char *
format_trimmed (double value,
                int    decimals)
{
  char *text = g_strdup_printf ("%.*f", decimals, value);
  struct lconv *conv = localeconv ();
  const char *point = conv && conv->decimal_point && *conv->decimal_point ? conv->decimal_point : ".";
  char *dot = strstr (text, point);

  if (dot != NULL)
    {
      char *end = text + strlen (text);

      while (end > dot + strlen (point) && end[-1] == '0')
        *--end = '\0';
      if (end == dot + strlen (point))
        *dot = '\0';
    }
  if (strcmp (text, "-0") == 0)
    text[0] = '0', text[1] = '\0';
  return text;
}

char *
sg_kpi_unit_format_value (SgKpiUnit unit,
                          double    value)
{
  g_autofree char *number = NULL;

  if (!isfinite (value))
    return g_strdup ("—");
  switch (unit)
    {
    case SG_KPI_UNIT_PERCENT:
      number = format_trimmed (value, 2);
      /* TRANSLATORS: a percentage, e.g. "4.5 %"; %s is the number */
      return g_strdup_printf (_("%s %%"), number);
    case SG_KPI_UNIT_CURRENCY:
      return g_strdup_printf ("%.2f", value);
    case SG_KPI_UNIT_COUNT:
      return g_strdup_printf ("%.0f", value);
    case SG_KPI_UNIT_DAYS:
      number = format_trimmed (value, 1);
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s day", "%s days",
                                           fabs (value - 1.0) < 1e-12 ? 1 : 2), number);
    case SG_KPI_UNIT_NUMBER:
    case SG_N_KPI_UNITS:
    default:
      return format_trimmed (value, 3);
    }
}

const char *
sg_kpi_metric_get_label (SgKpiMetric metric)
{
  switch (metric)
    {
    case SG_KPI_CUSTOM: return _("Custom");
    case SG_KPI_CONVERSION_RATE: return _("Conversion rate");
    case SG_KPI_REPEAT_PURCHASE_RATE: return _("Repeat purchase rate");
    case SG_KPI_CHURN_RATE: return _("Churn rate");
    case SG_KPI_RETENTION_RATE: return _("Retention rate");
    case SG_KPI_REACTIVATION_RATE: return _("Reactivation rate");
    case SG_KPI_AVERAGE_ORDER_VALUE: return _("Average order value");
    case SG_KPI_REVENUE_PER_CUSTOMER: return _("Revenue per customer");
    case SG_KPI_PURCHASE_FREQUENCY: return _("Purchases per customer");
    case SG_KPI_OPEN_RATE: return _("Open rate");
    case SG_KPI_CLICK_RATE: return _("Click-through rate");
    case SG_KPI_UNSUBSCRIBE_RATE: return _("Unsubscribe rate");
    case SG_KPI_DAYS_TO_SECOND_PURCHASE: return _("Days to second purchase");
    case SG_N_KPI_METRICS:
    default: break;
    }
  g_return_val_if_reached (NULL);
}

SgKpiUnit
sg_kpi_metric_get_default_unit (SgKpiMetric metric)
{
  switch (metric)
    {
    case SG_KPI_AVERAGE_ORDER_VALUE:
    case SG_KPI_REVENUE_PER_CUSTOMER:
      return SG_KPI_UNIT_CURRENCY;
    case SG_KPI_PURCHASE_FREQUENCY:
      return SG_KPI_UNIT_NUMBER;
    case SG_KPI_DAYS_TO_SECOND_PURCHASE:
      return SG_KPI_UNIT_DAYS;
    case SG_KPI_CUSTOM:
      return SG_KPI_UNIT_NUMBER;
    default:
      return SG_KPI_UNIT_PERCENT;
    }
}

const char *
sg_playbook_field_get_label (SgPlaybookField field)
{
  switch (field)
    {
    case SG_PLAYBOOK_NAME: return _("Name");
    case SG_PLAYBOOK_MESSAGE: return _("Message");
    case SG_PLAYBOOK_TONE: return _("Tone");
    case SG_PLAYBOOK_OFFER: return _("Offer");
    case SG_PLAYBOOK_TIMING: return _("Timing");
    case SG_PLAYBOOK_CADENCE: return _("Cadence");
    case SG_PLAYBOOK_OWNER: return _("Owner");
    case SG_PLAYBOOK_START_DATE: return _("Start date");
    case SG_PLAYBOOK_END_DATE: return _("End date");
    case SG_PLAYBOOK_N_FIELDS:
    default: break;
    }
  g_return_val_if_reached (NULL);
}

gboolean
sg_playbook_field_is_markdown (SgPlaybookField field)
{
  return field == SG_PLAYBOOK_MESSAGE || field == SG_PLAYBOOK_OFFER || field == SG_PLAYBOOK_TIMING;
}

/* ---- KPIs ---- */

G_DEFINE_BOXED_TYPE (SgKpi, sg_kpi, sg_kpi_copy, sg_kpi_free)

SgKpi *
sg_kpi_new (SgKpiMetric metric)
{
  SgKpi *kpi = g_new0 (SgKpi, 1);

  kpi->metric = metric < SG_N_KPI_METRICS ? metric : SG_KPI_CUSTOM;
  kpi->unit = sg_kpi_metric_get_default_unit (kpi->metric);
  kpi->baseline = NAN;
  kpi->target = NAN;
  return kpi;
}

SgKpi *
sg_kpi_copy (const SgKpi *kpi)
{
  SgKpi *copy;

  g_return_val_if_fail (kpi != NULL, NULL);
  copy = g_memdup2 (kpi, sizeof *kpi);
  copy->name = g_strdup (kpi->name);
  return copy;
}

void
sg_kpi_free (SgKpi *kpi)
{
  if (kpi == NULL)
    return;
  g_free (kpi->name);
  g_free (kpi);
}

const char *
sg_kpi_get_display_name (const SgKpi *kpi)
{
  g_return_val_if_fail (kpi != NULL, NULL);
  if (kpi->name != NULL && *kpi->name != '\0')
    return kpi->name;
  return sg_kpi_metric_get_label (kpi->metric);
}

static gboolean
same_double (double a,
             double b)
{
  return (isnan (a) && isnan (b)) || a == b;
}

static gboolean
kpi_equal (const SgKpi *a,
           const SgKpi *b)
{
  return a->metric == b->metric && g_strcmp0 (a->name, b->name) == 0 && a->unit == b->unit &&
         same_double (a->baseline, b->baseline) && same_double (a->target, b->target);
}

/* A KPI as stored: valid enums, a one-line name or NULL, finite values or NaN. */
static SgKpi *
kpi_normalised_copy (const SgKpi *kpi)
{
  SgKpi *copy = sg_kpi_copy (kpi);

  if (copy->metric >= SG_N_KPI_METRICS)
    copy->metric = SG_KPI_CUSTOM;
  if (copy->unit >= SG_N_KPI_UNITS)
    copy->unit = sg_kpi_metric_get_default_unit (copy->metric);
  if (copy->name != NULL)
    {
      char *valid = g_utf8_make_valid (copy->name, -1);

      g_free (copy->name);
      copy->name = g_strstrip (g_strdelimit (valid, "\r\n", ' '));
      if (*copy->name == '\0')
        g_clear_pointer (&copy->name, g_free);
    }
  if (!isfinite (copy->baseline))
    copy->baseline = NAN;
  if (!isfinite (copy->target))
    copy->target = NAN;
  return copy;
}

/* ---- the playbook ---- */

struct _SgPlaybook {
  GObject           parent_instance;
  char             *fields[SG_PLAYBOOK_N_FIELDS];
  SgObjective       objective;
  SgChannelSet      channels;
  SgPlaybookStatus  status;
  char             *template_id;
  double            holdout_share;
  guint64           holdout_seed;
  char             *holdout_stratify;
  GPtrArray        *kpis;    /* SgKpi */
};

G_DEFINE_FINAL_TYPE (SgPlaybook, sg_playbook, G_TYPE_OBJECT)

/* Property ids: 1 + field, then the rest. */
enum {
  PROP_0,
  PROP_OBJECTIVE = SG_PLAYBOOK_N_FIELDS + 1,
  PROP_CHANNELS,
  PROP_STATUS,
  PROP_TEMPLATE,
  PROP_HOLDOUT_SHARE,
  PROP_HOLDOUT_SEED,
  PROP_HOLDOUT_STRATIFY,
  PROP_N_KPIS,
  N_PROPS
};
static GParamSpec *properties[N_PROPS];

static void
sg_playbook_finalize (GObject *object)
{
  SgPlaybook *self = SG_PLAYBOOK (object);

  for (guint f = 0; f < SG_PLAYBOOK_N_FIELDS; f++)
    g_free (self->fields[f]);
  g_free (self->template_id);
  g_free (self->holdout_stratify);
  g_ptr_array_unref (self->kpis);
  G_OBJECT_CLASS (sg_playbook_parent_class)->finalize (object);
}

static void
sg_playbook_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  SgPlaybook *self = SG_PLAYBOOK (object);

  if (prop_id >= 1 && prop_id <= SG_PLAYBOOK_N_FIELDS)
    {
      g_value_set_string (value, self->fields[prop_id - 1]);
      return;
    }
  switch (prop_id)
    {
    case PROP_OBJECTIVE: g_value_set_enum (value, self->objective); break;
    case PROP_CHANNELS: g_value_set_uint (value, self->channels); break;
    case PROP_STATUS: g_value_set_enum (value, self->status); break;
    case PROP_TEMPLATE: g_value_set_string (value, self->template_id); break;
    case PROP_HOLDOUT_SHARE: g_value_set_double (value, self->holdout_share); break;
    case PROP_HOLDOUT_SEED: g_value_set_uint64 (value, self->holdout_seed); break;
    case PROP_HOLDOUT_STRATIFY: g_value_set_string (value, self->holdout_stratify); break;
    case PROP_N_KPIS: g_value_set_uint (value, self->kpis->len); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sg_playbook_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  SgPlaybook *self = SG_PLAYBOOK (object);

  if (prop_id >= 1 && prop_id <= SG_PLAYBOOK_N_FIELDS)
    {
      sg_playbook_set_field (self, prop_id - 1, g_value_get_string (value));
      return;
    }
  switch (prop_id)
    {
    case PROP_OBJECTIVE: sg_playbook_set_objective (self, g_value_get_enum (value)); break;
    case PROP_CHANNELS: sg_playbook_set_channels (self, g_value_get_uint (value)); break;
    case PROP_STATUS: sg_playbook_set_status (self, g_value_get_enum (value)); break;
    case PROP_TEMPLATE: sg_playbook_set_template (self, g_value_get_string (value)); break;
    case PROP_HOLDOUT_SHARE: sg_playbook_set_holdout_share (self, g_value_get_double (value)); break;
    case PROP_HOLDOUT_SEED: sg_playbook_set_holdout_seed (self, g_value_get_uint64 (value)); break;
    case PROP_HOLDOUT_STRATIFY: sg_playbook_set_holdout_stratify (self, g_value_get_string (value)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sg_playbook_class_init (SgPlaybookClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = sg_playbook_finalize;
  object_class->get_property = sg_playbook_get_property;
  object_class->set_property = sg_playbook_set_property;

  for (guint f = 0; f < SG_PLAYBOOK_N_FIELDS; f++)
    properties[f + 1] = g_param_spec_string (sg_playbook_field_to_string (f), NULL, NULL, NULL, rw);
  properties[PROP_OBJECTIVE] =
    g_param_spec_enum ("objective", NULL, NULL, SG_TYPE_OBJECTIVE, SG_OBJECTIVE_RETENTION, rw);
  properties[PROP_CHANNELS] = g_param_spec_uint ("channels", NULL, NULL, 0, SG_CHANNEL_SET_ALL, 0, rw);
  properties[PROP_STATUS] =
    g_param_spec_enum ("status", NULL, NULL, SG_TYPE_PLAYBOOK_STATUS, SG_PLAYBOOK_DRAFT, rw);
  properties[PROP_TEMPLATE] = g_param_spec_string ("template", NULL, NULL, NULL, rw);
  properties[PROP_HOLDOUT_SHARE] =
    g_param_spec_double ("holdout-share", NULL, NULL, 0.0, SG_HOLDOUT_MAX_SHARE, 0.0, rw);
  properties[PROP_HOLDOUT_SEED] = g_param_spec_uint64 ("holdout-seed", NULL, NULL, 0, G_MAXUINT64, 0, rw);
  properties[PROP_HOLDOUT_STRATIFY] = g_param_spec_string ("holdout-stratify", NULL, NULL, NULL, rw);
  properties[PROP_N_KPIS] = g_param_spec_uint ("n-kpis", NULL, NULL, 0, G_MAXUINT, 0,
                                               G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY |
                                               G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sg_playbook_init (SgPlaybook *self)
{
  self->objective = SG_OBJECTIVE_RETENTION;
  self->status = SG_PLAYBOOK_DRAFT;
  self->kpis = g_ptr_array_new_with_free_func ((GDestroyNotify) sg_kpi_free);
}

SgPlaybook *
sg_playbook_new (void)
{
  return g_object_new (SG_TYPE_PLAYBOOK, NULL);
}

SgPlaybook *
sg_playbook_copy (SgPlaybook *self)
{
  SgPlaybook *copy = sg_playbook_new ();

  g_return_val_if_fail (SG_IS_PLAYBOOK (self), copy);
  for (guint f = 0; f < SG_PLAYBOOK_N_FIELDS; f++)
    copy->fields[f] = g_strdup (self->fields[f]);
  copy->objective = self->objective;
  copy->channels = self->channels;
  copy->status = self->status;
  copy->template_id = g_strdup (self->template_id);
  copy->holdout_share = self->holdout_share;
  copy->holdout_seed = self->holdout_seed;
  copy->holdout_stratify = g_strdup (self->holdout_stratify);
  for (guint i = 0; i < self->kpis->len; i++)
    g_ptr_array_add (copy->kpis, sg_kpi_copy (g_ptr_array_index (self->kpis, i)));
  return copy;
}

gboolean
sg_playbook_equal (SgPlaybook *a,
                   SgPlaybook *b)
{
  g_return_val_if_fail (SG_IS_PLAYBOOK (a) && SG_IS_PLAYBOOK (b), FALSE);

  for (guint f = 0; f < SG_PLAYBOOK_N_FIELDS; f++)
    if (g_strcmp0 (a->fields[f], b->fields[f]) != 0)
      return FALSE;
  if (a->objective != b->objective || a->channels != b->channels || a->status != b->status ||
      g_strcmp0 (a->template_id, b->template_id) != 0 || a->holdout_share != b->holdout_share ||
      a->holdout_seed != b->holdout_seed || g_strcmp0 (a->holdout_stratify, b->holdout_stratify) != 0 ||
      a->kpis->len != b->kpis->len)
    return FALSE;
  for (guint i = 0; i < a->kpis->len; i++)
    if (!kpi_equal (g_ptr_array_index (a->kpis, i), g_ptr_array_index (b->kpis, i)))
      return FALSE;
  return TRUE;
}

const char *
sg_playbook_get_field (SgPlaybook      *self,
                       SgPlaybookField  field)
{
  g_return_val_if_fail (SG_IS_PLAYBOOK (self), NULL);
  g_return_val_if_fail (field < SG_PLAYBOOK_N_FIELDS, NULL);
  return self->fields[field];
}

/* "YYYY-MM-DD" naming a real day. */
static gboolean
is_iso_date (const char *text)
{
  unsigned year, month, day;
  char tail;

  if (strlen (text) != 10 || text[4] != '-' || text[7] != '-')
    return FALSE;
  for (guint i = 0; i < 10; i++)
    if (i != 4 && i != 7 && !g_ascii_isdigit (text[i]))
      return FALSE;
  if (sscanf (text, "%4u-%2u-%2u%c", &year, &month, &day, &tail) != 3)
    return FALSE;
  return g_date_valid_dmy (day, month, year);
}

static char *
normalise_text (const char *value,
                gboolean    one_line)
{
  char *valid;

  if (value == NULL || *value == '\0')
    return NULL;
  valid = g_utf8_make_valid (value, -1);
  if (one_line)
    g_strdelimit (valid, "\r\n", ' ');
  if (*valid == '\0')
    g_clear_pointer (&valid, g_free);
  return valid;
}

static char *
normalise_field (SgPlaybookField  field,
                 const char      *value)
{
  g_autofree char *text = normalise_text (value, !sg_playbook_field_is_markdown (field));

  if (text != NULL && (field == SG_PLAYBOOK_START_DATE || field == SG_PLAYBOOK_END_DATE))
    {
      g_strstrip (text);
      if (!is_iso_date (text))
        return NULL;
    }
  return g_steal_pointer (&text);
}

static void
set_string (SgPlaybook  *self,
            char       **slot,
            char        *value,
            guint        prop_id)
{
  if (g_strcmp0 (*slot, value) == 0)
    {
      g_free (value);
      return;
    }
  g_free (*slot);
  *slot = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
}

void
sg_playbook_set_field (SgPlaybook      *self,
                       SgPlaybookField  field,
                       const char      *value)
{
  g_return_if_fail (SG_IS_PLAYBOOK (self));
  g_return_if_fail (field < SG_PLAYBOOK_N_FIELDS);
  set_string (self, &self->fields[field], normalise_field (field, value), field + 1);
}

SgObjective
sg_playbook_get_objective (SgPlaybook *self)
{
  g_return_val_if_fail (SG_IS_PLAYBOOK (self), SG_OBJECTIVE_RETENTION);
  return self->objective;
}

void
sg_playbook_set_objective (SgPlaybook  *self,
                           SgObjective  objective)
{
  g_return_if_fail (SG_IS_PLAYBOOK (self));
  g_return_if_fail (objective < SG_N_OBJECTIVES);
  if (self->objective == objective)
    return;
  self->objective = objective;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OBJECTIVE]);
}

SgChannelSet
sg_playbook_get_channels (SgPlaybook *self)
{
  g_return_val_if_fail (SG_IS_PLAYBOOK (self), 0);
  return self->channels;
}

void
sg_playbook_set_channels (SgPlaybook   *self,
                          SgChannelSet  channels)
{
  g_return_if_fail (SG_IS_PLAYBOOK (self));
  channels &= SG_CHANNEL_SET_ALL;
  if (self->channels == channels)
    return;
  self->channels = channels;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CHANNELS]);
}

SgPlaybookStatus
sg_playbook_get_status (SgPlaybook *self)
{
  g_return_val_if_fail (SG_IS_PLAYBOOK (self), SG_PLAYBOOK_DRAFT);
  return self->status;
}

void
sg_playbook_set_status (SgPlaybook       *self,
                        SgPlaybookStatus  status)
{
  g_return_if_fail (SG_IS_PLAYBOOK (self));
  g_return_if_fail (status < SG_N_PLAYBOOK_STATUSES);
  if (self->status == status)
    return;
  self->status = status;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS]);
}

const char *
sg_playbook_get_template (SgPlaybook *self)
{
  g_return_val_if_fail (SG_IS_PLAYBOOK (self), NULL);
  return self->template_id;
}

void
sg_playbook_set_template (SgPlaybook *self,
                          const char *template_id)
{
  g_return_if_fail (SG_IS_PLAYBOOK (self));
  set_string (self, &self->template_id, normalise_text (template_id, TRUE), PROP_TEMPLATE);
}

double
sg_playbook_get_holdout_share (SgPlaybook *self)
{
  g_return_val_if_fail (SG_IS_PLAYBOOK (self), 0.0);
  return self->holdout_share;
}

void
sg_playbook_set_holdout_share (SgPlaybook *self,
                               double      share)
{
  g_return_if_fail (SG_IS_PLAYBOOK (self));
  share = isnan (share) ? 0.0 : CLAMP (share, 0.0, SG_HOLDOUT_MAX_SHARE);
  if (self->holdout_share == share)
    return;
  self->holdout_share = share;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HOLDOUT_SHARE]);
}

guint64
sg_playbook_get_holdout_seed (SgPlaybook *self)
{
  g_return_val_if_fail (SG_IS_PLAYBOOK (self), 0);
  return self->holdout_seed;
}

void
sg_playbook_set_holdout_seed (SgPlaybook *self,
                              guint64     seed)
{
  g_return_if_fail (SG_IS_PLAYBOOK (self));
  if (self->holdout_seed == seed)
    return;
  self->holdout_seed = seed;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HOLDOUT_SEED]);
}

const char *
sg_playbook_get_holdout_stratify (SgPlaybook *self)
{
  g_return_val_if_fail (SG_IS_PLAYBOOK (self), NULL);
  return self->holdout_stratify;
}

void
sg_playbook_set_holdout_stratify (SgPlaybook *self,
                                  const char *column)
{
  g_return_if_fail (SG_IS_PLAYBOOK (self));
  set_string (self, &self->holdout_stratify, normalise_text (column, TRUE), PROP_HOLDOUT_STRATIFY);
}

guint
sg_playbook_get_n_kpis (SgPlaybook *self)
{
  g_return_val_if_fail (SG_IS_PLAYBOOK (self), 0);
  return self->kpis->len;
}

const SgKpi *
sg_playbook_get_kpi (SgPlaybook *self,
                     guint       index)
{
  g_return_val_if_fail (SG_IS_PLAYBOOK (self), NULL);
  g_return_val_if_fail (index < self->kpis->len, NULL);
  return g_ptr_array_index (self->kpis, index);
}

static void
kpis_changed (SgPlaybook *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_KPIS]);
}

void
sg_playbook_add_kpi (SgPlaybook  *self,
                     const SgKpi *kpi)
{
  g_return_if_fail (SG_IS_PLAYBOOK (self));
  g_return_if_fail (kpi != NULL);
  g_ptr_array_add (self->kpis, kpi_normalised_copy (kpi));
  kpis_changed (self);
}

void
sg_playbook_replace_kpi (SgPlaybook  *self,
                         guint        index,
                         const SgKpi *kpi)
{
  g_return_if_fail (SG_IS_PLAYBOOK (self));
  g_return_if_fail (kpi != NULL && index < self->kpis->len);
  if (kpi_equal (g_ptr_array_index (self->kpis, index), kpi))
    return;
  sg_kpi_free (g_ptr_array_index (self->kpis, index));
  g_ptr_array_index (self->kpis, index) = kpi_normalised_copy (kpi);
  kpis_changed (self);
}

void
sg_playbook_remove_kpi (SgPlaybook *self,
                        guint       index)
{
  g_return_if_fail (SG_IS_PLAYBOOK (self));
  g_return_if_fail (index < self->kpis->len);
  g_ptr_array_remove_index (self->kpis, index);
  kpis_changed (self);
}

void
sg_playbook_clear_kpis (SgPlaybook *self)
{
  g_return_if_fail (SG_IS_PLAYBOOK (self));
  if (self->kpis->len == 0)
    return;
  g_ptr_array_set_size (self->kpis, 0);
  kpis_changed (self);
}

gboolean
sg_playbook_validate (SgPlaybook  *self,
                      GError     **error)
{
  const char *start, *end;

  g_return_val_if_fail (SG_IS_PLAYBOOK (self), FALSE);

  start = self->fields[SG_PLAYBOOK_START_DATE];
  end = self->fields[SG_PLAYBOOK_END_DATE];
  if (start != NULL && end != NULL && strcmp (start, end) > 0)
    {
      g_set_error (error, SG_ERROR, SG_ERROR_INVALID_ARGUMENT,
                   _("The playbook ends (%s) before it starts (%s)"), end, start);
      return FALSE;
    }
  for (guint i = 0; i < self->kpis->len; i++)
    {
      const SgKpi *kpi = g_ptr_array_index (self->kpis, i);

      if (kpi->metric == SG_KPI_CUSTOM && kpi->name == NULL)
        {
          g_set_error (error, SG_ERROR, SG_ERROR_INVALID_ARGUMENT, _("KPI %u has no name"), i + 1);
          return FALSE;
        }
      if (kpi->unit == SG_KPI_UNIT_PERCENT &&
          ((!isnan (kpi->baseline) && (kpi->baseline < 0 || kpi->baseline > 100)) ||
           (!isnan (kpi->target) && (kpi->target < 0 || kpi->target > 100))))
        {
          g_set_error (error, SG_ERROR, SG_ERROR_INVALID_ARGUMENT,
                       _("KPI “%s” is a percentage but its baseline or target is outside 0–100"),
                       sg_kpi_get_display_name (kpi));
          return FALSE;
        }
    }
  return TRUE;
}

/* ---- JSON ---- */

static void
add_double_or_null (JsonBuilder *builder,
                    const char  *name,
                    double       value)
{
  json_builder_set_member_name (builder, name);
  if (isfinite (value))
    json_builder_add_double_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

JsonNode *
sg_playbook_to_json_node (SgPlaybook *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_auto(GStrv) channels = NULL;

  g_return_val_if_fail (SG_IS_PLAYBOOK (self), NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, PLAYBOOK_FORMAT_VERSION);
  if (self->template_id != NULL)
    {
      json_builder_set_member_name (builder, "template");
      json_builder_add_string_value (builder, self->template_id);
    }
  json_builder_set_member_name (builder, "objective");
  json_builder_add_string_value (builder, sg_objective_to_string (self->objective));
  json_builder_set_member_name (builder, "status");
  json_builder_add_string_value (builder, sg_playbook_status_to_string (self->status));
  json_builder_set_member_name (builder, "channels");
  json_builder_begin_array (builder);
  channels = sg_channel_set_to_strv (self->channels);
  for (guint i = 0; channels[i] != NULL; i++)
    json_builder_add_string_value (builder, channels[i]);
  json_builder_end_array (builder);
  for (guint f = 0; f < SG_PLAYBOOK_N_FIELDS; f++)
    if (self->fields[f] != NULL)
      {
        json_builder_set_member_name (builder, sg_playbook_field_to_string (f));
        json_builder_add_string_value (builder, self->fields[f]);
      }

  json_builder_set_member_name (builder, "kpis");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->kpis->len; i++)
    {
      const SgKpi *kpi = g_ptr_array_index (self->kpis, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "metric");
      json_builder_add_string_value (builder, sg_kpi_metric_to_string (kpi->metric));
      if (kpi->name != NULL)
        {
          json_builder_set_member_name (builder, "name");
          json_builder_add_string_value (builder, kpi->name);
        }
      json_builder_set_member_name (builder, "unit");
      json_builder_add_string_value (builder, sg_kpi_unit_to_string (kpi->unit));
      add_double_or_null (builder, "baseline", kpi->baseline);
      add_double_or_null (builder, "target", kpi->target);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "holdout");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "share");
  json_builder_add_double_value (builder, self->holdout_share);
  /* JSON integers are signed 64-bit: the seed's bits are stored as such. */
  json_builder_set_member_name (builder, "seed");
  json_builder_add_int_value (builder, (gint64) self->holdout_seed);
  json_builder_set_member_name (builder, "stratify");
  if (self->holdout_stratify != NULL)
    json_builder_add_string_value (builder, self->holdout_stratify);
  else
    json_builder_add_null_value (builder);
  json_builder_end_object (builder);

  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

char *
sg_playbook_to_json (SgPlaybook *self)
{
  g_autoptr(JsonNode) node = sg_playbook_to_json_node (self);

  return json_to_string (node, FALSE);
}

/* The member as a string: NULL if absent or null; FALSE (with @error) if it is not a string. */
static gboolean
get_string_member (JsonObject  *object,
                   const char  *name,
                   const char **value,
                   GError     **error)
{
  JsonNode *member = json_object_get_member (object, name);

  *value = NULL;
  if (member == NULL || JSON_NODE_HOLDS_NULL (member))
    return TRUE;
  if (json_node_get_value_type (member) != G_TYPE_STRING)
    {
      g_set_error (error, SG_ERROR, SG_ERROR_PARSE, _("The playbook’s “%s” is not text"), name);
      return FALSE;
    }
  *value = json_node_get_string (member);
  return TRUE;
}

static gboolean
get_number_member (JsonObject  *object,
                   const char  *name,
                   double      *value,
                   GError     **error)
{
  JsonNode *member = json_object_get_member (object, name);
  GType type;

  *value = NAN;
  if (member == NULL || JSON_NODE_HOLDS_NULL (member))
    return TRUE;
  type = json_node_get_value_type (member);
  if (type != G_TYPE_DOUBLE && type != G_TYPE_INT64)
    {
      g_set_error (error, SG_ERROR, SG_ERROR_PARSE, _("The playbook’s “%s” is not a number"), name);
      return FALSE;
    }
  *value = json_node_get_double (member);
  return TRUE;
}

static JsonArray *
get_array_member (JsonObject  *object,
                  const char  *name,
                  gboolean    *ok,
                  GError     **error)
{
  JsonNode *member = json_object_get_member (object, name);

  *ok = TRUE;
  if (member == NULL || JSON_NODE_HOLDS_NULL (member))
    return NULL;
  if (!JSON_NODE_HOLDS_ARRAY (member))
    {
      g_set_error (error, SG_ERROR, SG_ERROR_PARSE, _("The playbook’s “%s” is not a list"), name);
      *ok = FALSE;
      return NULL;
    }
  return json_node_get_array (member);
}

static gboolean
read_kpis (SgPlaybook  *self,
           JsonArray   *array,
           GError     **error)
{
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      g_autoptr(SgKpi) kpi = sg_kpi_new (SG_KPI_CUSTOM);
      JsonObject *object;
      const char *text;
      SgKpiMetric metric;
      SgKpiUnit unit;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        {
          g_set_error (error, SG_ERROR, SG_ERROR_PARSE, _("KPI %u of the playbook is not an object"), i + 1);
          return FALSE;
        }
      object = json_node_get_object (element);
      if (!get_string_member (object, "metric", &text, error))
        return FALSE;
      if (sg_kpi_metric_from_string (text, &metric))
        {
          kpi->metric = metric;
          kpi->unit = sg_kpi_metric_get_default_unit (metric);
        }
      if (!get_string_member (object, "unit", &text, error))
        return FALSE;
      if (sg_kpi_unit_from_string (text, &unit))
        kpi->unit = unit;
      if (!get_string_member (object, "name", &text, error))
        return FALSE;
      kpi->name = g_strdup (text);
      if (!get_number_member (object, "baseline", &kpi->baseline, error) ||
          !get_number_member (object, "target", &kpi->target, error))
        return FALSE;
      g_ptr_array_add (self->kpis, kpi_normalised_copy (kpi));
    }
  return TRUE;
}

SgPlaybook *
sg_playbook_new_from_json_node (JsonNode  *node,
                                GError   **error)
{
  g_autoptr(SgPlaybook) self = sg_playbook_new ();
  JsonObject *object;
  JsonNode *holdout;
  JsonArray *array;
  const char *text;
  gboolean ok;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, SG_ERROR, SG_ERROR_PARSE, _("A stored playbook is not a JSON object"));
      return NULL;
    }
  object = json_node_get_object (node);

  for (guint f = 0; f < SG_PLAYBOOK_N_FIELDS; f++)
    {
      if (!get_string_member (object, sg_playbook_field_to_string (f), &text, error))
        return NULL;
      self->fields[f] = normalise_field (f, text);
    }
  if (!get_string_member (object, "template", &text, error))
    return NULL;
  self->template_id = normalise_text (text, TRUE);
  if (!get_string_member (object, "objective", &text, error))
    return NULL;
  if (text != NULL)
    sg_objective_from_string (text, &self->objective);
  if (!get_string_member (object, "status", &text, error))
    return NULL;
  if (text != NULL)
    sg_playbook_status_from_string (text, &self->status);

  array = get_array_member (object, "channels", &ok, error);
  if (!ok)
    return NULL;
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      SgChannel channel;

      if (json_node_get_value_type (element) == G_TYPE_STRING &&
          sg_channel_from_string (json_node_get_string (element), &channel))
        self->channels |= SG_CHANNEL_BIT (channel);
    }

  array = get_array_member (object, "kpis", &ok, error);
  if (!ok || !read_kpis (self, array, error))
    return NULL;

  holdout = json_object_get_member (object, "holdout");
  if (holdout != NULL && JSON_NODE_HOLDS_OBJECT (holdout))
    {
      JsonObject *h = json_node_get_object (holdout);
      JsonNode *seed = json_object_get_member (h, "seed");
      double share;

      if (!get_number_member (h, "share", &share, error) ||
          !get_string_member (h, "stratify", &text, error))
        return NULL;
      self->holdout_share = isnan (share) ? 0.0 : CLAMP (share, 0.0, SG_HOLDOUT_MAX_SHARE);
      self->holdout_stratify = normalise_text (text, TRUE);
      if (seed != NULL && json_node_get_value_type (seed) == G_TYPE_INT64)
        self->holdout_seed = (guint64) json_node_get_int (seed);
    }
  else if (holdout != NULL && !JSON_NODE_HOLDS_NULL (holdout))
    {
      g_set_error (error, SG_ERROR, SG_ERROR_PARSE, _("The playbook’s “%s” is not an object"), "holdout");
      return NULL;
    }
  return g_steal_pointer (&self);
}

SgPlaybook *
sg_playbook_new_from_json (const char  *json,
                           GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) local = NULL;

  if (json == NULL || !json_parser_load_from_data (parser, json, -1, &local))
    {
      g_set_error (error, SG_ERROR, SG_ERROR_PARSE, _("A stored playbook could not be read: %s"),
                   local ? local->message : _("no data"));
      return NULL;
    }
  return sg_playbook_new_from_json_node (json_parser_get_root (parser), error);
}
