"""Pure extraction of fields from ad text: text in, fields out, no I/O."""
