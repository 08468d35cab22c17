/* sg-type-infer.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "sg-number-parse.h"
#include "sg-type-infer.h"

static inline gboolean
is_space (char c)
{
  return c == ' ' || c == '\t';
}

static void
trim (const char **s,
      gsize       *len)
{
  while (*len > 0 && is_space (**s))
    {
      (*s)++;
      (*len)--;
    }
  while (*len > 0 && is_space ((*s)[*len - 1]))
    (*len)--;
}

static gboolean
equals_nocase (const char *s,
               gsize       len,
               const char *word)
{
  return strlen (word) == len && g_ascii_strncasecmp (s, word, len) == 0;
}

gboolean
sg_value_is_missing (const char *s,
                     gsize       len)
{
  trim (&s, &len);
  if (len == 0)
    return TRUE;
  if (len > 4)
    return FALSE;
  return equals_nocase (s, len, "na") || equals_nocase (s, len, "n/a") || equals_nocase (s, len, "null") ||
         equals_nocase (s, len, "nan") || equals_nocase (s, len, "-") || equals_nocase (s, len, "?");
}

int
sg_parse_boolean (const char *s,
                  gsize       len)
{
  trim (&s, &len);
  if (len == 0 || len > 5)
    return -1;
  if (equals_nocase (s, len, "yes") || equals_nocase (s, len, "true") || equals_nocase (s, len, "y") ||
      equals_nocase (s, len, "t"))
    return 1;
  if (equals_nocase (s, len, "no") || equals_nocase (s, len, "false") || equals_nocase (s, len, "n") ||
      equals_nocase (s, len, "f"))
    return 0;
  return -1;
}

/* ---- dates ---- */

typedef struct {
  int      g[3];       /* the three numbers of the date */
  int      len[3];     /* their digit counts */
  gboolean has_time;
  int      hour, minute, second;
  double   fraction;
  int      offset;     /* seconds east of UTC */
  int      named;      /* 1..12 when the month was written as a name (then day = g[0], year = g[2]) */
} DateParts;

/* An English month name or its abbreviation at *p (advanced past it): 1..12, or 0. */
static int
read_month_name (const char **p,
                 const char  *end)
{
  static const char *const names[12] = {
    "january", "february", "march", "april", "may", "june",
    "july", "august", "september", "october", "november", "december",
  };
  const char *q = *p;
  char word[12];
  gsize n = 0;

  while (q < end && g_ascii_isalpha (*q) && n < sizeof word - 1)
    word[n++] = g_ascii_tolower (*q++);
  word[n] = '\0';
  if (n < 3 || (q < end && g_ascii_isalpha (*q)))
    return 0;
  if (q < end && *q == '.')
    q++;
  for (int m = 0; m < 12; m++)
    if (strncmp (names[m], word, n) == 0 && (n == 3 || strlen (names[m]) == n || (m == 8 && n == 4)))
      {
        *p = q;
        return m + 1;
      }
  return 0;
}

static inline int
read_digits (const char **p,
             const char  *end,
             int          max,
             int         *value)
{
  int n = 0, v = 0;

  while (*p < end && n < max && (guint) (**p - '0') < 10)
    {
      v = v * 10 + (**p - '0');
      (*p)++;
      n++;
    }
  *value = v;
  return n;
}

static gboolean
split_date (const char *s,
            gsize       len,
            DateParts  *d)
{
  const char *p, *end;
  char sep;

  trim (&s, &len);
  p = s;
  end = s + len;
  memset (d, 0, sizeof *d);

  if (p < end && g_ascii_isalpha (*p))
    {
      /* Dec 1, 2010 / December 1 2010 */
      d->named = read_month_name (&p, end);
      if (d->named == 0 || p >= end || *p != ' ')
        return FALSE;
      p++;
      d->len[0] = read_digits (&p, end, 2, &d->g[0]);
      if (d->len[0] == 0 || p >= end)
        return FALSE;
      if (*p == ',')
        p++;
      if (p >= end || *p != ' ')
        return FALSE;
      p++;
      d->len[2] = read_digits (&p, end, 4, &d->g[2]);
      if (d->len[2] != 4)
        return FALSE;
    }
  else
    {
      d->len[0] = read_digits (&p, end, 4, &d->g[0]);
      if (d->len[0] == 0 || p >= end || (*p != '-' && *p != '/' && *p != '.' && *p != ' '))
        return FALSE;
      sep = *p++;
      if (p < end && g_ascii_isalpha (*p))
        {
          /* 01-Dec-2010 / 1 Dec 2010 */
          if (d->len[0] > 2 || (d->named = read_month_name (&p, end)) == 0)
            return FALSE;
          d->len[1] = 2;
        }
      else if (sep == ' ' || (d->len[1] = read_digits (&p, end, 2, &d->g[1])) == 0)
        return FALSE;
      if (p >= end || *p != sep)
        return FALSE;
      p++;
      d->len[2] = read_digits (&p, end, 4, &d->g[2]);
      if (d->len[2] != 2 && d->len[2] != 4 && !(d->named == 0 && d->len[0] == 4))
        return FALSE;
      if (d->len[2] == 0)
        return FALSE;
    }
  if (p == end)
    return TRUE;

  /* A time of day. */
  if (*p != ' ' && *p != 'T')
    return FALSE;
  while (p < end && (*p == ' ' || *p == 'T'))
    p++;
  d->has_time = TRUE;
  if (read_digits (&p, end, 2, &d->hour) == 0 || p >= end || *p != ':')
    return FALSE;
  p++;
  if (read_digits (&p, end, 2, &d->minute) != 2)
    return FALSE;
  if (p < end && *p == ':')
    {
      p++;
      if (read_digits (&p, end, 2, &d->second) != 2)
        return FALSE;
      if (p < end && (*p == '.' || *p == ','))
        {
          double scale = 0.1;

          p++;
          if (p >= end || (guint) (*p - '0') >= 10)
            return FALSE;
          for (; p < end && (guint) (*p - '0') < 10; p++, scale /= 10)
            d->fraction += (*p - '0') * scale;
        }
    }
  while (p < end && *p == ' ')
    p++;
  if (p + 1 < end && (p[1] == 'M' || p[1] == 'm') && (p + 2 == end || p[2] == ' ') &&
      (*p == 'A' || *p == 'a' || *p == 'P' || *p == 'p'))
    {
      gboolean pm = *p == 'P' || *p == 'p';

      if (d->hour < 1 || d->hour > 12)
        return FALSE;
      d->hour = d->hour % 12 + (pm ? 12 : 0);
      p += 2;
      while (p < end && *p == ' ')
        p++;
    }
  if (p < end && (*p == 'Z' || *p == 'z'))
    p++;
  else if (p < end && (*p == '+' || *p == '-'))
    {
      int sign = *p++ == '-' ? -1 : 1, hh, mm = 0;

      if (read_digits (&p, end, 2, &hh) != 2)
        return FALSE;
      if (p < end && *p == ':')
        p++;
      if (p < end && read_digits (&p, end, 2, &mm) != 2)
        return FALSE;
      d->offset = sign * (hh * 3600 + mm * 60);
    }
  if (p != end)
    return FALSE;
  return d->hour <= 23 && d->minute <= 59 && d->second <= 59;
}

static int
days_in_month (int year,
               int month)
{
  static const int days[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
  gboolean leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;

  return month == 2 && leap ? 29 : days[month - 1];
}

static gboolean
valid_ymd (int year,
           int month,
           int day)
{
  return year >= 1 && year <= 9999 && month >= 1 && month <= 12 && day >= 1 &&
         day <= days_in_month (year, month);
}

static int
expand_year (int year,
             int digits)
{
  if (digits == 2)
    return year <= 68 ? 2000 + year : 1900 + year;
  return year;
}

/* Days since 1970-01-01 of a proleptic Gregorian date (after Howard Hinnant's days_from_civil). */
static gint64
days_from_civil (int y,
                 int m,
                 int d)
{
  gint64 era, yoe, doy, doe;

  y -= m <= 2;
  era = (y >= 0 ? y : y - 399) / 400;
  yoe = y - era * 400;
  doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

/* Year, month, day of @d under @order, or FALSE. */
static gboolean
resolve (const DateParts *d,
         SgDateOrder      order,
         int             *year,
         int             *month,
         int             *day)
{
  if (d->named != 0)
    {
      *year = expand_year (d->g[2], d->len[2]);
      *month = d->named;
      *day = d->g[0];
      return valid_ymd (*year, *month, *day);
    }
  if (d->len[0] == 4)
    {
      if (d->len[1] > 2 || d->len[2] > 2)
        return FALSE;
      *year = d->g[0];
      *month = d->g[1];
      *day = d->g[2];
      return order == SG_DATE_ORDER_YMD && valid_ymd (*year, *month, *day);
    }
  if (d->len[0] > 2)
    return FALSE;
  switch (order)
    {
    case SG_DATE_ORDER_DMY:
    case SG_DATE_ORDER_MDY:
      if (d->len[2] != 4 && d->len[2] != 2)
        return FALSE;
      *year = expand_year (d->g[2], d->len[2]);
      *day = order == SG_DATE_ORDER_DMY ? d->g[0] : d->g[1];
      *month = order == SG_DATE_ORDER_DMY ? d->g[1] : d->g[0];
      break;
    case SG_DATE_ORDER_YMD:
      if (d->len[2] > 2)
        return FALSE;
      *year = expand_year (d->g[0], d->len[0]);
      *month = d->g[1];
      *day = d->g[2];
      break;
    case SG_DATE_ORDER_AUTO:
    default:
      return FALSE;
    }
  return valid_ymd (*year, *month, *day);
}

guint
sg_date_orders (const char *s,
                gsize       len,
                gboolean   *has_time)
{
  DateParts d;
  int y, m, day;
  guint mask = 0;

  if (len < 6 || len > 40 || !split_date (s, len, &d))
    return 0;
  if (d.named != 0)
    mask = resolve (&d, SG_DATE_ORDER_YMD, &y, &m, &day)
           ? (1u << SG_DATE_ORDER_YMD) | (1u << SG_DATE_ORDER_DMY) | (1u << SG_DATE_ORDER_MDY) : 0;
  else if (d.len[0] == 4)
    mask = resolve (&d, SG_DATE_ORDER_YMD, &y, &m, &day) ? 1u << SG_DATE_ORDER_YMD : 0;
  else
    {
      if (resolve (&d, SG_DATE_ORDER_DMY, &y, &m, &day))
        mask |= 1u << SG_DATE_ORDER_DMY;
      if (resolve (&d, SG_DATE_ORDER_MDY, &y, &m, &day))
        mask |= 1u << SG_DATE_ORDER_MDY;
    }
  if (mask != 0 && has_time != NULL)
    *has_time = d.has_time;
  return mask;
}

gboolean
sg_parse_date (const char  *s,
               gsize        len,
               SgDateOrder  order,
               double      *seconds,
               gboolean    *has_time)
{
  DateParts d;
  int y, m, day;

  if (len < 6 || len > 40 || !split_date (s, len, &d))
    return FALSE;
  if (d.len[0] == 4 || d.named != 0)
    order = SG_DATE_ORDER_YMD;
  else if (order == SG_DATE_ORDER_AUTO)
    {
      gboolean dmy = resolve (&d, SG_DATE_ORDER_DMY, &y, &m, &day);
      gboolean mdy = resolve (&d, SG_DATE_ORDER_MDY, &y, &m, &day);

      if (dmy == mdy)
        return FALSE;
      order = dmy ? SG_DATE_ORDER_DMY : SG_DATE_ORDER_MDY;
    }
  if (!resolve (&d, order, &y, &m, &day))
    return FALSE;
  *seconds = (double) (days_from_civil (y, m, day) * 86400 + d.hour * 3600 + d.minute * 60 + d.second -
                       d.offset) + d.fraction;
  if (has_time != NULL)
    *has_time = d.has_time;
  return TRUE;
}

gboolean
sg_name_looks_like_id (const char *name)
{
  g_autofree char *lower = g_ascii_strdown (name, -1);
  gsize n;

  g_strstrip (lower);
  n = strlen (lower);
  if (strcmp (lower, "id") == 0 || strstr (lower, "uuid") != NULL || strstr (lower, "guid") != NULL)
    return TRUE;
  if (n >= 3 && g_str_has_suffix (lower, "id") && strchr ("_- .#", lower[n - 3]) != NULL)
    return TRUE;
  /* camelCase: CustomerID, clientId */
  n = strlen (name);
  while (n > 0 && g_ascii_isspace (name[n - 1]))
    n--;
  if (n >= 3 && name[n - 2] == 'I' && (name[n - 1] == 'D' || name[n - 1] == 'd') &&
      g_ascii_islower (name[n - 3]))
    return TRUE;
  return FALSE;
}

/* ---- column statistics ---- */

void
sg_column_stats_init (SgColumnStats *stats)
{
  memset (stats, 0, sizeof *stats);
  stats->distinct = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

void
sg_column_stats_clear (SgColumnStats *stats)
{
  g_clear_pointer (&stats->distinct, g_hash_table_unref);
}

#define MAX_DISTINCT 200000

static gboolean
looks_like_email (const char *s,
                  gsize       len)
{
  const char *at = memchr (s, '@', len);

  return at != NULL && at > s && memchr (at, '.', len - (at - s)) != NULL && memchr (s, ' ', len) == NULL;
}

void
sg_column_stats_add (SgColumnStats *stats,
                     const char    *value,
                     gsize          len)
{
  const char *s = value;
  gsize n = len;
  double number;
  gboolean is_integer, has_time = FALSE;
  guint orders;

  if (sg_value_is_missing (value, len))
    {
      stats->n_missing++;
      return;
    }
  stats->n_values++;
  stats->max_len = MAX (stats->max_len, len);
  if (g_hash_table_size (stats->distinct) < MAX_DISTINCT && !g_hash_table_contains (stats->distinct, value))
    g_hash_table_add (stats->distinct, g_strndup (value, len));

  trim (&s, &n);
  for (gsize i = 0; i < n; i++)
    if (g_ascii_isspace (s[i]))
      {
        stats->n_space++;
        break;
      }
  for (gsize i = 0; i < n; i++)
    if (g_ascii_isdigit (s[i]))
      {
        stats->n_digit++;
        break;
      }

  /* Whole numbers beyond 2^53 (account or card numbers) would lose digits as doubles: not numbers. */
  if (sg_parse_double (s, n, '.', &number, &is_integer) && !(is_integer && fabs (number) > 9007199254740992.0))
    {
      const char *digits = s + (*s == '-' || *s == '+');

      stats->n_number++;
      if (is_integer && digits[0] == '0' && n - (digits - s) > 1)
        stats->n_padded++;
      else if (is_integer)
        stats->n_integer++;
    }
  if (sg_parse_double (s, n, ',', &number, &is_integer) && !(is_integer && fabs (number) > 9007199254740992.0))
    {
      stats->n_number_comma++;
      if (memchr (s, ',', n) != NULL)
        stats->n_comma_decimal++;
    }
  if (sg_parse_boolean (s, n) >= 0)
    stats->n_boolean++;
  orders = sg_date_orders (s, n, &has_time);
  if (orders != 0)
    {
      stats->n_date_any++;
      for (guint o = SG_DATE_ORDER_DMY; o <= SG_DATE_ORDER_YMD; o++)
        if (orders & (1u << o))
          stats->n_date[o]++;
      if (has_time)
        stats->n_time++;
    }
  if (looks_like_email (s, n))
    stats->n_email++;
}

static gboolean
name_looks_like_person (const char *name)
{
  g_autofree char *lower = g_ascii_strdown (name, -1);

  return strstr (lower, "name") != NULL && strstr (lower, "user") == NULL && strstr (lower, "file") == NULL &&
         strstr (lower, "product") == NULL && strstr (lower, "company") == NULL;
}

void
sg_column_stats_guess (const SgColumnStats *stats,
                       const char          *name,
                       gboolean             decimal_comma,
                       SgDateOrder          date_order,
                       SgTypeGuess         *guess)
{
  guint64 n = stats->n_values;
  guint n_distinct = g_hash_table_size (stats->distinct);
  gboolean id_name = sg_name_looks_like_id (name);
  guint64 n_numbers = decimal_comma ? stats->n_number_comma : stats->n_number;

  memset (guess, 0, sizeof *guess);
  guess->date_order = SG_DATE_ORDER_AUTO;

  if (n == 0)
    {
      guess->type = SG_COLUMN_TEXT;
      guess->note = g_strdup (_("Every value in the sample is missing."));
      return;
    }
  if (stats->n_boolean == n)
    {
      guess->type = SG_COLUMN_BOOLEAN;
      return;
    }
  if (stats->n_integer == n && stats->n_padded == 0)
    {
      if (id_name && n_distinct == n)
        {
          guess->type = SG_COLUMN_IDENTIFIER;
          guess->role = "id";
          guess->note = g_strdup (_("Whole numbers, different on every row: read as an identifier."));
          return;
        }
      guess->type = SG_COLUMN_INTEGER;
      guess->role = id_name ? "id" : NULL;
      return;
    }
  if (n_numbers == n && stats->n_padded == 0)
    {
      guess->type = SG_COLUMN_DECIMAL;
      guess->role = id_name ? "id" : NULL;
      return;
    }
  if (stats->n_date_any == n)
    {
      gboolean ymd = stats->n_date[SG_DATE_ORDER_YMD] == n;
      gboolean dmy = stats->n_date[SG_DATE_ORDER_DMY] == n;
      gboolean mdy = stats->n_date[SG_DATE_ORDER_MDY] == n;

      guess->type = stats->n_time > 0 ? SG_COLUMN_DATETIME : SG_COLUMN_DATE;
      if (ymd)
        guess->date_order = SG_DATE_ORDER_YMD;
      else if (date_order != SG_DATE_ORDER_AUTO && stats->n_date[date_order] == n)
        guess->date_order = date_order;
      else if (dmy && mdy)
        {
          guess->ambiguous = TRUE;
          guess->note = g_strdup (_("Every date reads both as day/month and as month/day: choose the order."));
        }
      else if (dmy)
        guess->date_order = SG_DATE_ORDER_DMY;
      else if (mdy)
        guess->date_order = SG_DATE_ORDER_MDY;
      else
        goto strings;  /* some only day-first, others only month-first: not one format */
      if (!guess->ambiguous && guess->date_order != SG_DATE_ORDER_YMD)
        guess->note = g_strdup (guess->date_order == SG_DATE_ORDER_DMY ? _("Dates read day first (DD/MM/YYYY).")
                                                                       : _("Dates read month first (MM/DD/YYYY)."));
      return;
    }

strings:
  if (stats->n_email * 10 >= n * 9)
    {
      guess->type = n_distinct == n ? SG_COLUMN_IDENTIFIER : SG_COLUMN_TEXT;
      guess->role = "email";
      return;
    }
  if (n_distinct == n && n >= 2 && stats->n_space == 0 && stats->max_len <= 64 &&
      (id_name || stats->n_digit == n))
    {
      guess->type = SG_COLUMN_IDENTIFIER;
      guess->role = "id";
      if (stats->n_padded > 0)
        guess->note = g_strdup (_("Numbers with leading zeros, different on every row: kept as written, as an identifier."));
      else
        guess->note = g_strdup (_("Different on every row: read as an identifier."));
      return;
    }
  if (n_distinct <= 1000 && n_distinct < n && ((guint64) n_distinct * 2 <= n || n < 50))
    {
      guess->type = SG_COLUMN_CATEGORICAL;
      guess->role = name_looks_like_person (name) ? "name" : NULL;
      return;
    }
  guess->type = SG_COLUMN_TEXT;
  guess->role = name_looks_like_person (name) ? "name" : NULL;
  if (stats->n_number > n / 2)
    guess->note = g_strdup (_("Mostly numbers, but some values are not: read as text."));
}
