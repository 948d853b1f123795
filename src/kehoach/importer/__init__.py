"""Reading an existing plan (DOCX, PDF text, plain text) back into a plan.yaml.

Its modules follow one another, each using only those before it:

- :mod:`~kehoach.importer.source`: the source as paragraphs with where they come from
  (a line of a text, a paragraph of a DOCX), broken lines joined, page numbers dropped;
- :mod:`~kehoach.importer.docx_source` and :mod:`~kehoach.importer.pdf_source`: a DOCX's
  paragraphs and tables, a PDF's text layer;
- :mod:`~kehoach.importer.markers`: the marker a paragraph starts with (I., 1., 1.1., a), -, +);
- :mod:`~kehoach.importer.frame`: the parts around the body: header, title, subject, basis,
  Nơi nhận and signer;
- :mod:`~kehoach.importer.body`: the body as mục, khoản, điểm and lists, phases, units, slogans;
- :mod:`~kehoach.importer.letters`: what kehoach's own letters beside a plan DOCX add (unit ids,
  partners);
- :mod:`~kehoach.importer.recognise`: the whole plan as plan.yaml data with its notes;
- :mod:`~kehoach.importer.yaml_out`: that data as a commented plan.yaml.
"""
