/* sg-table.h — an in-memory, column-oriented table of typed values
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Imported datasets, derived features and prepared matrices all pass through SgTable.
 * Numeric kinds (integer, decimal, boolean, date, datetime) are stored as doubles with NaN
 * for a missing value; dates and datetimes as seconds since 1970-01-01 UTC. String kinds
 * (categorical, identifier, text) are stored as pointers into a per-column string pool,
 * NULL for a missing value.
 */
#pragma once

#include <glib.h>
#include <glib-object.h>

G_BEGIN_DECLS

typedef enum {
  SG_COLUMN_INTEGER,
  SG_COLUMN_DECIMAL,
  SG_COLUMN_BOOLEAN,
  SG_COLUMN_DATE,
  SG_COLUMN_DATETIME,
  SG_COLUMN_CATEGORICAL,
  SG_COLUMN_IDENTIFIER,
  SG_COLUMN_TEXT,
  SG_N_COLUMN_TYPES
} SgColumnType;

const char *sg_column_type_to_string   (SgColumnType  type);
gboolean    sg_column_type_from_string (const char   *name,
                                        SgColumnType *type);
/* A short, translated name for people ("Whole number", "Date"...). */
const char *sg_column_type_get_label   (SgColumnType  type);
gboolean    sg_column_type_is_numeric  (SgColumnType  type);

typedef struct _SgColumn SgColumn;

struct _SgColumn {
  char         *name;
  SgColumnType  type;
  char         *role;      /* NULL, or a role such as "id", "email", "recency", "monetary" */
  guint64       n_missing;
  GArray       *numbers;   /* double, numeric kinds only */
  GPtrArray    *strings;   /* const char * into pool, string kinds only */
  GStringChunk *pool;
};

SgColumn   *sg_column_new            (const char   *name,
                                      SgColumnType  type);
void        sg_column_free           (SgColumn     *column);
SgColumn   *sg_column_copy           (const SgColumn *column);
guint       sg_column_get_n_rows     (const SgColumn *column);
gboolean    sg_column_is_numeric     (const SgColumn *column);
void        sg_column_set_role       (SgColumn     *column,
                                      const char   *role);
void        sg_column_append_number  (SgColumn     *column,
                                      double        value);
void        sg_column_append_string  (SgColumn     *column,
                                      const char   *value);
/* Appends the @length bytes at @value (not necessarily NUL-terminated). */
void        sg_column_append_string_len (SgColumn   *column,
                                         const char *value,
                                         gsize       length);
void        sg_column_append_missing (SgColumn     *column);
gboolean    sg_column_is_missing     (const SgColumn *column,
                                      guint         row);
double      sg_column_get_number     (const SgColumn *column,
                                      guint         row);
const char *sg_column_get_string     (const SgColumn *column,
                                      guint         row);
const double *sg_column_get_numbers  (const SgColumn *column);
/* The value as a person reads it: numbers without trailing zeros, dates in ISO 8601,
 * "" for a missing value. */
char       *sg_column_format_value   (const SgColumn *column,
                                      guint         row);

typedef struct _SgTable SgTable;

#define SG_TYPE_TABLE (sg_table_get_type ())
GType       sg_table_get_type        (void) G_GNUC_CONST;

SgTable    *sg_table_new             (const char   *name);
SgTable    *sg_table_ref             (SgTable      *table);
void        sg_table_unref           (SgTable      *table);
const char *sg_table_get_name        (SgTable      *table);
void        sg_table_set_name        (SgTable      *table,
                                      const char   *name);
guint       sg_table_get_n_rows      (SgTable      *table);
guint       sg_table_get_n_columns   (SgTable      *table);
SgColumn   *sg_table_get_column      (SgTable      *table,
                                      guint         index);
/* Returns the column's index, or -1. */
int         sg_table_lookup_column   (SgTable      *table,
                                      const char   *name);
/* The table owns the new column. */
SgColumn   *sg_table_add_column      (SgTable      *table,
                                      const char   *name,
                                      SgColumnType  type);
void        sg_table_take_column     (SgTable      *table,
                                      SgColumn     *column);
/* FALSE (with an error naming the column) when columns differ in length. */
gboolean    sg_table_check           (SgTable      *table,
                                      GError      **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SgColumn, sg_column_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SgTable, sg_table_unref)

G_END_DECLS
