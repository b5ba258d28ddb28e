"""A company's answers as data: the JSON Schema, reading and writing answer files, and showing them."""
