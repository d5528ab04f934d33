"""The page cache: reader pages kept whole, tagged by what they show, purged on commit.

See docs/architecture.md ("The page cache") for the contract other apps rely on.
"""
