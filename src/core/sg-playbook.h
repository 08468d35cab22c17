/* sg-playbook.h — what the team will do with a segment, and how it will measure it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * SgPlaybook is plain data with a GObject face (one property per field, "notify" for autosave), stored
 * as JSON in playbooks.data. Every enum has a GType, a stable string id (its nick, used in files) and a
 * translated label (for drop-downs). Saving works as for personas (sg-persona.h): a cheap synchronous
 * save for a debounce, an async one on a worker thread, newest save wins.
 *
 * The holdout share (0–50 %) asks for a control group: sg-holdout.h samples it, stratified by
 * holdout-stratify (a column name, or NULL for simple random) with holdout-seed.
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "sg-channel.h"
#include "sg-project.h"

G_BEGIN_DECLS

typedef enum {
  SG_OBJECTIVE_RETENTION,
  SG_OBJECTIVE_WIN_BACK,
  SG_OBJECTIVE_UPSELL,        /* upsell / cross-sell */
  SG_OBJECTIVE_ACTIVATION,
  SG_OBJECTIVE_ACQUISITION,   /* acquisition / lookalike audiences */
  SG_OBJECTIVE_VIP,
  SG_N_OBJECTIVES
} SgObjective;

#define SG_TYPE_OBJECTIVE (sg_objective_get_type ())
GType        sg_objective_get_type     (void) G_GNUC_CONST;
/* "retention", "win-back", "upsell", "activation", "acquisition", "vip". */
const char  *sg_objective_to_string    (SgObjective  objective);
gboolean     sg_objective_from_string  (const char  *id,
                                        SgObjective *objective);
const char  *sg_objective_get_label    (SgObjective  objective);

typedef enum {
  SG_PLAYBOOK_DRAFT,
  SG_PLAYBOOK_APPROVED,
  SG_PLAYBOOK_LIVE,
  SG_PLAYBOOK_DONE,
  SG_N_PLAYBOOK_STATUSES
} SgPlaybookStatus;

#define SG_TYPE_PLAYBOOK_STATUS (sg_playbook_status_get_type ())
GType        sg_playbook_status_get_type    (void) G_GNUC_CONST;
/* "draft", "approved", "live", "done". */
const char  *sg_playbook_status_to_string   (SgPlaybookStatus  status);
gboolean     sg_playbook_status_from_string (const char       *id,
                                             SgPlaybookStatus *status);
const char  *sg_playbook_status_get_label   (SgPlaybookStatus  status);

typedef enum {
  SG_KPI_UNIT_PERCENT,     /* 0–100 */
  SG_KPI_UNIT_CURRENCY,    /* in the data's currency */
  SG_KPI_UNIT_COUNT,
  SG_KPI_UNIT_DAYS,
  SG_KPI_UNIT_NUMBER,      /* a ratio or score without unit */
  SG_N_KPI_UNITS
} SgKpiUnit;

#define SG_TYPE_KPI_UNIT (sg_kpi_unit_get_type ())
GType        sg_kpi_unit_get_type      (void) G_GNUC_CONST;
/* "percent", "currency", "count", "days", "number". */
const char  *sg_kpi_unit_to_string     (SgKpiUnit    unit);
gboolean     sg_kpi_unit_from_string   (const char  *id,
                                        SgKpiUnit   *unit);
const char  *sg_kpi_unit_get_label     (SgKpiUnit    unit);
/* "4.5 %", "45.00", "12 days", "1.8"; "—" for NaN. Locale-aware (for people, not files). */
char        *sg_kpi_unit_format_value  (SgKpiUnit    unit,
                                        double       value);

/* Standard KPIs (the user may also type any name: SG_KPI_CUSTOM). */
typedef enum {
  SG_KPI_CUSTOM,
  SG_KPI_CONVERSION_RATE,
  SG_KPI_REPEAT_PURCHASE_RATE,
  SG_KPI_CHURN_RATE,
  SG_KPI_RETENTION_RATE,
  SG_KPI_REACTIVATION_RATE,
  SG_KPI_AVERAGE_ORDER_VALUE,
  SG_KPI_REVENUE_PER_CUSTOMER,
  SG_KPI_PURCHASE_FREQUENCY,
  SG_KPI_OPEN_RATE,
  SG_KPI_CLICK_RATE,
  SG_KPI_UNSUBSCRIBE_RATE,
  SG_KPI_DAYS_TO_SECOND_PURCHASE,
  SG_N_KPI_METRICS
} SgKpiMetric;

#define SG_TYPE_KPI_METRIC (sg_kpi_metric_get_type ())
GType        sg_kpi_metric_get_type      (void) G_GNUC_CONST;
/* "custom", "conversion-rate", "repeat-purchase-rate", "churn-rate", … */
const char  *sg_kpi_metric_to_string     (SgKpiMetric  metric);
gboolean     sg_kpi_metric_from_string   (const char  *id,
                                          SgKpiMetric *metric);
const char  *sg_kpi_metric_get_label     (SgKpiMetric  metric);
SgKpiUnit    sg_kpi_metric_get_default_unit (SgKpiMetric metric);

typedef struct {
  SgKpiMetric  metric;
  char        *name;       /* the name shown; NULL: the metric's label */
  SgKpiUnit    unit;
  double       baseline;   /* NaN: not known */
  double       target;     /* NaN: not set */
} SgKpi;

#define SG_TYPE_KPI (sg_kpi_get_type ())
GType        sg_kpi_get_type          (void) G_GNUC_CONST;
/* A KPI of @metric with its default unit, no baseline and no target. */
SgKpi       *sg_kpi_new               (SgKpiMetric  metric);
SgKpi       *sg_kpi_copy              (const SgKpi *kpi);
void         sg_kpi_free              (SgKpi       *kpi);
const char  *sg_kpi_get_display_name  (const SgKpi *kpi);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SgKpi, sg_kpi_free)

/* Text fields of a playbook. */
typedef enum {
  SG_PLAYBOOK_NAME,         /* one line: "Win back dormant high spenders" */
  SG_PLAYBOOK_MESSAGE,      /* Markdown: the message */
  SG_PLAYBOOK_TONE,         /* one line: "Warm, personal, no pressure" */
  SG_PLAYBOOK_OFFER,        /* Markdown */
  SG_PLAYBOOK_TIMING,       /* Markdown: when (start after…, send on…) */
  SG_PLAYBOOK_CADENCE,      /* one line: "3 touches over 2 weeks" */
  SG_PLAYBOOK_OWNER,        /* one line: a person or team */
  SG_PLAYBOOK_START_DATE,   /* "YYYY-MM-DD"; anything else is stored as NULL */
  SG_PLAYBOOK_END_DATE,     /* "YYYY-MM-DD" */
  SG_PLAYBOOK_N_FIELDS
} SgPlaybookField;

#define SG_TYPE_PLAYBOOK_FIELD (sg_playbook_field_get_type ())
GType        sg_playbook_field_get_type    (void) G_GNUC_CONST;
/* The property name and JSON key: "name", "message", …, "start-date". */
const char  *sg_playbook_field_to_string   (SgPlaybookField  field);
gboolean     sg_playbook_field_from_string (const char      *id,
                                            SgPlaybookField *field);
const char  *sg_playbook_field_get_label   (SgPlaybookField  field);
gboolean     sg_playbook_field_is_markdown (SgPlaybookField  field);

/* The largest control-group share a playbook may ask for. */
#define SG_HOLDOUT_MAX_SHARE 0.5

#define SG_TYPE_PLAYBOOK (sg_playbook_get_type ())
G_DECLARE_FINAL_TYPE (SgPlaybook, sg_playbook, SG, PLAYBOOK, GObject)

/* An empty draft: retention, no channels, no holdout. */
SgPlaybook      *sg_playbook_new               (void);
SgPlaybook      *sg_playbook_copy              (SgPlaybook       *self);
gboolean         sg_playbook_equal             (SgPlaybook       *a,
                                                SgPlaybook       *b);

const char      *sg_playbook_get_field         (SgPlaybook       *self,
                                                SgPlaybookField   field);
/* "" stores NULL; one-line fields lose line breaks; dates must be valid "YYYY-MM-DD" or become NULL. */
void             sg_playbook_set_field         (SgPlaybook       *self,
                                                SgPlaybookField   field,
                                                const char       *value);
SgObjective      sg_playbook_get_objective     (SgPlaybook       *self);
void             sg_playbook_set_objective     (SgPlaybook       *self,
                                                SgObjective       objective);
SgChannelSet     sg_playbook_get_channels      (SgPlaybook       *self);
void             sg_playbook_set_channels      (SgPlaybook       *self,
                                                SgChannelSet      channels);
SgPlaybookStatus sg_playbook_get_status        (SgPlaybook       *self);
void             sg_playbook_set_status        (SgPlaybook       *self,
                                                SgPlaybookStatus  status);
/* The template it was made from ("win-back"), or NULL. */
const char      *sg_playbook_get_template      (SgPlaybook       *self);
void             sg_playbook_set_template      (SgPlaybook       *self,
                                                const char       *template_id);

/* 0 … SG_HOLDOUT_MAX_SHARE (clamped; NaN becomes 0). */
double           sg_playbook_get_holdout_share (SgPlaybook       *self);
void             sg_playbook_set_holdout_share (SgPlaybook       *self,
                                                double            share);
guint64          sg_playbook_get_holdout_seed  (SgPlaybook       *self);
void             sg_playbook_set_holdout_seed  (SgPlaybook       *self,
                                                guint64           seed);
/* The dataset column to stratify the control group by, or NULL for a simple random sample. */
const char      *sg_playbook_get_holdout_stratify (SgPlaybook    *self);
void             sg_playbook_set_holdout_stratify (SgPlaybook    *self,
                                                   const char    *column);

/* KPIs, in order. Changes notify "n-kpis". */
guint            sg_playbook_get_n_kpis        (SgPlaybook       *self);
const SgKpi     *sg_playbook_get_kpi           (SgPlaybook       *self,
                                                guint             index);
void             sg_playbook_add_kpi           (SgPlaybook       *self,
                                                const SgKpi      *kpi);
void             sg_playbook_replace_kpi       (SgPlaybook       *self,
                                                guint             index,
                                                const SgKpi      *kpi);
void             sg_playbook_remove_kpi        (SgPlaybook       *self,
                                                guint             index);
void             sg_playbook_clear_kpis        (SgPlaybook       *self);

/* Checks what must hold before approval: a start not after the end, KPI names, finite values.
 * Drafts may be incomplete; this is for the "Approve" action and reports. */
gboolean         sg_playbook_validate          (SgPlaybook       *self,
                                                GError          **error);

JsonNode        *sg_playbook_to_json_node      (SgPlaybook       *self);
char            *sg_playbook_to_json           (SgPlaybook       *self);
SgPlaybook      *sg_playbook_new_from_json_node (JsonNode        *node,
                                                 GError         **error);
SgPlaybook      *sg_playbook_new_from_json     (const char       *json,
                                                GError          **error);

/* ---- in the project (sg-project-personas.c) ---- */

/* The segment's playbook, or NULL with SG_ERROR_NOT_FOUND. */
SgPlaybook      *sg_project_load_playbook      (SgProject        *project,
                                                gint64            run_id,
                                                guint             segment_idx,
                                                GError          **error);
/* The run's playbooks indexed by segment (length k; NULL where a segment has none). */
GPtrArray       *sg_project_list_playbooks     (SgProject        *project,
                                                gint64            run_id,
                                                GError          **error);
gboolean         sg_project_save_playbook      (SgProject        *project,
                                                gint64            run_id,
                                                guint             segment_idx,
                                                SgPlaybook       *playbook,
                                                GError          **error);
void             sg_project_save_playbook_async (SgProject       *project,
                                                 gint64           run_id,
                                                 guint            segment_idx,
                                                 SgPlaybook      *playbook,
                                                 GCancellable    *cancellable,
                                                 GAsyncReadyCallback callback,
                                                 gpointer         user_data);
gboolean         sg_project_save_playbook_finish (SgProject      *project,
                                                  GAsyncResult   *result,
                                                  GError        **error);
gboolean         sg_project_delete_playbook    (SgProject        *project,
                                                gint64            run_id,
                                                guint             segment_idx,
                                                GError          **error);
gboolean         sg_project_copy_playbook      (SgProject        *project,
                                                gint64            from_run_id,
                                                guint             from_segment_idx,
                                                gint64            to_run_id,
                                                guint             to_segment_idx,
                                                gboolean          replace,
                                                GError          **error);

G_END_DECLS
