"""Reading an existing plan (DOCX, PDF text, plain text) back into a plan.yaml.

Its modules follow one another, each using only those before it:

- :mod:`~kehoach.importer.source`: the source as paragraphs with where they come from
  (a line of a text, a paragraph of a DOCX), broken lines joined, page numbers and running
  headers dropped, tables written as text ("a | b") read as tables;
- :mod:`~kehoach.importer.markers`: the marker a paragraph starts with (I., 1., 1.1., a), -, +);
- :mod:`~kehoach.importer.docx_source` and :mod:`~kehoach.importer.pdf_source`: a DOCX's
  paragraphs, emphasis and tables (through :mod:`kehoach.render.internals` where python-docx
  offers no public way), a PDF's text layer read with positions;
- :mod:`~kehoach.importer.tables`: a table back into plan.yaml's (TT column, groups, merges);
- :mod:`~kehoach.importer.casing`: upper-cased titles given back their case from the text;
- :mod:`~kehoach.importer.outline`: paragraphs nested by their markers, the numbering style,
  the source's numbering slips, and the notes (comments, warnings) taken along the way;
- :mod:`~kehoach.importer.body`: the content of a mục, khoản or phase (short forms or blocks);
- :mod:`~kehoach.importer.lists`: the mục that hold the phases, the units and their tasks, the
  slogans;
- :mod:`~kehoach.importer.frame`: the parts around the body: header, title, subject, basis,
  Nơi nhận and signer;
- :mod:`~kehoach.importer.recognise`: the whole plan as plan.yaml data with its notes;
- :mod:`~kehoach.importer.letters`: what kehoach's own letters beside a plan DOCX add (unit ids,
  partners, phases and deadlines of tasks; with :mod:`~kehoach.importer.roles` the body's khoản
  given to units, with :mod:`~kehoach.importer.task_tables` a task table's column roles);
- :mod:`~kehoach.importer.notices`: what kehoach's notices to the bodies a schedule names add
  (the schedule's addressee column and its ``notice``);
- :mod:`~kehoach.importer.repair`: what kehoach's checks refuse, kept as words and marked;
- :mod:`~kehoach.importer.yaml_out`: the data as a commented plan.yaml.

The command (:mod:`kehoach.commands.import_plan`) reads, recognises, writes the YAML and
validates it, repairing round by round, before anything is written.
"""
