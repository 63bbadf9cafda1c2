"""Propaganda-technique detection (the 14 techniques of SemEval-2020 Task 11)."""
