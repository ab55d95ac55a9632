"""Rule pattern data (JSONL files); this file lets the folder install as `extract.pattern_files`."""
