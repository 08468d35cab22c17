/* sg-kpi-row.h — one KPI of a playbook: what is measured, in which unit, where it is and where it should go
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An expander row titled with the KPI's name and summarised in its subtitle ("4.5 % today → 6 %
 * target"); opened, it shows the measure (a standard one or a name of the user's), the unit, the
 * baseline and the target. Numbers may be typed with a comma or a point, with or without "%".
 * "edited" is emitted for the user's edits (sg_kpi_row_get_kpi() has them), "remove" when the user asks
 * to remove the KPI.
 */
#pragma once

#include <adwaita.h>

#include "sg-playbook.h"

G_BEGIN_DECLS

#define SG_TYPE_KPI_ROW (sg_kpi_row_get_type ())
G_DECLARE_FINAL_TYPE (SgKpiRow, sg_kpi_row, SG, KPI_ROW, AdwExpanderRow)

GtkWidget   *sg_kpi_row_new         (const SgKpi *kpi);
const SgKpi *sg_kpi_row_get_kpi     (SgKpiRow    *self);
/* Shows @kpi without emitting "edited". */
void         sg_kpi_row_set_kpi     (SgKpiRow    *self,
                                     const SgKpi *kpi);
/* FALSE when a baseline or target is typed but is not a number. */
gboolean     sg_kpi_row_get_valid   (SgKpiRow    *self);

/* A number as people type it: "4.5", "4,5", "4.5 %", "1,234.50", "1.234,50", "€ 45"; "" gives NaN.
 * FALSE for anything else. */
gboolean     sg_kpi_row_parse_value (const char  *text,
                                     double      *value);
/* The row's subtitle: "4.5 % today → 6 % target", "Target 6 %", "No baseline or target yet". */
char        *sg_kpi_row_describe    (const SgKpi *kpi);

G_END_DECLS
