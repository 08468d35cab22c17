/* test-persona.c — personas: Markdown, fields, JSON and project round trips, async saves, copies
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <pango/pango.h>

#include "sg-error.h"
#include "sg-markdown.h"
#include "sg-persona.h"
#include "sg-profile.h"
#include "sg-test-marketing.h"
#include "sg-test-util.h"

/* ---- Markdown ---- */

static const SgMarkdownSpan *
span_at (GPtrArray *blocks,
         guint      block,
         guint      span)
{
  SgMarkdownBlock *b = g_ptr_array_index (blocks, block);

  g_assert_cmpuint (span, <, b->spans->len);
  return g_ptr_array_index (b->spans, span);
}

static void
test_markdown_blocks (void)
{
  g_autoptr(GPtrArray) blocks =
    sg_markdown_parse ("Loves **quality** and *fast* _delivery_.\r\nSecond line\n\n- first item\n* second **bold**\n"
                       "  continued\n• third\nAfter the list");
  SgMarkdownBlock *block;

  g_assert_cmpuint (blocks->len, ==, 5);
  block = g_ptr_array_index (blocks, 0);
  g_assert_cmpint (block->kind, ==, SG_MARKDOWN_PARAGRAPH);
  g_assert_cmpuint (block->spans->len, ==, 7);
  g_assert_cmpstr (span_at (blocks, 0, 0)->text, ==, "Loves ");
  g_assert_cmpint (span_at (blocks, 0, 0)->style, ==, SG_MARKDOWN_PLAIN);
  g_assert_cmpstr (span_at (blocks, 0, 1)->text, ==, "quality");
  g_assert_cmpint (span_at (blocks, 0, 1)->style, ==, SG_MARKDOWN_BOLD);
  g_assert_cmpstr (span_at (blocks, 0, 3)->text, ==, "fast");
  g_assert_cmpint (span_at (blocks, 0, 3)->style, ==, SG_MARKDOWN_ITALIC);
  g_assert_cmpstr (span_at (blocks, 0, 5)->text, ==, "delivery");
  g_assert_cmpint (span_at (blocks, 0, 5)->style, ==, SG_MARKDOWN_ITALIC);
  /* The paragraph keeps its line break (CRLF normalised). */
  g_assert_cmpstr (span_at (blocks, 0, 6)->text, ==, ".\nSecond line");

  block = g_ptr_array_index (blocks, 1);
  g_assert_cmpint (block->kind, ==, SG_MARKDOWN_BULLET);
  g_assert_cmpstr (span_at (blocks, 1, 0)->text, ==, "first item");
  block = g_ptr_array_index (blocks, 2);
  g_assert_cmpint (block->kind, ==, SG_MARKDOWN_BULLET);
  g_assert_cmpstr (span_at (blocks, 2, 1)->text, ==, "bold");
  g_assert_cmpint (span_at (blocks, 2, 1)->style, ==, SG_MARKDOWN_BOLD);
  g_assert_cmpstr (span_at (blocks, 2, 2)->text, ==, "\ncontinued");
  block = g_ptr_array_index (blocks, 3);
  g_assert_cmpint (block->kind, ==, SG_MARKDOWN_BULLET);
  g_assert_cmpstr (span_at (blocks, 3, 0)->text, ==, "third");
  block = g_ptr_array_index (blocks, 4);
  g_assert_cmpint (block->kind, ==, SG_MARKDOWN_PARAGRAPH);
  g_assert_cmpstr (span_at (blocks, 4, 0)->text, ==, "After the list");
}

static void
assert_plain (const char *markdown,
              const char *expected)
{
  g_autofree char *plain = sg_markdown_to_plain_text (markdown);

  g_assert_cmpstr (plain, ==, expected);
}

static void
test_markdown_literal_markers (void)
{
  /* Unmatched, spaced, snake_case, escaped and half-typed markers stay as typed. */
  assert_plain ("2 * 3 = 6", "2 * 3 = 6");
  assert_plain ("total_spend_eur and last_order", "total_spend_eur and last_order");
  assert_plain ("**not closed", "**not closed");
  assert_plain ("\\*literal\\* and \\_x\\_ and \\\\", "*literal* and _x_ and \\");
  assert_plain ("a ** b ** c", "a ** b ** c");
  assert_plain ("-not a bullet", "-not a bullet");
  assert_plain ("", "");
  assert_plain (NULL, "");
  assert_plain ("***both***", "both");
  assert_plain ("- one\n- two\n\nText", "• one\n• two\n\nText");
}

static void
test_markdown_pango (void)
{
  const char *inputs[] = {
    "**Bold <b>not markup</b>** & *it* — <span foreground='red'>x</span>",
    "**a *b** c*",
    "- item with &amp; and \"quotes\"\n- **bold** _it_",
    "Émoji 🦊 and עברית and 中文 **粗体**",
    "\xff\xfe broken UTF-8 **still bold**",
  };

  for (guint i = 0; i < G_N_ELEMENTS (inputs); i++)
    {
      g_autofree char *markup = sg_markdown_to_pango_markup (inputs[i]);
      g_autoptr(GError) error = NULL;
      g_autofree char *text = NULL;

      /* Pango accepts it, and only our own <b>/<i> tags are markup. */
      g_assert_true (pango_parse_markup (markup, -1, 0, NULL, &text, NULL, &error));
      g_assert_no_error (error);
      g_assert_true (g_utf8_validate (markup, -1, NULL));
    }
  {
    g_autofree char *markup = sg_markdown_to_pango_markup (inputs[0]);

    g_assert_cmpstr (markup, ==, "<b>Bold &lt;b&gt;not markup&lt;/b&gt;</b> &amp; <i>it</i> — "
                                 "&lt;span foreground=&apos;red&apos;&gt;x&lt;/span&gt;");
  }
  {
    g_autofree char *markup = sg_markdown_to_pango_markup (inputs[1]);

    /* Overlapping styles become properly nested runs. */
    g_assert_cmpstr (markup, ==, "<b>a </b><b><i>b</i></b><i> c</i>");
  }
  {
    g_autofree char *markup = sg_markdown_to_pango_markup (inputs[2]);

    g_assert_cmpstr (markup, ==, "• item with &amp;amp; and &quot;quotes&quot;\n• <b>bold</b> <i>it</i>");
  }
}

static void
test_markdown_escape_and_bullets (void)
{
  const char *sentences[] = { "Spend *3×* the average", "  ", "Mostly in DE_AT", "-5 % returns", NULL };
  g_autofree char *bullets = sg_markdown_bullets (sentences);
  g_autoptr(GPtrArray) blocks = sg_markdown_parse (bullets);

  g_assert_cmpuint (blocks->len, ==, 3);
  for (guint i = 0; i < blocks->len; i++)
    {
      SgMarkdownBlock *block = g_ptr_array_index (blocks, i);

      g_assert_cmpint (block->kind, ==, SG_MARKDOWN_BULLET);
      g_assert_cmpuint (block->spans->len, ==, 1);
    }
  g_assert_cmpstr (span_at (blocks, 0, 0)->text, ==, "Spend *3×* the average");
  g_assert_cmpstr (span_at (blocks, 1, 0)->text, ==, "Mostly in DE_AT");
  g_assert_cmpstr (span_at (blocks, 2, 0)->text, ==, "-5 % returns");
  {
    g_autofree char *escaped = sg_markdown_escape ("- **x**");
    g_autofree char *plain = sg_markdown_to_plain_text (escaped);

    g_assert_cmpstr (plain, ==, "- **x**");
  }
}

/* ---- the persona object ---- */

static SgPersona *
make_full_persona (void)
{
  SgPersona *persona = sg_persona_new ();

  sg_persona_set_field (persona, SG_PERSONA_NAME, "Loyal Lena 🦊");
  sg_persona_set_field (persona, SG_PERSONA_TAGLINE, "Kauft jeden Monat — «never» waits");
  sg_persona_set_field (persona, SG_PERSONA_COLOR, "#3584E4");
  sg_persona_set_field (persona, SG_PERSONA_AVATAR, "👩🏽‍💼");
  sg_persona_set_field (persona, SG_PERSONA_DESCRIPTION, "**Busy** professional.\nBuys *online*.\n\n- likes quality");
  sg_persona_set_field (persona, SG_PERSONA_DEMOGRAPHICS, "- 35–44\n- Zürich, Łódź, 東京");
  sg_persona_set_field (persona, SG_PERSONA_BEHAVIOURS, "- Orders monthly\n- Opens e-mail on mobile");
  sg_persona_set_field (persona, SG_PERSONA_GOALS, "Save _time_; \"no fuss\"");
  sg_persona_set_field (persona, SG_PERSONA_PAIN_POINTS, "Slow delivery\r\nHidden fees");
  sg_persona_set_field (persona, SG_PERSONA_OPPORTUNITIES, "Subscription — עברית — <script>alert(1)</script>");
  sg_persona_set_channels (persona, SG_CHANNEL_BIT (SG_CHANNEL_EMAIL) | SG_CHANNEL_BIT (SG_CHANNEL_IN_APP) |
                                    SG_CHANNEL_BIT (SG_CHANNEL_PAID_SOCIAL));
  return persona;
}

static void
count_notify (GObject    *object,
              GParamSpec *pspec,
              guint      *count)
{
  (*count)++;
}

static void
test_persona_fields (void)
{
  g_autoptr(SgPersona) persona = sg_persona_new ();
  g_autofree char *initials = NULL;
  g_autofree char *avatar = NULL;
  g_autofree char *question = NULL;
  guint notified = 0;

  g_assert_true (sg_persona_is_empty (persona));
  question = sg_persona_dup_avatar_text (persona);
  g_assert_cmpstr (question, ==, "?");

  g_signal_connect (persona, "notify::name", G_CALLBACK (count_notify), &notified);
  sg_persona_set_name (persona, "élodie  de la\nRue");
  g_assert_cmpstr (sg_persona_get_name (persona), ==, "élodie  de la Rue");
  sg_persona_set_name (persona, "élodie  de la\nRue");
  g_assert_cmpuint (notified, ==, 1);
  initials = sg_persona_dup_avatar_text (persona);
  g_assert_cmpstr (initials, ==, "ÉD");

  sg_persona_set_field (persona, SG_PERSONA_COLOR, "#ABC");
  g_assert_cmpstr (sg_persona_get_field (persona, SG_PERSONA_COLOR), ==, "#aabbcc");
  sg_persona_set_field (persona, SG_PERSONA_COLOR, "red");
  g_assert_null (sg_persona_get_field (persona, SG_PERSONA_COLOR));
  sg_persona_set_field (persona, SG_PERSONA_AVATAR, "ABCDEFGHIJKL");
  avatar = sg_persona_dup_avatar_text (persona);
  g_assert_cmpstr (avatar, ==, "ABCDEFGH");
  sg_persona_set_field (persona, SG_PERSONA_TAGLINE, "");
  g_assert_null (sg_persona_get_field (persona, SG_PERSONA_TAGLINE));

  /* Properties and fields are the same thing. */
  g_object_set (persona, "pain-points", "Too many e-mails", "channels", SG_CHANNEL_BIT (SG_CHANNEL_SMS), NULL);
  g_assert_cmpstr (sg_persona_get_field (persona, SG_PERSONA_PAIN_POINTS), ==, "Too many e-mails");
  g_assert_cmpuint (sg_persona_get_channels (persona), ==, SG_CHANNEL_BIT (SG_CHANNEL_SMS));
  for (guint f = 0; f < SG_PERSONA_N_FIELDS; f++)
    {
      SgPersonaField back;

      g_assert_nonnull (g_object_class_find_property (G_OBJECT_GET_CLASS (persona), sg_persona_field_to_string (f)));
      g_assert_true (sg_persona_field_from_string (sg_persona_field_to_string (f), &back));
      g_assert_cmpint (back, ==, f);
      g_assert_nonnull (sg_persona_field_get_label (f));
    }
  g_assert_false (sg_persona_field_is_markdown (SG_PERSONA_NAME));
  g_assert_true (sg_persona_field_is_markdown (SG_PERSONA_GOALS));
}

static void
test_channels (void)
{
  g_auto(GStrv) ids = NULL;
  g_autofree char *label = NULL;
  const char *with_unknown[] = { "sms", "carrier-pigeon", "email", NULL };

  for (guint c = 0; c < SG_N_CHANNELS; c++)
    {
      SgChannel back;

      g_assert_true (sg_channel_from_string (sg_channel_to_string (c), &back));
      g_assert_cmpint (back, ==, c);
      g_assert_nonnull (sg_channel_get_label (c));
    }
  g_assert_cmpstr (sg_channel_to_string (SG_CHANNEL_PAID_SOCIAL), ==, "paid-social");
  ids = sg_channel_set_to_strv (SG_CHANNEL_BIT (SG_CHANNEL_IN_APP) | SG_CHANNEL_BIT (SG_CHANNEL_EMAIL));
  g_assert_cmpuint (g_strv_length (ids), ==, 2);
  g_assert_cmpstr (ids[0], ==, "email");
  g_assert_cmpstr (ids[1], ==, "in-app");
  g_assert_cmpuint (sg_channel_set_from_strv (with_unknown), ==,
                    SG_CHANNEL_BIT (SG_CHANNEL_SMS) | SG_CHANNEL_BIT (SG_CHANNEL_EMAIL));
  label = sg_channel_set_to_label (SG_CHANNEL_BIT (SG_CHANNEL_EMAIL) | SG_CHANNEL_BIT (SG_CHANNEL_SMS));
  g_assert_cmpstr (label, ==, "Email, SMS");
}

static void
test_persona_json_round_trip (void)
{
  g_autoptr(SgPersona) persona = make_full_persona ();
  g_autofree char *json = sg_persona_to_json (persona);
  g_autoptr(SgPersona) back = NULL;
  g_autoptr(SgPersona) copy = sg_persona_copy (persona);
  g_autoptr(GError) error = NULL;

  back = sg_persona_new_from_json (json, &error);
  g_assert_no_error (error);
  g_assert_true (sg_persona_equal (persona, back));
  g_assert_true (sg_persona_equal (persona, copy));
  for (guint f = 0; f < SG_PERSONA_N_FIELDS; f++)
    g_assert_cmpstr (sg_persona_get_field (back, f), ==, sg_persona_get_field (persona, f));
  g_assert_cmpstr (sg_persona_get_field (back, SG_PERSONA_COLOR), ==, "#3584e4");
  g_assert_cmpstr (sg_persona_get_field (back, SG_PERSONA_PAIN_POINTS), ==, "Slow delivery\r\nHidden fees");
  sg_persona_set_field (copy, SG_PERSONA_GOALS, "other");
  g_assert_false (sg_persona_equal (persona, copy));

  /* Forward compatible: unknown members and channels are ignored. */
  g_clear_object (&back);
  back = sg_persona_new_from_json ("{\"version\": 9, \"name\": \"N\", \"mood\": 3, "
                                   "\"channels\": [\"hologram\", \"sms\"]}", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (sg_persona_get_name (back), ==, "N");
  g_assert_cmpuint (sg_persona_get_channels (back), ==, SG_CHANNEL_BIT (SG_CHANNEL_SMS));

  /* Wrong types and garbage are errors, not crashes. */
  g_clear_object (&back);
  back = sg_persona_new_from_json ("{\"name\": 42}", &error);
  g_assert_null (back);
  g_assert_error (error, SG_ERROR, SG_ERROR_PARSE);
  g_clear_error (&error);
  back = sg_persona_new_from_json ("[1, 2]", &error);
  g_assert_error (error, SG_ERROR, SG_ERROR_PARSE);
  g_clear_error (&error);
  back = sg_persona_new_from_json ("{\"name\": ", &error);
  g_assert_error (error, SG_ERROR, SG_ERROR_PARSE);
  g_assert_null (strchr (error->message, '\n'));
}

static void
test_persona_for_segment (void)
{
  SgSegmentInfo segment = { 2, (char *) "Bargain hunters", NULL, FALSE, (char *) "#e66100", 10, NULL };
  SgSegmentInfo unnamed = { 4, NULL, NULL, FALSE, NULL, 10, NULL };
  const char *demographics[] = { "Mostly 25–34", "Live in cities", NULL };
  const char *behaviours[] = { "Buy in *sales*", NULL };
  g_autoptr(SgPersona) persona = sg_persona_new_for_segment (&segment, demographics, behaviours);
  g_autoptr(SgPersona) other = sg_persona_new_for_segment (&unnamed, NULL, NULL);
  g_autofree char *plain = NULL;

  g_assert_cmpstr (sg_persona_get_name (persona), ==, "Bargain hunters");
  g_assert_cmpstr (sg_persona_get_field (persona, SG_PERSONA_COLOR), ==, "#e66100");
  g_assert_cmpstr (sg_persona_get_field (persona, SG_PERSONA_DEMOGRAPHICS), ==, "- Mostly 25–34\n- Live in cities");
  plain = sg_markdown_to_plain_text (sg_persona_get_field (persona, SG_PERSONA_BEHAVIOURS));
  g_assert_cmpstr (plain, ==, "• Buy in *sales*");
  g_assert_cmpstr (sg_persona_get_name (other), ==, "Segment 5");
  g_assert_null (sg_persona_get_field (other, SG_PERSONA_DEMOGRAPHICS));

  /* Prefill never replaces what the user typed. */
  sg_persona_set_field (persona, SG_PERSONA_DEMOGRAPHICS, "my own words");
  g_assert_false (sg_persona_prefill (persona, demographics, NULL));
  g_assert_cmpstr (sg_persona_get_field (persona, SG_PERSONA_DEMOGRAPHICS), ==, "my own words");
  g_assert_true (sg_persona_prefill (other, NULL, behaviours));
  g_assert_nonnull (sg_persona_get_field (other, SG_PERSONA_BEHAVIOURS));
}

/* Two clear segments: young, low-income, frequent buyers against older, richer, rare big spenders. */
static void
test_persona_from_profile (void)
{
  g_autoptr(SgTable) table = sg_table_new ("people");
  SgColumn *age = sg_table_add_column (table, "Age", SG_COLUMN_INTEGER);
  SgColumn *income = sg_table_add_column (table, "Annual Income (k$)", SG_COLUMN_DECIMAL);
  SgColumn *orders = sg_table_add_column (table, "NumWebPurchases", SG_COLUMN_INTEGER);
  SgColumn *spend = sg_table_add_column (table, "MntWines", SG_COLUMN_DECIMAL);
  guint features[] = { 0, 1, 2, 3 };
  g_autofree gint32 *labels = g_new (gint32, 400);
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) demographics = NULL;
  g_auto(GStrv) behaviours = NULL;
  g_autofree char *json = NULL;
  SgProfile *profile;

  for (guint i = 0; i < 400; i++)
    {
      gboolean young = i % 2 == 0;

      labels[i] = young ? 0 : 1;
      sg_column_append_number (age, young ? 22 + i % 9 : 55 + i % 13);
      sg_column_append_number (income, young ? 20 + i % 7 : 90 + i % 23);
      sg_column_append_number (orders, young ? 9 + i % 4 : 1 + i % 2);
      sg_column_append_number (spend, young ? 30 + i % 17 : 400 + i % 61);
    }
  profile = sg_profile_compute (table, labels, 2, features, 4, NULL, 0, &error);
  g_assert_no_error (error);
  {
    g_autoptr(JsonNode) node = sg_profile_segment_to_json (profile, 0);

    json = json_to_string (node, FALSE);
  }
  sg_profile_free (profile);

  g_assert_true (sg_persona_profile_sentences (json, &demographics, &behaviours));
  g_assert_cmpuint (g_strv_length (demographics), >=, 1);
  g_assert_cmpuint (g_strv_length (behaviours), >=, 1);
  for (guint i = 0; demographics[i] != NULL; i++)
    g_assert_true (strstr (demographics[i], "ge") != NULL || strstr (demographics[i], "ncome") != NULL);
  for (guint i = 0; behaviours[i] != NULL; i++)
    g_assert_null (strstr (behaviours[i], "ncome"));

  {
    SgSegmentInfo segment = { 0, (char *) "Young Web Shoppers", NULL, FALSE, NULL, 200, json };
    g_autoptr(SgPersona) persona = sg_persona_new_for_segment (&segment, NULL, NULL);
    g_autofree char *first = g_strconcat ("- ", demographics[0], NULL);

    g_assert_nonnull (sg_persona_get_field (persona, SG_PERSONA_DEMOGRAPHICS));
    g_assert_nonnull (sg_persona_get_field (persona, SG_PERSONA_BEHAVIOURS));
    g_assert_true (g_str_has_prefix (sg_persona_get_field (persona, SG_PERSONA_DEMOGRAPHICS), first) ||
                   strchr (demographics[0], '*') != NULL || strchr (demographics[0], '_') != NULL);
  }
  {
    g_auto(GStrv) d = NULL;
    g_auto(GStrv) b = NULL;

    g_assert_false (sg_persona_profile_sentences (NULL, &d, &b));
    g_assert_cmpuint (g_strv_length (d), ==, 0);
    g_clear_pointer (&d, g_strfreev);
    g_clear_pointer (&b, g_strfreev);
    g_assert_false (sg_persona_profile_sentences ("{not json", &d, &b));
    g_assert_cmpuint (g_strv_length (b), ==, 0);
  }
}

/* ---- in the project ---- */

static void
test_persona_storage (void)
{
  g_autoptr(SgTestRun) run = sg_test_run_new ("persona", 300, 4);
  g_autoptr(SgPersona) persona = make_full_persona ();
  g_autoptr(SgPersona) loaded = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SgProject) reopened = NULL;

  loaded = sg_project_load_persona (run->project, run->run_id, 1, &error);
  g_assert_null (loaded);
  g_assert_error (error, SG_ERROR, SG_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_true (sg_project_save_persona (run->project, run->run_id, 1, persona, &error));
  g_assert_no_error (error);
  /* A segment that does not exist is a clear error. */
  g_assert_false (sg_project_save_persona (run->project, run->run_id, 9, persona, &error));
  g_assert_error (error, SG_ERROR, SG_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (sg_project_save_persona (run->project, 999, 0, persona, &error));
  g_assert_error (error, SG_ERROR, SG_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* Saving again replaces. */
  sg_persona_set_field (persona, SG_PERSONA_GOALS, "Second version ✓");
  g_assert_true (sg_project_save_persona (run->project, run->run_id, 1, persona, &error));

  g_clear_object (&run->project);
  reopened = sg_project_open (run->path, &error);
  g_assert_no_error (error);
  loaded = sg_project_load_persona (reopened, run->run_id, 1, &error);
  g_assert_no_error (error);
  g_assert_true (sg_persona_equal (persona, loaded));

  list = sg_project_list_personas (reopened, run->run_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 4);
  g_assert_null (g_ptr_array_index (list, 0));
  g_assert_true (sg_persona_equal (g_ptr_array_index (list, 1), persona));
  g_assert_null (g_ptr_array_index (list, 3));

  g_assert_true (sg_project_delete_persona (reopened, run->run_id, 1, &error));
  g_clear_object (&loaded);
  loaded = sg_project_load_persona (reopened, run->run_id, 1, &error);
  g_assert_error (error, SG_ERROR, SG_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* Deleting the run takes its personas along. */
  g_assert_true (sg_project_save_persona (reopened, run->run_id, 2, persona, &error));
  g_assert_true (sg_project_delete_run (reopened, run->run_id, &error));
  g_assert_no_error (error);
  {
    sqlite3_stmt *stmt = sg_project_prepare (reopened, "SELECT count(*) FROM personas", &error);

    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 0);
    sqlite3_finalize (stmt);
  }
}

static void
test_persona_copy_to_other_run (void)
{
  g_autoptr(SgTestRun) run = sg_test_run_new ("copy", 200, 4);
  gint64 other = sg_test_run_add_run (run, 3);
  g_autoptr(SgPersona) persona = make_full_persona ();
  g_autoptr(SgPersona) second = sg_persona_new ();
  g_autoptr(SgPersona) loaded = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (sg_project_save_persona (run->project, run->run_id, 0, persona, &error));
  g_assert_true (sg_project_copy_persona (run->project, run->run_id, 0, other, 2, FALSE, &error));
  g_assert_no_error (error);
  loaded = sg_project_load_persona (run->project, other, 2, &error);
  g_assert_no_error (error);
  g_assert_true (sg_persona_equal (loaded, persona));

  /* An existing persona is only replaced when asked. */
  sg_persona_set_name (second, "Someone else");
  g_assert_true (sg_project_save_persona (run->project, run->run_id, 1, second, &error));
  g_assert_false (sg_project_copy_persona (run->project, run->run_id, 1, other, 2, FALSE, &error));
  g_assert_error (error, SG_ERROR, SG_ERROR_EXISTS);
  g_clear_error (&error);
  g_clear_object (&loaded);
  loaded = sg_project_load_persona (run->project, other, 2, &error);
  g_assert_cmpstr (sg_persona_get_name (loaded), ==, "Loyal Lena 🦊");
  g_assert_true (sg_project_copy_persona (run->project, run->run_id, 1, other, 2, TRUE, &error));
  g_clear_object (&loaded);
  loaded = sg_project_load_persona (run->project, other, 2, &error);
  g_assert_cmpstr (sg_persona_get_name (loaded), ==, "Someone else");

  /* Copying from a segment without persona or to a missing segment fails cleanly. */
  g_assert_false (sg_project_copy_persona (run->project, run->run_id, 3, other, 0, TRUE, &error));
  g_assert_error (error, SG_ERROR, SG_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (sg_project_copy_persona (run->project, run->run_id, 0, other, 7, TRUE, &error));
  g_assert_error (error, SG_ERROR, SG_ERROR_NOT_FOUND);
}

typedef struct {
  SgProject  *project;
  guint       pending;
  guint       failed;
  GMainLoop  *loop;
} AsyncState;

static void
saved_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  AsyncState *state = user_data;
  g_autoptr(GError) error = NULL;

  if (!sg_project_save_persona_finish (SG_PROJECT (source), result, &error))
    state->failed++;
  if (--state->pending == 0)
    g_main_loop_quit (state->loop);
}

static void
test_persona_async_newest_wins (void)
{
  g_autoptr(SgTestRun) run = sg_test_run_new ("async", 200, 4);
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autoptr(SgPersona) persona = sg_persona_new ();
  g_autoptr(SgPersona) loaded = NULL;
  g_autoptr(GError) error = NULL;
  AsyncState state = { run->project, 0, 0, loop };
  GString *typed = g_string_new (NULL);

  /* Typing: every keystroke starts a background save; they may finish in any order. */
  for (guint i = 0; i < 60; i++)
    {
      g_string_append_unichar (typed, i % 7 == 0 ? 0x1F98A : 'a' + i % 26);
      sg_persona_set_field (persona, SG_PERSONA_DESCRIPTION, typed->str);
      state.pending++;
      sg_project_save_persona_async (run->project, run->run_id, 2, persona, NULL, saved_cb, &state);
    }
  /* The snapshot was taken at call time: this edit is not in any save. */
  sg_persona_set_field (persona, SG_PERSONA_DESCRIPTION, "not saved");
  g_main_loop_run (loop);
  g_assert_cmpuint (state.failed, ==, 0);

  loaded = sg_project_load_persona (run->project, run->run_id, 2, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (sg_persona_get_field (loaded, SG_PERSONA_DESCRIPTION), ==, typed->str);

  /* A synchronous save after async ones is not undone by them either. */
  sg_persona_set_field (persona, SG_PERSONA_DESCRIPTION, "stale");
  state.pending = 1;
  sg_project_save_persona_async (run->project, run->run_id, 2, persona, NULL, saved_cb, &state);
  sg_persona_set_field (persona, SG_PERSONA_DESCRIPTION, "final");
  g_assert_true (sg_project_save_persona (run->project, run->run_id, 2, persona, &error));
  g_main_loop_run (loop);
  g_clear_object (&loaded);
  loaded = sg_project_load_persona (run->project, run->run_id, 2, &error);
  g_assert_cmpstr (sg_persona_get_field (loaded, SG_PERSONA_DESCRIPTION), ==, "final");

  /* A failing background save reports its error. */
  state.pending = 1;
  sg_project_save_persona_async (run->project, run->run_id, 42, persona, NULL, saved_cb, &state);
  g_main_loop_run (loop);
  g_assert_cmpuint (state.failed, ==, 1);
  g_string_free (typed, TRUE);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/markdown/blocks", test_markdown_blocks);
  g_test_add_func ("/markdown/literal-markers", test_markdown_literal_markers);
  g_test_add_func ("/markdown/pango", test_markdown_pango);
  g_test_add_func ("/markdown/escape-and-bullets", test_markdown_escape_and_bullets);
  g_test_add_func ("/persona/fields", test_persona_fields);
  g_test_add_func ("/persona/channels", test_channels);
  g_test_add_func ("/persona/json-round-trip", test_persona_json_round_trip);
  g_test_add_func ("/persona/for-segment", test_persona_for_segment);
  g_test_add_func ("/persona/from-profile", test_persona_from_profile);
  g_test_add_func ("/persona/storage", test_persona_storage);
  g_test_add_func ("/persona/copy-to-other-run", test_persona_copy_to_other_run);
  g_test_add_func ("/persona/async-newest-wins", test_persona_async_newest_wins);
  return g_test_run ();
}
