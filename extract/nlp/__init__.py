"""What every reader asks of the spaCy Doc: its layout (`layout`), the dependency labels and
phrase helpers of its parse (`syntax`)."""
