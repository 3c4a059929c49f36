"""The satisfaction survey: NPS/CSAT/CES formulas, answer parsers and the figures calculator."""
