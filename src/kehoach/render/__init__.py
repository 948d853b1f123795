"""Documents into bytes: the list of documents, templates compiled and checked, DOCX, HTML, iCalendar, PDF.

Below publishing (which writes the bytes) and above the views (what each document shows).
"""
