/* sg-report.h — the stakeholder report of a run, as a PDF drawn with Cairo and Pango
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Pages, in order:
 *   1. title: project, run, date and the headline figures (customers segmented, segments, quality);
 *   2. the data: dataset, rows, rows left out and why, the features, how the data was prepared;
 *   3. method and quality: the algorithm in a sentence, the settings that matter, the quality
 *      measures with what they mean, and the k scan with its reason when k was chosen automatically;
 *   4. the customer map (principal components coloured by segment) and the segment sizes;
 *   5. segment profiles: the heatmap of standardised differences and the segment averages;
 *   then one page per segment: name and colour, size and share, what sets it apart, its key chart,
 *   its persona and its playbook.
 * Text that does not fit flows onto continuation pages; every page but the title page carries the
 * project name and date in its header and its number in the footer.
 *
 * Used by `segmenta-cli report` and the app's Export page. Needs Cairo and Pango, not GTK.
 */
#pragma once

#include <gio/gio.h>

#include "sg-progress.h"
#include "sg-project.h"

G_BEGIN_DECLS

typedef enum {
  SG_REPORT_PAPER_A4,
  SG_REPORT_PAPER_LETTER,
} SgReportPaper;

/* "a4", "letter" (case-insensitive). */
gboolean    sg_report_paper_from_string (const char    *name,
                                         SgReportPaper *paper);
const char *sg_report_paper_to_string   (SgReportPaper  paper);

/* (The core's SgReportOptions, sg-segment-report.h, is the segment analysis: hence "Pdf".) */
typedef struct {
  SgReportPaper  paper;        /* A4 */
  const char    *font_family;  /* a Pango family list; NULL: the report's default */
  const char    *date;         /* the date printed on the report; NULL: today, in the locale's words */
  guint          max_sentences;/* profile sentences per segment; 0: 5 */
} SgReportPdfOptions;

void     sg_report_pdf_options_init (SgReportPdfOptions *options);

/* Writes the report of run @run_id to @path (replaced only when the whole report was written).
 * Returns the number of pages, or 0 with @error set (SG_ERROR_NOT_FOUND for no such run,
 * SG_ERROR_IO when the file cannot be written, G_IO_ERROR_CANCELLED). @options may be NULL. */
guint    sg_report_write_pdf        (SgProject                 *project,
                                     gint64                     run_id,
                                     const char                *path,
                                     const SgReportPdfOptions  *options,
                                     SgProgress                *progress,
                                     GError                   **error);

/* The same on a worker thread with its own connection to the project. */
void     sg_report_write_pdf_async  (SgProject                 *project,
                                     gint64                     run_id,
                                     const char                *path,
                                     const SgReportPdfOptions  *options,
                                     GCancellable              *cancellable,
                                     SgProgressFunc             progress_func,
                                     gpointer                   progress_data,
                                     GAsyncReadyCallback        callback,
                                     gpointer                   user_data);
/* The number of pages, or 0 with @error set. */
guint    sg_report_write_pdf_finish (SgProject                 *project,
                                     GAsyncResult              *result,
                                     GError                   **error);

G_END_DECLS
