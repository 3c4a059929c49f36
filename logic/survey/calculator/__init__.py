"""The calculator that reads the figures a student types and answers with the computation."""
