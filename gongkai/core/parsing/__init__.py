"""Reading published annual reports (text, HTML, DOCX, PDF, scans) into the report model."""
