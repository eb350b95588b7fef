"""Values: periods, the vocabulary and its terms, citations, activities, questions, decisions."""
