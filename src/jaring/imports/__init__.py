"""Worker import pipeline. The modules here without Django (reader, headers, normalise, schema, dedupe,
report, pipeline) run and are tested without a database."""
