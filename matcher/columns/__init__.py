"""Column files: every matching fact of every document as numpy arrays, for fast matching.

The per-document checks in matcher.constraints* are the definition of a match; this package
answers the same question for a whole area at once. A rebuild writes one ColumnSet beside
the search index; a match filters and ranks it with array operations, then re-checks only
the few documents it returns with the per-document code, which also writes their
explanations. Documents the arrays cannot describe exactly are flagged and always go
through the per-document code, so the fast path never changes an answer.
"""
