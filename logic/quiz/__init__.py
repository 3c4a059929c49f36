"""The revision quiz: question bank, computations, generation, grading, summary, requests."""
