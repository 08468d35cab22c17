/* sg-naming.h — business names for segments, from their profiles and the columns' roles
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every segment gets a name from the first rule its profile satisfies ("High-Value Loyalists":
 * monetary and frequency high, recency low; "Serial Returners": a tenth or more of purchases returned,
 * well above the rest), else one composed from its most distinctive features ("Young High-Income
 * Customers", "Occasional Buyers with High Cash Advance"), else "Mainstream Customers". Rules about a
 * habit (returns, product breadth, deals) say where the customers are in their life as customers when
 * that stands out ("Lapsed Serial Returners", "New Variety Seekers"). The roles come from the derived
 * features (sg-derive.h: recency, frequency, monetary, order_value, tenure, interpurchase, trend,
 * categories, returns) or from column names (sg_column_role_guess()); RFM scores stand in for
 * recency, frequency and spend only where no such column exists. Words for columns without a role are
 * their display names (sg_column_display_name()), never raw names. Names a user typed are kept verbatim;
 * automatic names never collide with them or with each other (case-insensitively): a clash is
 * resolved with a qualifier from the segment's next most distinctive trait ("Young Big Spenders"),
 * then a roman numeral as a last resort.
 */
#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

#include "sg-profile.h"

G_BEGIN_DECLS

/* Rule ids (stable: stored with runs and tested) */
#define SG_NAME_RULE_USER                  "user"
#define SG_NAME_RULE_HIGH_VALUE_LOYALISTS  "high_value_loyalists"
#define SG_NAME_RULE_HIGH_VALUE_FREQUENT   "high_value_frequent"
#define SG_NAME_RULE_AT_RISK_FREQUENT      "at_risk_frequent"
#define SG_NAME_RULE_DORMANT_HIGH_SPENDERS "dormant_high_spenders"
#define SG_NAME_RULE_BARGAIN_HUNTERS       "bargain_hunters"
#define SG_NAME_RULE_NEW_LOW_SPEND         "new_low_spend"
#define SG_NAME_RULE_LAPSED_LOW_VALUE      "lapsed_low_value"
#define SG_NAME_RULE_PROMISING_NEWCOMERS   "promising_newcomers"
#define SG_NAME_RULE_LOYAL_REGULARS        "loyal_regulars"
#define SG_NAME_RULE_AFFLUENT_BIG_SPENDERS "affluent_big_spenders"
#define SG_NAME_RULE_AFFLUENT_CAREFUL      "affluent_careful"
#define SG_NAME_RULE_ASPIRATIONAL_SPENDERS "aspirational_spenders"
#define SG_NAME_RULE_BUDGET_CONSCIOUS      "budget_conscious"
#define SG_NAME_RULE_SERIAL_RETURNERS      "serial_returners"    /* returns a tenth or more, well above the rest */
#define SG_NAME_RULE_VARIETY_SEEKERS       "variety_seekers"     /* buys across many product categories */
#define SG_NAME_RULE_RISING_STARS          "rising_stars"        /* spend growing, and already high */
#define SG_NAME_RULE_GROWING_SPENDERS      "growing_spenders"    /* spend growing (not just new) */
#define SG_NAME_RULE_DECLINING_SPENDERS    "declining_spenders"  /* spend falling, still buying */
#define SG_NAME_RULE_DISTINCTIVE           "distinctive"   /* composed from the top features */
#define SG_NAME_RULE_MAINSTREAM            "mainstream"    /* nothing stands out */

typedef struct {
  char     *name;
  char     *rule_id;       /* one of SG_NAME_RULE_* */
  char     *rule_text;     /* "monetary index 260, recency 30% below average → High-Value Loyalists" */
  gboolean  user_edited;
  gboolean  qualified;     /* a qualifier was added to keep the name unique */
} SgSegmentName;

typedef struct {
  guint          k;
  SgSegmentName *names;    /* k */
} SgSegmentNames;

/* Names every segment of @profile. @user_names: k entries (or NULL); a non-empty entry is a name the
 * user edited, kept verbatim. */
SgSegmentNames *sg_naming_suggest       (const SgProfile   *profile,
                                         const char *const *user_names);
void            sg_segment_names_free   (SgSegmentNames    *names);
/* The k names as a NULL-terminated array (g_strfreev). */
char          **sg_segment_names_dup_strv (const SgSegmentNames *names);
/* [{"label":0,"name":…,"rule":…,"rule_text":…,"user_edited":…}, …] */
JsonNode       *sg_segment_names_to_json (const SgSegmentNames *names);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SgSegmentNames, sg_segment_names_free)

G_END_DECLS
