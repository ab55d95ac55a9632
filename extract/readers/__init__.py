"""The fact readers, one package per fact type: each reads the parsed Doc (and the layout and
rule matches kept on it) and returns frozen facts (`extract/facts.py`)."""
