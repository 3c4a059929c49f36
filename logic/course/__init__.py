"""The course: its concepts and themes, the revision menu, what the NLU says about them."""
