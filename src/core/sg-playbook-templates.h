/* sg-playbook-templates.h — ready-made playbooks for common segment archetypes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A template fills every field of a new playbook (objective, channels, message, tone, offer, timing,
 * cadence, KPIs, a 10 % holdout); all of it stays editable. sg_playbook_template_suggest() picks one for
 * a segment from the naming rule id that named it (sg-naming.h's SG_NAME_RULE_*, e.g.
 * "dormant_high_spenders" → win-back; '-' and '_' are the same), failing that from words in the rule id
 * and the segment's name ("Lapsed big spenders" → win-back), else the generic nurture template.
 *   high_value_loyalists, high_value_frequent, affluent_big_spenders  → vip-perks
 *   dormant_high_spenders → win-back          lapsed_low_value → re-activation
 *   at_risk_frequent → at-risk-retention      new_low_spend, promising_newcomers → onboarding
 *   bargain_hunters, budget_conscious → discount-light-nurture
 *   loyal_regulars, affluent_careful, aspirational_spenders, variety_seekers, growing_spenders
 *                                             → upsell-cross-sell
 *   rising_stars → vip-perks                  declining_spenders → at-risk-retention
 *   serial_returners → returns-care
 *   distinctive, mainstream, user → by the name's words, else nurture
 */
#pragma once

#include "sg-playbook.h"

G_BEGIN_DECLS

typedef struct {
  const char               *id;            /* "win-back" */
  const char               *label;         /* untranslated; use sg_playbook_template_get_label() */
  const char               *description;   /* untranslated one-liner */
  const char *const        *rule_ids;      /* naming rule ids it suits (exact match) */
  const char *const        *keywords;      /* lower-case words or phrases of segment names (split into
                                            * words like names are: "high-value" = "high value") */
  SgObjective               objective;
  SgChannelSet              channels;
  const char               *message;       /* untranslated Markdown */
  const char               *tone;
  const char               *offer;
  const char               *timing;
  const char               *cadence;
  const SgKpiMetric        *kpis;          /* terminated by SG_KPI_CUSTOM */
  double                    holdout_share;
  guint                     weight;        /* how much a keyword match counts: 2 for lifecycle states
                                            * (dormant, new, at risk), which decide the action more
                                            * than value descriptors (high value, bargain) */
} SgPlaybookTemplate;

/* The built-in templates, in order of preference for equal scores; the last is the generic fallback. */
guint        sg_playbook_template_get_n_templates (void);
const SgPlaybookTemplate *sg_playbook_template_get (guint index);
/* NULL if no template has @id. */
const SgPlaybookTemplate *sg_playbook_template_lookup (const char *id);
const char  *sg_playbook_template_get_label       (const SgPlaybookTemplate *tpl);
const char  *sg_playbook_template_get_description (const SgPlaybookTemplate *tpl);

/* The best template for a segment; never NULL (the generic one when nothing matches). @rule_id and
 * @segment_name may be NULL. @matched (optional) says whether anything matched. */
const SgPlaybookTemplate *sg_playbook_template_suggest (const char *rule_id,
                                                        const char *segment_name,
                                                        gboolean   *matched);

/* A new draft playbook filled from @tpl (texts translated); @segment_name (optional) names it. */
SgPlaybook  *sg_playbook_new_from_template  (const SgPlaybookTemplate *tpl,
                                             const char               *segment_name);
/* Overwrites every templated field of @playbook (name, owner, dates, status and seed are kept). */
void         sg_playbook_apply_template     (SgPlaybook               *playbook,
                                             const SgPlaybookTemplate *tpl);

G_END_DECLS
