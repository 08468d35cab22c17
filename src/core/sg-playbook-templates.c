/* sg-playbook-templates.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "sg-naming.h"
#include "sg-playbook-templates.h"

#define CH(c) SG_CHANNEL_BIT (SG_CHANNEL_##c)
#define STRV(...) ((const char *const[]) { __VA_ARGS__, NULL })
#define KPIS(...) ((const SgKpiMetric[]) { __VA_ARGS__, SG_KPI_CUSTOM })

static const SgPlaybookTemplate templates[] = {
  {
    "win-back", N_("Win-back"),
    N_("Bring back valuable customers who have gone quiet."),
    STRV (SG_NAME_RULE_DORMANT_HIGH_SPENDERS, "lapsed-high-value", "cant-lose-them", "cannot-lose",
          "lost-high-value", "lapsed-loyalists"),
    STRV ("dormant", "lapsed", "lost", "churned", "inactive", "can't lose", "cannot lose", "former",
          "win back", "gone quiet", "defected"),
    SG_OBJECTIVE_WIN_BACK, CH (EMAIL) | CH (DIRECT_MAIL) | CH (PAID_SOCIAL),
    N_("We miss you: remind them what they loved.\n\n"
       "- What is new since their last purchase\n"
       "- Recommendations based on **what they bought before**\n"
       "- Ask for feedback: *why did you stop?*"),
    N_("Personal, appreciative and curious"),
    N_("A meaningful, time-limited incentive in line with their past value (for example 15 % or a gift), "
       "for this group only."),
    N_("Start now: the longer the silence, the lower the chance. Stop after three unanswered touches."),
    N_("3 touches over 3 weeks"),
    KPIS (SG_KPI_REACTIVATION_RATE, SG_KPI_AVERAGE_ORDER_VALUE, SG_KPI_REVENUE_PER_CUSTOMER),
    0.10,
    2,
  },
  {
    "re-activation", N_("Re-activation"),
    N_("A light, low-cost nudge for customers who have drifted away."),
    STRV (SG_NAME_RULE_LAPSED_LOW_VALUE, "hibernating", "hibernating-low-value", "sleeping", "about-to-sleep",
          "dormant-low-spenders", "low-value-inactive"),
    STRV ("hibernating", "hibernation", "sleeping", "asleep", "about to sleep", "cold", "dormant low",
          "low engagement", "idle", "inactive low", "dozing"),
    SG_OBJECTIVE_WIN_BACK, CH (EMAIL) | CH (PUSH),
    N_("A short, friendly nudge to see who is still interested.\n\n"
       "- What is new\n"
       "- One clear reason to come back\n"
       "- An easy way to update preferences or unsubscribe"),
    N_("Light, friendly and low-pressure"),
    N_("A modest incentive at most; keep the cost per customer low."),
    N_("One short sequence; move those who do not respond to a low-frequency list."),
    N_("2 touches, 2 weeks apart"),
    KPIS (SG_KPI_REACTIVATION_RATE, SG_KPI_OPEN_RATE, SG_KPI_UNSUBSCRIBE_RATE),
    0.10,
    2,
  },
  {
    "at-risk-retention", N_("At-risk retention"),
    N_("Reach regular customers who are slipping away before they leave."),
    STRV (SG_NAME_RULE_AT_RISK_FREQUENT, "at-risk", "at-risk-high-value", "slipping-regulars", "needs-attention",
          SG_NAME_RULE_DECLINING_SPENDERS),
    STRV ("at risk", "risk", "slipping", "declining", "fading", "churn", "churning",
          "needs attention", "need attention", "cooling"),
    SG_OBJECTIVE_RETENTION, CH (EMAIL) | CH (SMS) | CH (PUSH) | CH (SALES_CALL),
    N_("Reach out **before** they leave.\n\n"
       "- A personal check-in: is there anything we could do better?\n"
       "- Reminders of their favourites and replenishment\n"
       "- Service recovery for anyone with a recent complaint"),
    N_("Attentive, personal and reassuring"),
    N_("A loyalty reward for their next purchase within the coming weeks."),
    N_("As soon as their usual purchase interval has passed."),
    N_("2–3 touches over 4 weeks"),
    KPIS (SG_KPI_CHURN_RATE, SG_KPI_RETENTION_RATE, SG_KPI_REPEAT_PURCHASE_RATE),
    0.10,
    2,
  },
  {
    "onboarding", N_("Onboarding"),
    N_("Welcome new customers and lead them to a second purchase."),
    STRV (SG_NAME_RULE_NEW_LOW_SPEND, SG_NAME_RULE_PROMISING_NEWCOMERS, "new-high-spend", "new-customers",
          "recent-first-purchase", "newcomers"),
    STRV ("new", "newcomer", "newcomers", "first", "first time", "recent", "onboarding",
          "starter", "starters", "rookies"),
    SG_OBJECTIVE_ACTIVATION, CH (EMAIL) | CH (PUSH) | CH (IN_APP),
    N_("Welcome them and lead them to a **second purchase**.\n\n"
       "- Thank you, and what to expect from us\n"
       "- How to get the most from what they bought\n"
       "- Best sellers that go with their first order"),
    N_("Friendly, helpful and simple"),
    N_("A small second-order incentive (free shipping) that expires after 30 days."),
    N_("Day 1, day 7 and day 21 after the first purchase."),
    N_("3 messages in the first month"),
    KPIS (SG_KPI_REPEAT_PURCHASE_RATE, SG_KPI_DAYS_TO_SECOND_PURCHASE, SG_KPI_CONVERSION_RATE),
    0.10,
    2,
  },
  {
    "vip-perks", N_("VIP perks"),
    N_("Reward and keep your best customers with recognition, not discounts."),
    STRV (SG_NAME_RULE_HIGH_VALUE_LOYALISTS, SG_NAME_RULE_HIGH_VALUE_FREQUENT, SG_NAME_RULE_AFFLUENT_BIG_SPENDERS,
          "champions", "loyal-high-spenders", "best-customers", "vip", SG_NAME_RULE_RISING_STARS),
    STRV ("vip", "vips", "champion", "champions", "loyal", "loyalist", "loyalists", "best", "top", "high value", "premium", "elite", "whales", "ambassadors"),
    SG_OBJECTIVE_VIP, CH (EMAIL) | CH (DIRECT_MAIL) | CH (SALES_CALL) | CH (IN_APP),
    N_("Thank them for their loyalty and make them feel like insiders.\n\n"
       "- **Early access** to new products and sales\n"
       "- A personal note from the team\n"
       "- Invitations to events and previews"),
    N_("Warm, exclusive and grateful; never pushy"),
    N_("Perks, not price cuts: early access, free express shipping, a gift with the next order. "
       "These customers already buy at full price."),
    N_("Start with the next launch or season opening; follow their usual purchase rhythm."),
    N_("1–2 touches a month"),
    KPIS (SG_KPI_RETENTION_RATE, SG_KPI_REVENUE_PER_CUSTOMER, SG_KPI_REPEAT_PURCHASE_RATE),
    0.10,
    1,
  },
  {
    "discount-light-nurture", N_("Discount-light nurture"),
    N_("Keep deal-driven customers buying while weaning them off blanket discounts."),
    STRV (SG_NAME_RULE_BARGAIN_HUNTERS, SG_NAME_RULE_BUDGET_CONSCIOUS, "discount-seekers", "deal-seekers",
          "price-sensitive", "promo-driven"),
    STRV ("bargain", "bargains", "discount", "discounts", "deal", "deals", "price", "price sensitive",
          "coupon", "coupons", "sale", "promo", "promotions", "thrifty", "budget"),
    SG_OBJECTIVE_RETENTION, CH (EMAIL) | CH (PUSH) | CH (IN_APP),
    N_("Show value beyond price.\n\n"
       "- Bundles and *better value* picks\n"
       "- Loyalty points instead of blanket discounts\n"
       "- Reviews and how-tos: what makes the products worth it"),
    N_("Practical, honest and value-focused"),
    N_("Discount-light: bundles, loyalty points, free-shipping thresholds; no site-wide codes."),
    N_("Around their usual buying moments (payday, seasonal sales), leading with value, not price."),
    N_("2 touches a month"),
    KPIS (SG_KPI_AVERAGE_ORDER_VALUE, SG_KPI_REPEAT_PURCHASE_RATE, SG_KPI_UNSUBSCRIBE_RATE),
    0.10,
    1,
  },
  {
    "upsell-cross-sell", N_("Upsell and cross-sell"),
    N_("Grow the basket of steady customers with relevant extras and upgrades."),
    STRV (SG_NAME_RULE_LOYAL_REGULARS, SG_NAME_RULE_AFFLUENT_CAREFUL, SG_NAME_RULE_ASPIRATIONAL_SPENDERS,
          "potential-loyalists", "promising", "frequent-low-spend", "regulars", "mid-value-regulars",
          "loyal-low-spend", SG_NAME_RULE_VARIETY_SEEKERS, SG_NAME_RULE_GROWING_SPENDERS),
    STRV ("potential", "promising", "regular", "regulars", "growing", "occasional", "frequent", "steady",
          "mid value", "average", "core", "potential loyalists"),
    SG_OBJECTIVE_UPSELL, CH (EMAIL) | CH (IN_APP) | CH (PUSH) | CH (PAID_SOCIAL),
    N_("Grow the basket.\n\n"
       "- Products that complement what they already buy\n"
       "- Upgrades and premium ranges\n"
       "- Membership or subscription benefits"),
    N_("Helpful and inspiring"),
    N_("Bundle savings or a threshold reward (spend more, get a gift)."),
    N_("After each purchase and at moments that suit the category."),
    N_("2–4 touches a month"),
    KPIS (SG_KPI_AVERAGE_ORDER_VALUE, SG_KPI_PURCHASE_FREQUENCY, SG_KPI_REVENUE_PER_CUSTOMER),
    0.10,
    1,
  },
  {
    "returns-care", N_("Returns care"),
    N_("Keep customers who return a lot, and bring the cost of returns down."),
    STRV (SG_NAME_RULE_SERIAL_RETURNERS, "serial-returners", "high-returns", "returners", "high-return"),
    STRV ("returner", "returners", "serial returners", "returns", "high return", "refunds"),
    SG_OBJECTIVE_RETENTION, CH (EMAIL) | CH (IN_APP),
    N_("Help them choose right the first time.\n\n"
       "- Size and fit guides, detailed photos and reviews for what they look at\n"
       "- A clear, fair **returns policy**: what is free, what is not, and why\n"
       "- Ask what went wrong with recent returns, and act on the answers"),
    N_("Helpful, clear and fair; never accusing"),
    N_("No discounts: free exchanges rather than refunds, or advice before they buy. Review free returns "
       "for the heaviest returners."),
    N_("After each return, and before their next likely purchase."),
    N_("1–2 touches a month"),
    KPIS (SG_KPI_RETENTION_RATE, SG_KPI_REVENUE_PER_CUSTOMER, SG_KPI_REPEAT_PURCHASE_RATE),
    0.10,
    1,
  },
  {
    "lookalike-acquisition", N_("Lookalike acquisition"),
    N_("Use the segment as a seed audience to find new customers like them."),
    STRV ("lookalike-seed", "prospects"),
    STRV ("lookalike", "look alike", "prospect", "prospects", "acquisition", "seed audience"),
    SG_OBJECTIVE_ACQUISITION, CH (PAID_SOCIAL) | CH (SEARCH),
    N_("Find more customers like these.\n\n"
       "- Upload the list (pseudonymised or hashed) as a seed audience\n"
       "- Creative built on what this group values most"),
    N_("The brand’s acquisition voice"),
    N_("A first-order incentive for new customers only."),
    N_("Refresh the seed audience every month."),
    N_("Always on"),
    KPIS (SG_KPI_CONVERSION_RATE, SG_KPI_AVERAGE_ORDER_VALUE),
    0.0,
    1,
  },
  {
    "nurture", N_("Nurture"),
    N_("Stay relevant and helpful; test what moves this segment."),
    STRV (""), STRV (""),
    SG_OBJECTIVE_RETENTION, CH (EMAIL),
    N_("Stay relevant and helpful.\n\n"
       "- Content that matches their interests\n"
       "- Product news and recommendations\n"
       "- Ask what they would like to hear about"),
    N_("Friendly and helpful"),
    N_("None by default; test a small incentive against the control group."),
    N_("Follow the regular newsletter rhythm."),
    N_("2 touches a month"),
    KPIS (SG_KPI_CONVERSION_RATE, SG_KPI_REPEAT_PURCHASE_RATE, SG_KPI_UNSUBSCRIBE_RATE),
    0.10,
    1,
  },
};

guint
sg_playbook_template_get_n_templates (void)
{
  return G_N_ELEMENTS (templates);
}

const SgPlaybookTemplate *
sg_playbook_template_get (guint index)
{
  g_return_val_if_fail (index < G_N_ELEMENTS (templates), NULL);
  return &templates[index];
}

const SgPlaybookTemplate *
sg_playbook_template_lookup (const char *id)
{
  for (guint i = 0; id != NULL && i < G_N_ELEMENTS (templates); i++)
    if (strcmp (templates[i].id, id) == 0)
      return &templates[i];
  return NULL;
}

const char *
sg_playbook_template_get_label (const SgPlaybookTemplate *tpl)
{
  g_return_val_if_fail (tpl != NULL, NULL);
  return _(tpl->label);
}

const char *
sg_playbook_template_get_description (const SgPlaybookTemplate *tpl)
{
  g_return_val_if_fail (tpl != NULL, NULL);
  return _(tpl->description);
}

/* Lower-case words of @text (letters and digits of any script). */
static GPtrArray *
tokenize (const char *text)
{
  GPtrArray *tokens = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *folded = NULL;
  GString *word = g_string_new (NULL);

  if (text != NULL)
    {
      g_autofree char *valid = g_utf8_make_valid (text, -1);

      folded = g_utf8_casefold (valid, -1);
      for (const char *p = folded; *p; p = g_utf8_next_char (p))
        {
          gunichar c = g_utf8_get_char (p);

          if (g_unichar_isalnum (c))
            g_string_append_unichar (word, c);
          else if (word->len > 0)
            {
              g_ptr_array_add (tokens, g_strdup (word->str));
              g_string_truncate (word, 0);
            }
        }
    }
  if (word->len > 0)
    g_ptr_array_add (tokens, g_strdup (word->str));
  g_string_free (word, TRUE);
  return tokens;
}

/* Does @needle occur as a contiguous run of @haystack? */
static gboolean
contains_run (GPtrArray *haystack,
              GPtrArray *needle)
{
  if (needle->len == 0 || needle->len > haystack->len)
    return FALSE;
  for (guint i = 0; i + needle->len <= haystack->len; i++)
    {
      guint j = 0;

      while (j < needle->len && strcmp (g_ptr_array_index (haystack, i + j), g_ptr_array_index (needle, j)) == 0)
        j++;
      if (j == needle->len)
        return TRUE;
    }
  return FALSE;
}

/* Rule ids compare case-insensitively, with '-' and '_' the same ("high_value_loyalists"). */
static gboolean
same_rule_id (const char *a,
              const char *b)
{
  for (; *a && *b; a++, b++)
    {
      char x = *a == '_' ? '-' : g_ascii_tolower (*a);
      char y = *b == '_' ? '-' : g_ascii_tolower (*b);

      if (x != y)
        return FALSE;
    }
  return *a == *b;
}

const SgPlaybookTemplate *
sg_playbook_template_suggest (const char *rule_id,
                              const char *segment_name,
                              gboolean   *matched)
{
  g_autoptr(GPtrArray) rule_words = NULL;
  g_autoptr(GPtrArray) name_words = NULL;
  const SgPlaybookTemplate *best = &templates[G_N_ELEMENTS (templates) - 1];
  guint best_score = 0;

  if (matched != NULL)
    *matched = FALSE;

  /* 1. The naming rule id, exactly. */
  for (guint t = 0; rule_id != NULL && *rule_id != '\0' && t < G_N_ELEMENTS (templates); t++)
    for (guint r = 0; templates[t].rule_ids[r] != NULL; r++)
      if (*templates[t].rule_ids[r] != '\0' && same_rule_id (templates[t].rule_ids[r], rule_id))
        {
          if (matched != NULL)
            *matched = TRUE;
          return &templates[t];
        }

  /* 2. Keywords in the rule id's words, then in the name: a phrase scores its number of words. */
  rule_words = tokenize (rule_id);
  name_words = tokenize (segment_name);
  for (guint t = 0; t < G_N_ELEMENTS (templates); t++)
    {
      guint score = 0;

      for (guint k = 0; templates[t].keywords[k] != NULL; k++)
        {
          g_autoptr(GPtrArray) phrase = tokenize (templates[t].keywords[k]);

          /* The rule id is the more reliable signal: it counts double. */
          if (contains_run (rule_words, phrase))
            score += 2 * phrase->len * templates[t].weight;
          if (contains_run (name_words, phrase))
            score += phrase->len * templates[t].weight;
        }
      if (score > best_score)
        {
          best_score = score;
          best = &templates[t];
        }
    }
  if (matched != NULL)
    *matched = best_score > 0;
  return best;
}

void
sg_playbook_apply_template (SgPlaybook               *playbook,
                            const SgPlaybookTemplate *tpl)
{
  g_return_if_fail (SG_IS_PLAYBOOK (playbook));
  g_return_if_fail (tpl != NULL);

  g_object_freeze_notify (G_OBJECT (playbook));
  sg_playbook_set_template (playbook, tpl->id);
  sg_playbook_set_objective (playbook, tpl->objective);
  sg_playbook_set_channels (playbook, tpl->channels);
  sg_playbook_set_field (playbook, SG_PLAYBOOK_MESSAGE, _(tpl->message));
  sg_playbook_set_field (playbook, SG_PLAYBOOK_TONE, _(tpl->tone));
  sg_playbook_set_field (playbook, SG_PLAYBOOK_OFFER, _(tpl->offer));
  sg_playbook_set_field (playbook, SG_PLAYBOOK_TIMING, _(tpl->timing));
  sg_playbook_set_field (playbook, SG_PLAYBOOK_CADENCE, _(tpl->cadence));
  sg_playbook_clear_kpis (playbook);
  for (guint i = 0; tpl->kpis[i] != SG_KPI_CUSTOM; i++)
    {
      g_autoptr(SgKpi) kpi = sg_kpi_new (tpl->kpis[i]);

      sg_playbook_add_kpi (playbook, kpi);
    }
  sg_playbook_set_holdout_share (playbook, tpl->holdout_share);
  g_object_thaw_notify (G_OBJECT (playbook));
}

SgPlaybook *
sg_playbook_new_from_template (const SgPlaybookTemplate *tpl,
                               const char               *segment_name)
{
  SgPlaybook *playbook = sg_playbook_new ();

  g_return_val_if_fail (tpl != NULL, playbook);
  sg_playbook_apply_template (playbook, tpl);
  if (segment_name != NULL && *segment_name != '\0')
    {
      /* TRANSLATORS: a playbook's name: "Win-back: Dormant high spenders" */
      g_autofree char *name = g_strdup_printf (_("%s: %s"), sg_playbook_template_get_label (tpl), segment_name);

      sg_playbook_set_field (playbook, SG_PLAYBOOK_NAME, name);
    }
  else
    sg_playbook_set_field (playbook, SG_PLAYBOOK_NAME, sg_playbook_template_get_label (tpl));
  return playbook;
}
