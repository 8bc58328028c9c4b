"""Reading inputs: files, YAML, the export and scenario formats, into the model.

Data flows one way::

    files             a regular file, within the size limit
    yaml.reader       its bytes into a tree of mappings, lists and text, with marks
    yaml.problems     what is wrong, each at a place in the tree (file:line:col)
    fields, schema    the checks of one field; what the formats allow
    records           an export's clients, contacts and relations
    references        the references between records, once all are in
    export_file       an export file, read once (export_split: on two processors);
                      what any file is, scenario or export (file_kind)
    events            a scenario's events, and the ids they name
    scenario_file     a scenario file, with its export, options and expectations
    loading           the entry points: load_export, load_scenario
"""
