"""The PTC (Propaganda Techniques Corpus, SemEval-2020 Task 11) file formats and official metrics."""
