"""The annual performance report: one `ReportData` rendered as a PDF and as a workbook.

`clusterhub.evaluation.reports.data` holds the plain data the renderers read (no database);
`pdf.render_pdf` and `workbook.render_xlsx` turn it into bytes in Korean or English.
"""
