"""Evidence forms as data: which fields each kind asks for, built from the framework at hand."""
